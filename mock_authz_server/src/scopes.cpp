#include "oauthsim/authz/scopes.h"

#include <algorithm>

namespace oauthsim::authz {

ScopeResolution resolve_scopes(const std::optional<std::string>& requested,
                               const std::vector<std::string>& allowed,
                               const std::vector<std::string>& defaults) {
  ScopeResolution r;
  if (!requested) {
    r.scopes = defaults;
    if (r.scopes.empty()) r.error = "no scope was requested and the client has no default scopes";
    return r;
  }
  const auto wanted = split_scopes(*requested);
  if (wanted.empty()) {
    r.error = "the scope parameter is present but empty";
    return r;
  }
  for (const auto& s : wanted) {
    if (std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
      r.scopes.clear();
      r.error = "scope '" + s + "' is not registered for this client";
      return r;
    }
    if (std::find(r.scopes.begin(), r.scopes.end(), s) == r.scopes.end()) r.scopes.push_back(s);
  }
  return r;
}

}  // namespace oauthsim::authz
