#include "oauthsim/authz/token_store.h"

namespace oauthsim::authz {
namespace {
// Distinct scope lists are few (a client's scopes in some order); past this many, stop sharing
// rather than let a client grow the table.
constexpr std::size_t kMaxInternedScopeLists = 4096;
// Revocations of grants that never appeared are forgotten past this many, oldest first.
constexpr std::size_t kMaxOrphanRevocations = 10'000;
}  // namespace

InMemoryTokenStore::InMemoryTokenStore(TokenStoreLimits limits) : limits_(limits) {}

InMemoryTokenStore::Scopes InMemoryTokenStore::intern(const std::vector<std::string>& scopes) {
  auto it = interned_scopes_.find(scopes);
  if (it != interned_scopes_.end()) return it->second;
  auto shared = std::make_shared<const std::vector<std::string>>(scopes);
  if (interned_scopes_.size() < kMaxInternedScopeLists) interned_scopes_.emplace(scopes, shared);
  return shared;
}

void InMemoryTokenStore::add_grant(Grant grant) {
  std::lock_guard lock(mu_);
  GrantEntry& e = grants_[grant.id];
  e.client_id = std::move(grant.client_id);
  e.username = std::move(grant.username);
  e.scopes = intern(grant.scopes);
  e.created_ms = grant.created_ms;
  e.known = true;
}

std::optional<Grant> InMemoryTokenStore::find_grant(const std::string& grant_id) const {
  std::lock_guard lock(mu_);
  auto it = grants_.find(grant_id);
  if (it == grants_.end() || !it->second.known) return std::nullopt;
  const GrantEntry& e = it->second;
  return Grant{it->first, e.client_id, e.username, *e.scopes, e.created_ms};
}

InMemoryTokenStore::GrantRef InMemoryTokenStore::grant_for_token(
    const std::string& grant_id, const std::string& client_id, const std::string& username,
    const std::vector<std::string>& scopes) {
  auto [it, inserted] = grants_.try_emplace(grant_id);
  GrantEntry& e = it->second;
  if (!e.known && e.tokens == 0) {
    // A token for a grant this store never saw (or only saw revoked): it carries the facts.
    e.client_id = client_id;
    e.username = username;
    e.scopes = intern(scopes);
  }
  ++e.tokens;
  return &*it;
}

void InMemoryTokenStore::release(GrantRef grant) {
  if (--grant->second.tokens == 0) grants_.erase(grants_.find(grant->first));
}

bool InMemoryTokenStore::grant_revoked(const std::string& grant_id) const {
  auto it = grants_.find(grant_id);
  return it != grants_.end() && it->second.revoked;
}

bool InMemoryTokenStore::reap() {
  bool evicted = false;
  const std::int64_t forget_before = now_ms_ - kMemoryPastExpiryMs;
  while (!access_order_.empty()) {
    auto* front = access_order_.front();
    const bool over_cap = access_.size() > limits_.max_live_tokens;
    if (!over_cap && front->second.expires_ms > forget_before) break;
    evicted = evicted || over_cap;
    GrantRef grant = front->second.grant;
    access_.erase(access_.find(front->first));  // by iterator: the key dies with the node
    access_order_.pop_front();
    release(grant);
  }
  while (!refresh_order_.empty()) {
    auto* front = refresh_order_.front();
    const bool over_cap = refresh_.size() > limits_.max_live_tokens;
    if (!over_cap && front->second.expires_ms > forget_before) break;
    evicted = evicted || over_cap;
    GrantRef grant = front->second.grant;
    refresh_.erase(refresh_.find(front->first));
    refresh_order_.pop_front();
    release(grant);
  }
  while (!orphan_revocations_.empty() && (orphan_revocations_.front().first <= forget_before ||
                                          orphan_revocations_.size() > kMaxOrphanRevocations)) {
    auto it = grants_.find(orphan_revocations_.front().second);
    if (it != grants_.end() && !it->second.known && it->second.tokens == 0) grants_.erase(it);
    orphan_revocations_.pop_front();
  }
  if (evicted && !eviction_announced_) {
    eviction_announced_ = true;
    return true;
  }
  return false;
}

void InMemoryTokenStore::add_access_token(AccessTokenRecord record) {
  std::function<void(std::size_t)> announce;
  {
    std::lock_guard lock(mu_);
    now_ms_ = std::max(now_ms_, record.issued_ms);
    GrantRef grant =
        grant_for_token(record.grant_id, record.client_id, record.username, record.scopes);
    Scopes scopes =
        *grant->second.scopes == record.scopes ? grant->second.scopes : intern(record.scopes);
    auto [it, inserted] = access_.try_emplace(std::move(record.token));
    if (!inserted) release(it->second.grant);  // the same token again: replaced in place
    it->second = AccessEntry{grant,
                             std::move(scopes),
                             record.issued_ms,
                             record.expires_ms,
                             std::move(record.certificate_thumbprint),
                             false};
    if (inserted) access_order_.push_back(&*it);
    if (reap()) announce = on_first_eviction_;
  }
  if (announce) announce(limits_.max_live_tokens);
}

void InMemoryTokenStore::add_refresh_token(RefreshTokenRecord record) {
  std::function<void(std::size_t)> announce;
  {
    std::lock_guard lock(mu_);
    GrantRef grant =
        grant_for_token(record.grant_id, record.client_id, record.username, record.scopes);
    Scopes scopes =
        *grant->second.scopes == record.scopes ? grant->second.scopes : intern(record.scopes);
    auto [it, inserted] = refresh_.try_emplace(std::move(record.token));
    if (!inserted) release(it->second.grant);
    it->second = RefreshEntry{grant, std::move(scopes), record.expires_ms, false};
    if (inserted) refresh_order_.push_back(&*it);
    if (reap()) announce = on_first_eviction_;
  }
  if (announce) announce(limits_.max_live_tokens);
}

AccessTokenRecord InMemoryTokenStore::access_record(const std::string& token,
                                                    const AccessEntry& e) const {
  const GrantEntry& g = e.grant->second;
  return AccessTokenRecord{token,     e.grant->first, g.client_id,  g.username,
                           *e.scopes, e.issued_ms,    e.expires_ms, e.certificate_thumbprint};
}

RefreshTokenRecord InMemoryTokenStore::refresh_record(const std::string& token,
                                                      const RefreshEntry& e) const {
  const GrantEntry& g = e.grant->second;
  return RefreshTokenRecord{token,      e.grant->first, g.client_id,
                            g.username, *e.scopes,      e.expires_ms};
}

std::optional<AccessTokenLookup> InMemoryTokenStore::find_access_token(
    const std::string& token) const {
  std::lock_guard lock(mu_);
  auto it = access_.find(token);
  if (it == access_.end()) return std::nullopt;
  const bool revoked = it->second.revoked || it->second.grant->second.revoked;
  return AccessTokenLookup{access_record(it->first, it->second), revoked};
}

std::optional<RefreshTokenRecord> InMemoryTokenStore::find_refresh_token(
    const std::string& token) const {
  std::lock_guard lock(mu_);
  auto it = refresh_.find(token);
  if (it == refresh_.end()) return std::nullopt;
  return refresh_record(it->first, it->second);
}

ConsumeResult InMemoryTokenStore::consume_refresh_token(const std::string& token,
                                                        const std::string& client_id,
                                                        std::int64_t now_ms,
                                                        bool revoke_grant_on_reuse) {
  std::lock_guard lock(mu_);
  now_ms_ = std::max(now_ms_, now_ms);
  auto it = refresh_.find(token);
  if (it == refresh_.end()) return {ConsumeStatus::kUnknown, std::nullopt};
  RefreshEntry& e = it->second;
  GrantEntry& grant = e.grant->second;
  if (grant.client_id != client_id) return {ConsumeStatus::kWrongClient, std::nullopt};
  RefreshTokenRecord record = refresh_record(it->first, e);
  if (e.used) {
    // A rotated-out token came back: either the client or an attacker holds a stolen copy,
    // and the server cannot tell which, so the whole grant goes (RFC 9700 4.14.2).
    if (revoke_grant_on_reuse) grant.revoked = true;
    return {ConsumeStatus::kReused, std::move(record)};
  }
  if (grant.revoked) return {ConsumeStatus::kRevoked, std::move(record)};
  e.used = true;
  if (now_ms >= e.expires_ms) return {ConsumeStatus::kExpired, std::move(record)};
  return {ConsumeStatus::kConsumed, std::move(record)};
}

void InMemoryTokenStore::revoke_grant(const std::string& grant_id) {
  std::lock_guard lock(mu_);
  auto [it, inserted] = grants_.try_emplace(grant_id);
  it->second.revoked = true;
  if (inserted) {
    orphan_revocations_.emplace_back(now_ms_, grant_id);
    reap();
  }
}

bool InMemoryTokenStore::is_grant_revoked(const std::string& grant_id) const {
  std::lock_guard lock(mu_);
  return grant_revoked(grant_id);
}

void InMemoryTokenStore::revoke_access_token(const std::string& token) {
  std::lock_guard lock(mu_);
  auto it = access_.find(token);
  if (it != access_.end()) it->second.revoked = true;
}

std::size_t InMemoryTokenStore::revoke_grants_of_user(const std::string& username) {
  std::lock_guard lock(mu_);
  std::size_t n = 0;
  for (auto& [id, grant] : grants_) {
    if (grant.known && grant.username == username && !grant.revoked) {
      grant.revoked = true;
      ++n;
    }
  }
  return n;
}

void InMemoryTokenStore::clear() {
  std::lock_guard lock(mu_);
  access_order_.clear();
  refresh_order_.clear();
  orphan_revocations_.clear();
  access_.clear();
  refresh_.clear();
  grants_.clear();
  interned_scopes_.clear();
  eviction_announced_ = false;
}

void InMemoryTokenStore::set_on_first_eviction(std::function<void(std::size_t)> announce) {
  std::lock_guard lock(mu_);
  on_first_eviction_ = std::move(announce);
}

std::size_t InMemoryTokenStore::access_token_count() const {
  std::lock_guard lock(mu_);
  return access_.size();
}

std::size_t InMemoryTokenStore::refresh_token_count() const {
  std::lock_guard lock(mu_);
  return refresh_.size();
}

std::size_t InMemoryTokenStore::grant_count() const {
  std::lock_guard lock(mu_);
  return grants_.size();
}

}  // namespace oauthsim::authz
