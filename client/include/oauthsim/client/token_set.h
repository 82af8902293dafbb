#pragma once
#include <cstdint>
#include <limits>
#include <string>

#include "oauthsim/common/clock.h"

namespace oauthsim::client {

// The tokens of one grant as the client keeps them.
struct TokenSet {
  // When the server sends no expires_in the client cannot know; it then relies on a 401.
  static constexpr std::int64_t kNoExpiry = std::numeric_limits<std::int64_t>::max();

  std::string access_token, refresh_token, scope, token_type;
  std::int64_t expires_at_ms = kNoExpiry;  // on the clock the client was given

  bool expired(const common::Clock& clock) const { return clock.now_ms() >= expires_at_ms; }
};

}  // namespace oauthsim::client
