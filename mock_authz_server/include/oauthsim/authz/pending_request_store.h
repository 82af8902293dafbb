#pragma once
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "oauthsim/authz/authorize_request.h"
#include "oauthsim/authz/idle_map.h"
#include "oauthsim/common/clock.h"

namespace oauthsim::authz {

// A validated authorization request waiting for the user to log in and decide.
struct PendingRequest {
  std::string id;
  AuthorizeRequest request;
  std::int64_t expires_ms = 0;
};

class PendingRequestStore {
 public:
  virtual ~PendingRequestStore() = default;
  virtual void put(PendingRequest pending) = 0;
  virtual std::optional<PendingRequest> find(const std::string& id, std::int64_t now_ms) const = 0;
  // Removes and returns it: a decision is taken once.
  virtual std::optional<PendingRequest> take(const std::string& id, std::int64_t now_ms) = 0;
  virtual void clear() = 0;  // every waiting request forgotten (the control API's reset)
};

// Requests left for 30 minutes of wall-clock time are forgotten (the user starts again).
class InMemoryPendingRequestStore final : public PendingRequestStore {
 public:
  // wall: measures idleness; null: the system clock.
  explicit InMemoryPendingRequestStore(const common::Clock* wall = nullptr, IdleLimits limits = {});
  void put(PendingRequest pending) override;
  std::optional<PendingRequest> find(const std::string& id, std::int64_t now_ms) const override;
  std::optional<PendingRequest> take(const std::string& id, std::int64_t now_ms) override;
  void clear() override;

 private:
  const common::Clock& wall_;
  mutable std::mutex mu_;
  mutable IdleMap<PendingRequest> pending_;
};

}  // namespace oauthsim::authz
