#pragma once
// OpenSSL's queued reasons for the last failure, oldest first, for error messages.
#include <string>

namespace oauthsim::common::detail {

// Empties the queue; "" when it was empty.
std::string openssl_reasons();

}  // namespace oauthsim::common::detail
