#pragma once
// The vendor app's insides, shared by the files that each serve one group of routes.
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <httplib.h>

#include "counting_transport.h"
#include "oauthsim/client/client_error.h"
#include "oauthsim/client/oauth_client.h"
#include "oauthsim/client/vendor_app.h"
#include "oauthsim/common/http_server.h"
#include "session_store.h"

namespace oauthsim::client {

struct VendorApp::Impl {
  Impl(ClientSettings settings, common::HttpTransport& transport, const common::Clock& clock,
       common::Random& random, common::Trace* trace, std::optional<common::TlsServerOptions> tls,
       VendorAppSessionLimits session_limits);

  // The client is swapped whole by set_settings; a request keeps the one it started with.
  std::shared_ptr<OAuthClient> oauth() const;
  std::shared_ptr<detail::VendorSession> session_of(const httplib::Request& req);

  // Runs `serve` with the session's lock held, or answers 409 when the browser has no
  // session or the session has no tokens.
  template <typename Serve>
  void with_connected_session(const httplib::Request& req, httplib::Response& res, Serve&& serve) {
    auto session = session_of(req);
    if (!session) return not_connected(res);
    std::lock_guard lock(session->mu);
    if (!session->tokens) return not_connected(res);
    serve(*session);
  }

  // vendor_app.cpp: starting and finishing the flow.
  void on_connect(const httplib::Request& req, httplib::Response& res);
  void on_callback(const httplib::Request& req, httplib::Response& res);
  void greet(OAuthClient& client, detail::VendorSession& session, httplib::Response& res);

  // vendor_app_api_routes.cpp: GET and POST /action.
  void on_get_action(const httplib::Request& req, httplib::Response& res);
  void on_post_action(const httplib::Request& req, httplib::Response& res);
  void call_api(const httplib::Request& req, httplib::Response& res, const std::string& method,
                const std::string& path, const std::string& json_body);

  // vendor_app_token_routes.cpp: POST /refresh and POST /revoke.
  void on_refresh(const httplib::Request& req, httplib::Response& res);
  void on_revoke(const httplib::Request& req, httplib::Response& res);

  // Answers a failed API call or refresh with 502. A refresh refused with invalid_grant
  // means the grant is dead for good, so the session forgets its tokens (see the .cpp).
  static void answer_client_error(detail::VendorSession& session, const ClientError& e,
                                  const std::string& title, httplib::Response& res);
  static void not_connected(httplib::Response& res);
  static void fail(httplib::Response& res, int status, const std::string& title,
                   const std::string& message);
  // The urlencoded form of a POST, or nullopt after answering 400.
  static std::optional<common::Params> form_or_400(const httplib::Request& req,
                                                   httplib::Response& res);

  common::HttpServer server;
  detail::CountingTransport counting;
  const common::Clock& clock;
  common::Random& random;
  common::SystemClock system_wall;  // measures the sessions' idleness unless a test gives a clock
  detail::SessionStore sessions;

  mutable std::mutex mu;  // guards client and last_connected
  std::shared_ptr<OAuthClient> client;
  std::shared_ptr<detail::VendorSession> last_connected;
};

}  // namespace oauthsim::client
