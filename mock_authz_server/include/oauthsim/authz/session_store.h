#pragma once
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "oauthsim/authz/idle_map.h"
#include "oauthsim/common/clock.h"

namespace oauthsim::authz {

// A logged-in browser at the authorization server (the sr_session cookie).
struct Session {
  std::string id;
  std::string username;
  std::int64_t expires_ms = 0;
};

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  virtual void put(Session session) = 0;
  // nullopt when unknown or expired.
  virtual std::optional<Session> find(const std::string& id, std::int64_t now_ms) const = 0;
  virtual void erase_user(const std::string& username) = 0;
  virtual void clear() = 0;  // every browser logged out (the control API's reset)
};

// Sessions unused for an hour of wall-clock time are forgotten (the browser logs in again).
class InMemorySessionStore final : public SessionStore {
 public:
  static constexpr IdleLimits kDefaultLimits{60 * 60 * 1000, 100'000};
  // wall: measures idleness; null: the system clock.
  explicit InMemorySessionStore(const common::Clock* wall = nullptr,
                                IdleLimits limits = kDefaultLimits);
  void put(Session session) override;
  std::optional<Session> find(const std::string& id, std::int64_t now_ms) const override;
  void erase_user(const std::string& username) override;
  void clear() override;

 private:
  const common::Clock& wall_;
  mutable std::mutex mu_;
  mutable IdleMap<Session> sessions_;
};

}  // namespace oauthsim::authz
