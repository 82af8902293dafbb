// Absolute URLs from outside: redirect_uri parameters, Location headers the user agent follows,
// registered redirect URIs in configuration files; and the trace's redaction of a URL's query.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "oauthsim/common/trace.h"
#include "oauthsim/common/url.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oauthsim::common;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  std::string error;
  if (const auto url = parse_url(input, &error)) {
    FUZZ_CHECK(url->scheme == "http" || url->scheme == "https", url->scheme);
    FUZZ_CHECK(url->port > 0 && url->port <= 65535, std::to_string(url->port));
    FUZZ_CHECK(!url->path.empty() && url->path.front() == '/', url->path);
    (void)url->query_params();
    (void)url->origin();
    (void)url->path_and_query();
    // A URL we print reads back as the same parts.
    const auto again = parse_url(url->to_string());
    FUZZ_CHECK(again.has_value(), url->to_string());
    FUZZ_CHECK(again->scheme == url->scheme && again->host == url->host &&
                   again->port == url->port && again->path == url->path &&
                   again->query == url->query,
               url->to_string());
  } else {
    FUZZ_CHECK(!error.empty(), "a refused URL must say why");
  }
  const std::string redacted = redact_url(input);
  FUZZ_CHECK(redacted.find('\n') == std::string::npos || input.find('\n') != std::string::npos,
             "redaction added a line break");
  return 0;
}
