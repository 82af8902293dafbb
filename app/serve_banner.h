#pragma once
#include <ostream>

#include "serve_world.h"

namespace oauthsim::app {

// What `oauthsim serve` tells a person once everything listens: the URLs, the registered
// clients (never their secrets), the demo users with their passwords (demo credentials from
// the configuration: showing them is the point), where to start a flow, and the control API.
void print_banner(std::ostream& out, const ServeWorld& world);

}  // namespace oauthsim::app
