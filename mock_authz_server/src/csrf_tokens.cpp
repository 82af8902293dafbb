#include "oauthsim/authz/csrf_tokens.h"

#include "oauthsim/common/encoding.h"

namespace oauthsim::authz {

std::string CsrfTokens::issue(const std::string& session_id, const std::string& request_id,
                              std::int64_t expires_ms) {
  std::string token = random_.token(32);
  std::lock_guard lock(mu_);
  if (tokens_.size() >= 1024) sweep(expires_ms - 3'600'000);
  tokens_.insert_or_assign(token, Binding{session_id, request_id, expires_ms});
  return token;
}

bool CsrfTokens::consume(const std::string& token, const std::string& session_id,
                         const std::string& request_id, std::int64_t now_ms) {
  if (token.empty()) return false;
  std::lock_guard lock(mu_);
  auto it = tokens_.find(token);
  if (it == tokens_.end()) return false;
  const Binding& b = it->second;
  const bool bound_here = common::constant_time_equals(b.session_id, session_id) &&
                          common::constant_time_equals(b.request_id, request_id);
  if (!bound_here) return false;  // not spent: the rightful page can still use it
  const bool live = now_ms < b.expires_ms;
  tokens_.erase(it);
  return live;
}

void CsrfTokens::sweep(std::int64_t now_ms) {
  std::erase_if(tokens_, [now_ms](const auto& kv) { return kv.second.expires_ms <= now_ms; });
}

void CsrfTokens::clear() {
  std::lock_guard lock(mu_);
  tokens_.clear();
}

}  // namespace oauthsim::authz
