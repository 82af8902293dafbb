#include "oauthsim/authz/pending_request_store.h"

namespace oauthsim::authz {

InMemoryPendingRequestStore::InMemoryPendingRequestStore(const common::Clock* wall,
                                                         IdleLimits limits)
    : wall_(wall ? *wall : system_wall_clock()), pending_(limits) {}

void InMemoryPendingRequestStore::put(PendingRequest pending) {
  std::lock_guard lock(mu_);
  const std::string key = pending.id;
  pending_.put(key, std::move(pending), wall_.now_ms());
}

std::optional<PendingRequest> InMemoryPendingRequestStore::find(const std::string& id,
                                                                std::int64_t now_ms) const {
  std::lock_guard lock(mu_);
  const PendingRequest* p = pending_.find(id, wall_.now_ms());
  if (!p || now_ms >= p->expires_ms) return std::nullopt;
  return *p;
}

std::optional<PendingRequest> InMemoryPendingRequestStore::take(const std::string& id,
                                                                std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  PendingRequest* found = pending_.find(id, wall_.now_ms());
  if (!found) return std::nullopt;
  PendingRequest p = std::move(*found);
  pending_.erase(id);
  if (now_ms >= p.expires_ms) return std::nullopt;
  return p;
}

void InMemoryPendingRequestStore::clear() {
  std::lock_guard lock(mu_);
  pending_.clear();
}

}  // namespace oauthsim::authz
