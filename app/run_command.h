#pragma once

namespace oauthsim::app {

// `oauthsim run`: argv[0] is "run". Returns the process exit code.
int run_command(int argc, char** argv);

}  // namespace oauthsim::app
