#pragma once
#include <functional>
#include <string_view>

#include "oauthsim/authz/authorization_server.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/http_server.h"
#include "oauthsim/common/trace.h"
#include "oauthsim/rs/resource_server.h"

namespace oauthsim::control {

// Where every control route lives, on the authorization server.
inline constexpr std::string_view kPrefix = "/_oauthsim/";

// What the control API steers; everything outlives the ControlApi.
struct ControlTargets {
  authz::AuthorizationServer& authorization_server;
  rs::ResourceServer& resource_server;
  common::VirtualClock& clock;
  common::Trace& trace;
  // Called after POST /_oauthsim/clock/advance has moved the clock, before it answers: lets
  // `oauthsim serve --state` save the new time (VirtualClock itself knows nothing of files).
  // Empty: nothing to do.
  std::function<void()> after_clock_advance = {};
};

// The harness's remote control under /_oauthsim/: the shared clock, faults on either server,
// the trace, users' grants and a reset. JSON in and out; only loopback peers are answered; bad
// input gets 400 invalid_request naming the field; its own exchanges stay out of the trace.
class ControlApi {
 public:
  explicit ControlApi(ControlTargets targets) : t_(targets) {}

  // Adds the routes to the server (the authorization server's, before it starts) and keeps
  // /_oauthsim/ out of its trace.
  void install(common::HttpServer& server);

 private:
  ControlTargets t_;
};

// True for 127.0.0.1, ::1 and IPv4-mapped ::ffff:127.0.0.1: the only peers the control API
// answers, since whoever reaches it can move the clock, revoke grants and read the trace.
bool is_loopback_peer(std::string_view remote_addr);
// True for a Host header that names this machine: localhost, 127.0.0.1 or [::1], with or
// without a port. Any other name may be a web page's own, rebound to 127.0.0.1.
bool is_loopback_host(std::string_view host);

}  // namespace oauthsim::control
