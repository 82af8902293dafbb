#pragma once
#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "oauthsim/client/client_settings.h"
#include "oauthsim/client/token_set.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/idle_map.h"
#include "oauthsim/common/random.h"
#include "oauthsim/common/tls_options.h"
#include "oauthsim/common/trace.h"

namespace oauthsim::client {

// How long the app keeps a browser's session: one unused for `idle` of wall-clock time is
// forgotten (the browser connects again), and past the cap the least recently used goes.
struct VendorAppSessionLimits {
  const common::Clock* wall = nullptr;  // measures idleness; null: the system clock
  common::IdleLimits limits{60 * 60 * 1000, 10'000};
};

// The small vendor web app built on OAuthClient: / (home), /connect (starts the flow),
// /callback (finishes it and greets the user from /users/me), /action?path=/... (calls the
// Customer API with the session's tokens). Sessions live in memory behind a cookie.
class VendorApp {
 public:
  // trace may be null. The transport carries the app's calls to the authorization server
  // and the Customer API; those servers record them, so it needs no tracing of its own. For
  // https endpoints it must verify them (SocketHttpTransport with TlsClientOptions), and for
  // RFC 8705 authentication or bound tokens it carries the client certificate. With `tls` the
  // app itself serves https (its session cookie is then Secure).
  VendorApp(ClientSettings settings, common::HttpTransport& transport, const common::Clock& clock,
            common::Random& random, common::Trace* trace,
            std::optional<common::TlsServerOptions> tls = std::nullopt,
            VendorAppSessionLimits sessions = {});
  ~VendorApp();
  VendorApp(const VendorApp&) = delete;
  VendorApp& operator=(const VendorApp&) = delete;

  int start(const std::string& host = "127.0.0.1", int port = 0);  // returns the port
  void stop();
  std::string base_url() const;

  // Allowed before flows start: the e2e test learns the servers' ports after starting the app.
  void set_settings(ClientSettings settings);

  // Tokens of the most recently connected session (inspection for tests).
  std::optional<TokenSet> current_tokens() const;
  // Token endpoint calls the app made (code exchanges and refreshes).
  std::size_t token_requests() const;

  // The routes' handlers (client/src/vendor_app_impl.h), named here so the vendor_app fuzz
  // target can answer synthetic requests in-process without a socket.
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace oauthsim::client
