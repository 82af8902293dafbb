#include "oauthsim/authz/session_store.h"

namespace oauthsim::authz {

void InMemorySessionStore::put(Session session) {
  std::lock_guard lock(mu_);
  std::string key = session.id;
  sessions_.insert_or_assign(std::move(key), std::move(session));
}

std::optional<Session> InMemorySessionStore::find(const std::string& id,
                                                  std::int64_t now_ms) const {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end() || now_ms >= it->second.expires_ms) return std::nullopt;
  return it->second;
}

void InMemorySessionStore::erase_user(const std::string& username) {
  std::lock_guard lock(mu_);
  std::erase_if(sessions_, [&](const auto& kv) { return kv.second.username == username; });
}

void InMemorySessionStore::clear() {
  std::lock_guard lock(mu_);
  sessions_.clear();
}

}  // namespace oauthsim::authz
