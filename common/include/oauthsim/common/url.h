#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "oauthsim/common/encoding.h"

namespace oauthsim::common {

// An absolute http(s) URL split into the parts the parties need.
struct Url {
  std::string scheme;  // "http" or "https", lower case
  std::string host;    // without brackets
  int port = 0;        // explicit or the scheme's default
  std::string path;    // "/" when empty
  std::string query;   // raw, without '?'
  std::string fragment;

  std::string origin() const;          // scheme://host[:port], default port left out
  std::string path_and_query() const;  // what goes on the request line
  Params query_params() const;         // invalid escapes are kept verbatim
  std::string to_string() const;
};

std::optional<Url> parse_url(std::string_view s, std::string* error = nullptr);

// base + "?" or "&" + encoded params (keeps any query the base already has).
std::string append_query(const std::string& base, const Params& params);

}  // namespace oauthsim::common
