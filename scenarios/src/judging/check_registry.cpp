#include "oauthsim/scenario/judging/check_registry.h"

#include <functional>
#include <map>

#include "oauthsim/scenario/judging/client_plan_checks.h"
#include "oauthsim/scenario/judging/refresh_checks.h"

namespace oauthsim::scenario {
namespace {

using Factory = std::function<std::shared_ptr<const Check>()>;

template <typename C>
std::pair<const std::string, Factory> entry() {
  return {std::string(C().name()), [] { return std::make_shared<C>(); }};
}

// The one place a check becomes nameable from a scenario file.
const std::map<std::string, Factory>& registry() {
  static const std::map<std::string, Factory> r = {
      entry<ExpiredTokenIsRefusedAsInvalidToken>(),
      entry<ClientRefreshesAndRetriesOnce>(),
      entry<RefreshRotatesRefreshToken>(),
      entry<RotatedOutRefreshTokenIsRefused>(),
      entry<ClientAnswersEveryUserRequest>(),
      entry<StateIsNeverReused>(),
      entry<ClientReauthorizesAfterInvalidGrant>(),
      entry<GrantedScopeIsRespected>(),
      entry<ApiErrorIsNotHammered>(),
  };
  return r;
}

}  // namespace

std::shared_ptr<const Check> make_extra_check(std::string_view name) {
  auto it = registry().find(std::string(name));
  return it == registry().end() ? nullptr : it->second();
}

std::vector<std::string> extra_check_names() {
  std::vector<std::string> names;
  for (const auto& [name, factory] : registry()) names.push_back(name);
  return names;
}

bool is_standard_check(std::string_view name) {
  for (const auto& c : standard_checks()) {
    if (c->name() == name) return true;
  }
  return false;
}

std::vector<std::string> standard_check_names() {
  std::vector<std::string> names;
  for (const auto& c : standard_checks()) names.emplace_back(c->name());
  return names;
}

}  // namespace oauthsim::scenario
