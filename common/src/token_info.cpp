#include "oauthsim/common/token_info.h"

#include "oauthsim/common/scope.h"

namespace oauthsim::common {

std::vector<std::string> TokenInfo::scopes() const {
  return split_scopes(scope);
}

bool TokenInfo::has_scope(std::string_view wanted) const {
  if (wanted.empty()) return false;  // the gap between two spaces is not a scope
  std::string_view s = scope;
  while (!s.empty()) {
    const auto sp = s.find(' ');
    if (s.substr(0, sp) == wanted) return true;
    if (sp == std::string_view::npos) break;
    s = s.substr(sp + 1);
  }
  return false;
}

}  // namespace oauthsim::common
