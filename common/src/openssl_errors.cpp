#include "openssl_errors.h"

#include <openssl/err.h>

namespace oauthsim::common::detail {

std::string openssl_reasons() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    out += (out.empty() ? "" : "; ") + std::string(buf);
  }
  return out;
}

}  // namespace oauthsim::common::detail
