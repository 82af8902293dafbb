#pragma once
#include <stdexcept>

namespace oauthsim::control {

// Thrown by the control routes; the route wrapper turns them into JSON answers in one place.
// 400 invalid_request: what() names the field and what was expected.
class BadRequest : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
// 404 not_found: what() says what does not exist.
class NotFound : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace oauthsim::control
