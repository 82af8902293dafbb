#pragma once
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "oauthsim/client/client_settings.h"
#include "oauthsim/client/token_set.h"
#include "oauthsim/common/random.h"

namespace oauthsim::client::detail {

// One browser's state in the vendor app. `mu` serializes the session's flows, so two
// tabs cannot both spend the same (one-time) refresh token.
struct VendorSession {
  std::mutex mu;
  std::optional<PendingAuthorization> pending;
  std::optional<TokenSet> tokens;
};

// In-memory sessions keyed by unguessable ids; the oldest are forgotten past a cap so a
// client hammering /connect cannot grow memory without bound.
class SessionStore {
 public:
  explicit SessionStore(common::Random& random, std::size_t max_sessions = 10000)
      : random_(random), max_sessions_(max_sessions) {}

  std::pair<std::string, std::shared_ptr<VendorSession>> create();
  std::shared_ptr<VendorSession> find(std::string_view id) const;

 private:
  common::Random& random_;
  std::size_t max_sessions_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<VendorSession>> sessions_;
  std::deque<std::string> order_;  // creation order, for eviction
};

// The value of cookie `name` in a Cookie request header ("a=1; b=2").
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

}  // namespace oauthsim::client::detail
