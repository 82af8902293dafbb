#pragma once
// Waiting on a non-blocking socket with a deadline, for the plain and the TLS client.
#include <chrono>

namespace oauthsim::common::detail {

// Waits until fd is ready for `events` (poll flags) or the deadline passes; false on timeout.
// A poll error returns true so that the following I/O call reports it.
bool wait_for(int fd, short events, std::chrono::steady_clock::time_point deadline);

}  // namespace oauthsim::common::detail
