#pragma once

namespace oauthsim::common {

// Blocks SIGINT and SIGTERM in this thread (call first in main, before threads start) ...
void block_termination_signals();
// ... then waits for one of them; returns the signal number.
int wait_for_termination_signal();

}  // namespace oauthsim::common
