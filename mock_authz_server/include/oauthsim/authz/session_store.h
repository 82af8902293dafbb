#pragma once
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

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

class InMemorySessionStore final : public SessionStore {
 public:
  void put(Session session) override;
  std::optional<Session> find(const std::string& id, std::int64_t now_ms) const override;
  void erase_user(const std::string& username) override;
  void clear() override;

 private:
  mutable std::mutex mu_;
  std::map<std::string, Session, std::less<>> sessions_;
};

}  // namespace oauthsim::authz
