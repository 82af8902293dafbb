// Cookies both ways: the user agent's jar reading Set-Cookie headers (RFC 6265 subset, cookie
// dates), and the servers reading the Cookie header (the authorization server's session, the
// vendor app's session). Input: Set-Cookie lines received from one page; the last line is also
// sent back as a Cookie header. The trace never shows a cookie's value.
#include <cstdint>
#include <string>
#include <string_view>

#include <httplib.h>

#include "client/src/session_store.h"
#include "fuzz_check.h"
#include "mock_authz_server/src/browser_flow.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/trace.h"
#include "oauthsim/scenario/browser/cookie_jar.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oauthsim;
  static const auto from = *common::parse_url("http://127.0.0.1:8080/identity/oauth/login");
  static const auto later = *common::parse_url("http://127.0.0.1:9000/callback?code=x");
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  common::VirtualClock clock;
  scenario::CookieJar jar(&clock);
  std::string_view rest = input;
  std::string_view last;
  while (!rest.empty()) {
    const auto nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    last = line;
    (void)scenario::parse_cookie_date(line);
    const bool stored = jar.store(from, line);
    const std::string traced = common::redact_header("Set-Cookie", line);
    const auto eq = line.find('=');
    if (stored && eq != std::string_view::npos) {
      std::string_view value = line.substr(eq + 1);
      value = value.substr(0, value.find(';'));
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
      // Unless the attributes or the name happen to hold the same text, which may be shown.
      const auto semi = line.find(';');
      const std::string_view attributes =
          semi == std::string_view::npos ? std::string_view{} : line.substr(semi);
      FUZZ_CHECK(value.size() < 8 || line.substr(0, eq).find(value) != std::string_view::npos ||
                     attributes.find(value) != std::string_view::npos ||
                     traced.find(value) == std::string::npos,
                 traced);
    }
  }
  for (const auto& url : {from, later}) {
    const std::string header = jar.cookie_header_for(url);
    FUZZ_CHECK(header.find_first_of("\r\n") == std::string::npos, header);
  }
  for (const auto& c : jar.all()) {
    FUZZ_CHECK(!c.path.empty() && c.path.front() == '/', c.path);
    (void)jar.find(c.name, c.domain);
  }

  httplib::Request req;
  req.set_header("Cookie", std::string(last));
  (void)authz::cookie_value(req, authz::kSessionCookie);
  (void)client::detail::cookie_value(last, "vendor_session");
  (void)common::redact_header("Cookie", last);
  return 0;
}
