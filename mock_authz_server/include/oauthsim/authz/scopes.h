#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oauthsim/common/config.h"
#include "oauthsim/common/scope.h"

namespace oauthsim::authz {

using common::join_scopes;
using common::split_scopes;

// What a request for scopes resolved to: either the scopes to grant, or why not.
struct ScopeResolution {
  std::vector<std::string> scopes;  // duplicates removed, request order kept
  std::string error;                // empty on success; otherwise an invalid_scope description
  bool ok() const { return error.empty(); }
};

// Resolves a `scope` parameter against what the client registered: absent means the
// client's default scopes (SR), present but empty is invalid, anything outside `allowed`
// is invalid.
ScopeResolution resolve_scopes(const std::optional<std::string>& requested,
                               const std::vector<std::string>& allowed,
                               const std::vector<std::string>& defaults);

}  // namespace oauthsim::authz
