#include "oauthsim/client/client_flaw.h"

#include <array>
#include <utility>

namespace oauthsim::client {
namespace {

constexpr std::array<std::pair<ClientFlaw, std::string_view>, 11> kNames = {{
    {ClientFlaw::kNoState, "no_state"},
    {ClientFlaw::kStateNotChecked, "state_not_checked"},
    {ClientFlaw::kCodeRedeemedTwice, "code_redeemed_twice"},
    {ClientFlaw::kSecretInQuery, "secret_in_query"},
    {ClientFlaw::kTokenInQuery, "token_in_query"},
    {ClientFlaw::kRotatedRefreshTokenNotKept, "rotated_refresh_token_not_kept"},
    {ClientFlaw::kRefreshRetriedForever, "refresh_retried_forever"},
    {ClientFlaw::kTokenRequestAfterDenial, "token_request_after_denial"},
    {ClientFlaw::kRedirectUriNotSent, "redirect_uri_not_sent"},
    {ClientFlaw::kTokenAnswerNotChecked, "token_answer_not_checked"},
    {ClientFlaw::kApiErrorRetriedAtOnce, "api_error_retried_at_once"},
}};

}  // namespace

std::string_view flaw_name(ClientFlaw flaw) {
  for (const auto& [f, name] : kNames) {
    if (f == flaw) return name;
  }
  return "unknown";
}

std::optional<ClientFlaw> parse_client_flaw(std::string_view name) {
  for (const auto& [f, n] : kNames) {
    if (n == name) return f;
  }
  return std::nullopt;
}

const std::vector<ClientFlaw>& all_client_flaws() {
  static const std::vector<ClientFlaw> kAll = [] {
    std::vector<ClientFlaw> v;
    for (const auto& [f, name] : kNames) v.push_back(f);
    return v;
  }();
  return kAll;
}

}  // namespace oauthsim::client
