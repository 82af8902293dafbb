#pragma once
#include <functional>

#include <httplib.h>

#include "oauthsim/control/control_api.h"

namespace oauthsim::control {

// A control route's body. It may throw BadRequest (400) or NotFound (404); the wrapper that
// guarded() returns also refuses peers that are not loopback (403) before it runs.
using Route = std::function<void(const httplib::Request&, httplib::Response&)>;
httplib::Server::Handler guarded(Route route);

// The route groups, each registered on the server by install().
void add_company_routes(httplib::Server& server, const ControlTargets& targets);
void add_clock_routes(httplib::Server& server, const ControlTargets& targets);
void add_fault_routes(httplib::Server& server, const ControlTargets& targets);
void add_trace_routes(httplib::Server& server, const ControlTargets& targets);
void add_user_routes(httplib::Server& server, const ControlTargets& targets);

}  // namespace oauthsim::control
