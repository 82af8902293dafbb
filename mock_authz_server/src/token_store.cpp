#include "oauthsim/authz/token_store.h"

namespace oauthsim::authz {

void InMemoryTokenStore::add_grant(Grant grant) {
  std::lock_guard lock(mu_);
  std::string key = grant.id;
  grants_.insert_or_assign(std::move(key), std::move(grant));
}

std::optional<Grant> InMemoryTokenStore::find_grant(const std::string& grant_id) const {
  std::lock_guard lock(mu_);
  auto it = grants_.find(grant_id);
  if (it == grants_.end()) return std::nullopt;
  return it->second;
}

void InMemoryTokenStore::add_access_token(AccessTokenRecord record) {
  std::lock_guard lock(mu_);
  if (access_.size() >= next_sweep_) {
    // Expired tokens answer "inactive" whether or not they are remembered.
    const std::int64_t now = record.issued_ms;
    std::erase_if(access_, [now](const auto& kv) { return kv.second.record.expires_ms <= now; });
    next_sweep_ = std::max(kMinSweep, access_.size() * 2);
  }
  std::string key = record.token;
  access_.insert_or_assign(std::move(key), AccessEntry{std::move(record), false});
}

void InMemoryTokenStore::add_refresh_token(RefreshTokenRecord record) {
  std::lock_guard lock(mu_);
  std::string key = record.token;
  refresh_.insert_or_assign(std::move(key), RefreshEntry{std::move(record), false});
}

std::optional<AccessTokenLookup> InMemoryTokenStore::find_access_token(
    const std::string& token) const {
  std::lock_guard lock(mu_);
  auto it = access_.find(token);
  if (it == access_.end()) return std::nullopt;
  const bool revoked = it->second.revoked || revoked_grants_.contains(it->second.record.grant_id);
  return AccessTokenLookup{it->second.record, revoked};
}

std::optional<RefreshTokenRecord> InMemoryTokenStore::find_refresh_token(
    const std::string& token) const {
  std::lock_guard lock(mu_);
  auto it = refresh_.find(token);
  if (it == refresh_.end()) return std::nullopt;
  return it->second.record;
}

ConsumeResult InMemoryTokenStore::consume_refresh_token(const std::string& token,
                                                        const std::string& client_id,
                                                        std::int64_t now_ms,
                                                        bool revoke_grant_on_reuse) {
  std::lock_guard lock(mu_);
  auto it = refresh_.find(token);
  if (it == refresh_.end()) return {ConsumeStatus::kUnknown, std::nullopt};
  RefreshEntry& e = it->second;
  if (e.record.client_id != client_id) return {ConsumeStatus::kWrongClient, std::nullopt};
  if (e.used) {
    // A rotated-out token came back: either the client or an attacker holds a stolen copy,
    // and the server cannot tell which, so the whole grant goes (RFC 9700 4.14.2).
    if (revoke_grant_on_reuse) revoked_grants_.insert(e.record.grant_id);
    return {ConsumeStatus::kReused, e.record};
  }
  if (revoked_grants_.contains(e.record.grant_id)) return {ConsumeStatus::kRevoked, e.record};
  e.used = true;
  if (now_ms >= e.record.expires_ms) return {ConsumeStatus::kExpired, e.record};
  return {ConsumeStatus::kConsumed, e.record};
}

void InMemoryTokenStore::revoke_grant(const std::string& grant_id) {
  std::lock_guard lock(mu_);
  revoked_grants_.insert(grant_id);
}

bool InMemoryTokenStore::is_grant_revoked(const std::string& grant_id) const {
  std::lock_guard lock(mu_);
  return revoked_grants_.contains(grant_id);
}

void InMemoryTokenStore::revoke_access_token(const std::string& token) {
  std::lock_guard lock(mu_);
  auto it = access_.find(token);
  if (it != access_.end()) it->second.revoked = true;
}

std::size_t InMemoryTokenStore::revoke_grants_of_user(const std::string& username) {
  std::lock_guard lock(mu_);
  std::size_t n = 0;
  for (const auto& [id, grant] : grants_) {
    if (grant.username == username && revoked_grants_.insert(id).second) ++n;
  }
  return n;
}

void InMemoryTokenStore::clear() {
  std::lock_guard lock(mu_);
  grants_.clear();
  revoked_grants_.clear();
  access_.clear();
  refresh_.clear();
  next_sweep_ = kMinSweep;
}

}  // namespace oauthsim::authz
