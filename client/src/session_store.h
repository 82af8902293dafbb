#pragma once
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "oauthsim/client/client_settings.h"
#include "oauthsim/client/token_set.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/idle_map.h"
#include "oauthsim/common/random.h"

namespace oauthsim::client::detail {

// One browser's state in the vendor app. `mu` serializes the session's flows, so two
// tabs cannot both spend the same (one-time) refresh token.
struct VendorSession {
  std::mutex mu;
  std::optional<PendingAuthorization> pending;
  std::optional<TokenSet> tokens;
};

// In-memory sessions keyed by unguessable ids. Like the mock's login sessions, one unused for
// an hour of wall-clock time is forgotten (a virtual clock that stands still must not keep it
// forever; the browser connects again), and past the cap the least recently used goes, so a
// client hammering /connect cannot grow memory without bound.
class SessionStore {
 public:
  // wall measures idleness.
  SessionStore(common::Random& random, const common::Clock& wall, common::IdleLimits limits)
      : random_(random), wall_(wall), sessions_(limits) {}

  std::pair<std::string, std::shared_ptr<VendorSession>> create();
  // Null when unknown or idle too long; otherwise marked used now.
  std::shared_ptr<VendorSession> find(std::string_view id);
  std::size_t size() const;

 private:
  common::Random& random_;
  const common::Clock& wall_;
  mutable std::mutex mu_;
  common::IdleMap<std::shared_ptr<VendorSession>> sessions_;
};

// The value of cookie `name` in a Cookie request header ("a=1; b=2").
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

}  // namespace oauthsim::client::detail
