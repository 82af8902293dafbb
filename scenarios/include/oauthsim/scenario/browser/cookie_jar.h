#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oauthsim/common/clock.h"
#include "oauthsim/common/url.h"

namespace oauthsim::scenario {

struct Cookie {
  std::string name;
  std::string value;
  std::string domain;      // lower-case host (host-only) or the Domain attribute without a dot
  bool host_only = true;   // sent only to exactly `domain`
  std::string path = "/";  // sent to this path and below
  bool secure = false;
  bool http_only = false;
  std::string same_site;  // as sent ("Lax", "Strict", "None") or empty; not enforced
  std::optional<std::int64_t> expires_ms;  // nullopt: a session cookie
};

// The browser's cookie store, an RFC 6265 subset. Cookies are keyed by host, not by port, as
// browsers do: two parties on 127.0.0.1 share one cookie namespace.
// Max-Age and Expires are honoured when the jar has a clock; without one every cookie lasts for
// the session, except that Max-Age<=0 still deletes (how servers log a user out).
class CookieJar {
 public:
  explicit CookieJar(const common::Clock* clock = nullptr) : clock_(clock) {}

  // Applies one Set-Cookie header value received in the response to `from`. Returns false when
  // the header is ignored (no name=value, or a Domain the host does not belong to).
  bool store(const common::Url& from, std::string_view set_cookie);
  // The Cookie header value for a request to `url` ("a=1; b=2"), or "" when no cookie applies.
  // Longer paths first, then older cookies first (RFC 6265 5.4).
  std::string cookie_header_for(const common::Url& url) const;

  // Live cookies, oldest first.
  std::vector<Cookie> all() const;
  std::optional<Cookie> find(std::string_view name, std::string_view host) const;
  void clear() { cookies_.clear(); }

 private:
  struct Stored {
    Cookie cookie;
    std::uint64_t created = 0;
  };
  bool expired(const Cookie& c) const;

  const common::Clock* clock_;
  std::vector<Stored> cookies_;
  std::uint64_t next_created_ = 0;
};

// RFC 6265 5.1.1 cookie date ("Wed, 21 Oct 2015 07:28:00 GMT" and the older variants), as
// milliseconds since the epoch; nullopt when it is not a date.
std::optional<std::int64_t> parse_cookie_date(std::string_view s);

}  // namespace oauthsim::scenario
