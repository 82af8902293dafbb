#include "oauthsim/authz/csrf_tokens.h"

#include "oauthsim/common/encoding.h"

namespace oauthsim::authz {

CsrfTokens::CsrfTokens(common::Random& random, const common::Clock* wall, IdleLimits limits)
    : random_(random), wall_(wall ? *wall : system_wall_clock()), tokens_(limits) {}

std::string CsrfTokens::issue(const std::string& session_id, const std::string& request_id,
                              std::int64_t expires_ms) {
  std::string token = random_.token(32);
  std::lock_guard lock(mu_);
  tokens_.put(token, Binding{session_id, request_id, expires_ms}, wall_.now_ms());
  return token;
}

bool CsrfTokens::consume(const std::string& token, const std::string& session_id,
                         const std::string& request_id, std::int64_t now_ms) {
  if (token.empty()) return false;
  std::lock_guard lock(mu_);
  const Binding* found = tokens_.find(token, wall_.now_ms());
  if (!found) return false;
  const Binding& b = *found;
  const bool bound_here = common::constant_time_equals(b.session_id, session_id) &&
                          common::constant_time_equals(b.request_id, request_id);
  if (!bound_here) return false;  // not spent: the rightful page can still use it
  const bool live = now_ms < b.expires_ms;
  tokens_.erase(token);
  return live;
}

void CsrfTokens::clear() {
  std::lock_guard lock(mu_);
  tokens_.clear();
}

}  // namespace oauthsim::authz
