#include "oauthsim/authz/session_store.h"

namespace oauthsim::authz {

const common::Clock& system_wall_clock() {
  static const common::SystemClock clock;
  return clock;
}

InMemorySessionStore::InMemorySessionStore(const common::Clock* wall, IdleLimits limits)
    : wall_(wall ? *wall : system_wall_clock()), sessions_(limits) {}

void InMemorySessionStore::put(Session session) {
  std::lock_guard lock(mu_);
  const std::string key = session.id;
  sessions_.put(key, std::move(session), wall_.now_ms());
}

std::optional<Session> InMemorySessionStore::find(const std::string& id,
                                                  std::int64_t now_ms) const {
  std::lock_guard lock(mu_);
  const Session* s = sessions_.find(id, wall_.now_ms());
  if (!s || now_ms >= s->expires_ms) return std::nullopt;
  return *s;
}

void InMemorySessionStore::erase_user(const std::string& username) {
  std::lock_guard lock(mu_);
  sessions_.erase_if([&](const Session& s) { return s.username == username; });
}

void InMemorySessionStore::clear() {
  std::lock_guard lock(mu_);
  sessions_.clear();
}

}  // namespace oauthsim::authz
