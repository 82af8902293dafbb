#pragma once

namespace oauthsim::app {

// `oauthsim replay`: argv[0] is "replay". Returns the process exit code.
int replay_command(int argc, char** argv);

}  // namespace oauthsim::app
