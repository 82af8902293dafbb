#pragma once
#include <cstdint>
#include <mutex>
#include <string>

#include "oauthsim/authz/idle_map.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/random.h"

namespace oauthsim::authz {

// Anti-CSRF tokens for the login and consent forms. Each token is bound to one session
// (empty before login) and one pending authorization request, and works once: a token
// lifted from one user's consent page cannot approve another request or another session.
// Tokens unused for 30 minutes of wall-clock time are forgotten.
class CsrfTokens {
 public:
  // wall: measures idleness; null: the system clock.
  explicit CsrfTokens(common::Random& random, const common::Clock* wall = nullptr,
                      IdleLimits limits = {});

  std::string issue(const std::string& session_id, const std::string& request_id,
                    std::int64_t expires_ms);
  // True (and the token is spent) only for a live token issued for exactly this binding.
  bool consume(const std::string& token, const std::string& session_id,
               const std::string& request_id, std::int64_t now_ms);
  void clear();  // every issued token forgotten (the control API's reset)

 private:
  struct Binding {
    std::string session_id;
    std::string request_id;
    std::int64_t expires_ms = 0;
  };

  common::Random& random_;
  const common::Clock& wall_;
  std::mutex mu_;
  IdleMap<Binding> tokens_;
};

}  // namespace oauthsim::authz
