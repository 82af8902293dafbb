#include "oauthsim/common/token_info.h"

namespace oauthsim::common {

std::vector<std::string> TokenInfo::scopes() const {
  std::vector<std::string> out;
  std::string_view s = scope;
  while (!s.empty()) {
    const auto sp = s.find(' ');
    if (sp != 0) out.emplace_back(s.substr(0, sp));
    if (sp == std::string_view::npos) break;
    s = s.substr(sp + 1);
  }
  return out;
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
