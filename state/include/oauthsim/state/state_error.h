#pragma once
#include <stdexcept>

namespace oauthsim::state {

// Anything wrong with a state file: it cannot be created or written, it belongs to another
// program or a newer oauthsim, or SQLite failed. what() names the file and gives SQLite's reason.
class StateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace oauthsim::state
