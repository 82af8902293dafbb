// Form bodies and query strings (application/x-www-form-urlencoded), as every party reads them
// from the wire: parse_params, the request helpers on top of it, and the encoder they answer with.
#include <cstdint>
#include <string>
#include <string_view>

#include <httplib.h>

#include "fuzz_check.h"
#include "oauthsim/common/encoding.h"
#include "oauthsim/common/http_responses.h"
#include "oauthsim/common/oauth_error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oauthsim::common;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  std::string error;
  const auto parsed = parse_params(input, &error);
  if (!parsed) {
    FUZZ_CHECK(!error.empty(), "a refused form must say why");
  } else {
    // What we encode, we read back the same: names, values and order.
    const auto again = parse_params(parsed->encode());
    FUZZ_CHECK(again.has_value(), "re-encoded form does not parse");
    FUZZ_CHECK(again->items() == parsed->items(), "form changed across encode/parse");
    for (const auto& [name, value] : parsed->items()) {
      FUZZ_CHECK(parsed->count(name) >= 1, name);
      FUZZ_CHECK(parsed->get(name).has_value(), name);
    }
  }

  // The same bytes as a request's query and as its form body.
  httplib::Request req;
  req.target = "/identity/oauth/allow?" + std::string(input);
  const Params query = query_params(req);
  FUZZ_CHECK(parsed ? query.items() == parsed->items() : query.has("_query"),
             "query_params disagrees with parse_params");
  req.set_header("Content-Type", "Application/X-WWW-Form-URLEncoded; charset=utf-8");
  req.body = std::string(input);
  try {
    const Params form = form_params(req);
    FUZZ_CHECK(parsed && form.items() == parsed->items(),
               "form_params disagrees with parse_params");
  } catch (const OAuthError& e) {
    FUZZ_CHECK(!parsed, "form_params refused a form parse_params reads");
    FUZZ_CHECK(e.error() == "invalid_request", e.error());
  }
  return 0;
}
