#include "oauthsim/authz/pending_request_store.h"

namespace oauthsim::authz {

void InMemoryPendingRequestStore::put(PendingRequest pending) {
  std::lock_guard lock(mu_);
  // Abandoned requests would otherwise pile up; drop the expired ones as new ones come.
  const std::int64_t now = pending.expires_ms;
  if (pending_.size() >= 1024) {
    std::erase_if(pending_, [&](const auto& kv) { return kv.second.expires_ms < now - 3'600'000; });
  }
  std::string key = pending.id;
  pending_.insert_or_assign(std::move(key), std::move(pending));
}

std::optional<PendingRequest> InMemoryPendingRequestStore::find(const std::string& id,
                                                                std::int64_t now_ms) const {
  std::lock_guard lock(mu_);
  auto it = pending_.find(id);
  if (it == pending_.end() || now_ms >= it->second.expires_ms) return std::nullopt;
  return it->second;
}

std::optional<PendingRequest> InMemoryPendingRequestStore::take(const std::string& id,
                                                                std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  auto it = pending_.find(id);
  if (it == pending_.end()) return std::nullopt;
  PendingRequest p = std::move(it->second);
  pending_.erase(it);
  if (now_ms >= p.expires_ms) return std::nullopt;
  return p;
}

void InMemoryPendingRequestStore::clear() {
  std::lock_guard lock(mu_);
  pending_.clear();
}

}  // namespace oauthsim::authz
