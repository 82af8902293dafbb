#pragma once

namespace oauthsim::app {

// `oauthsim check-client`: argv[0] is "check-client". Returns the process exit code.
int check_client_command(int argc, char** argv);

}  // namespace oauthsim::app
