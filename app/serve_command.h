#pragma once

namespace oauthsim::app {

// `oauthsim serve`: the mock SR authorization server (with the control API under
// /_oauthsim/), the mock Customer API and the reference vendor app, until SIGINT or SIGTERM.
// Exit status: 0 after a signal, 2 for bad usage, a bad configuration or a port that cannot
// be bound, 1 for anything else that stops it from starting.
int serve_command(int argc, char** argv);

}  // namespace oauthsim::app
