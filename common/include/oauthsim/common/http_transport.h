#pragma once
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

#include "oauthsim/common/clock.h"
#include "oauthsim/common/encoding.h"
#include "oauthsim/common/trace.h"

namespace oauthsim::common {

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute
  Params headers;
  std::string body;
  std::string content_type;  // sent as Content-Type when body is not empty

  static HttpRequest get(std::string url) { return {"GET", std::move(url), {}, {}, {}}; }
  static HttpRequest post_form(std::string url, const Params& form) {
    return {"POST", std::move(url), {}, form.encode(), "application/x-www-form-urlencoded"};
  }
};

struct HttpResponse {
  int status = 0;
  Params headers;
  std::string body;
  // Case-insensitive header look-up.
  std::optional<std::string> header(std::string_view name) const;
};

// The connection could not be made or broke before an answer arrived.
class TransportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Seam for everything that calls another party over HTTP. Never follows redirects:
// the caller decides (the user agent follows, the OAuth client must not).
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual HttpResponse send(const HttpRequest& request) = 0;  // throws TransportError
};

// Decorator that records each exchange into a trace as `observer` saw it; the receiving
// party's name comes from the URL's origin via party_for_origin.
class TracingTransport final : public HttpTransport {
 public:
  TracingTransport(HttpTransport& inner, Trace& trace, const Clock& clock, std::string observer,
                   std::function<std::string(const std::string& origin)> party_for_origin);
  HttpResponse send(const HttpRequest& request) override;

 private:
  HttpTransport& inner_;
  Trace& trace_;
  const Clock& clock_;
  std::string observer_;
  std::function<std::string(const std::string&)> party_for_origin_;
};

}  // namespace oauthsim::common
