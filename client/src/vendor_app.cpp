#include "oauthsim/client/vendor_app.h"

#include <nlohmann/json.hpp>

#include "vendor_app_impl.h"
#include "vendor_pages.h"

namespace oauthsim::client {

namespace {

constexpr const char* kSessionCookie = "vendor_session";

using detail::VendorSession;

}  // namespace

VendorApp::Impl::Impl(ClientSettings settings, common::HttpTransport& transport,
                      const common::Clock& clock, common::Random& random, common::Trace* trace,
                      std::optional<common::TlsServerOptions> tls,
                      VendorAppSessionLimits session_limits)
    : server(common::party::kClient, trace, &clock, std::move(tls)),
      counting(transport, [this] { return oauth()->settings().token_endpoint; }),
      clock(clock),
      random(random),
      sessions(random, session_limits.wall ? *session_limits.wall : system_wall,
               session_limits.limits),
      client(std::make_shared<OAuthClient>(std::move(settings), counting, clock, random)) {
  server.set_peer_labeler([](const httplib::Request&) { return common::party::kUserAgent; });
  server.answer_in_html_under("/");  // every page of the app is for a browser
  auto& r = server.routes();
  r.Get("/", [](const httplib::Request&, httplib::Response& res) {
    common::send_html(res, 200, detail::home_page());
  });
  r.Get("/connect",
        [this](const httplib::Request& req, httplib::Response& res) { on_connect(req, res); });
  r.Get("/callback",
        [this](const httplib::Request& req, httplib::Response& res) { on_callback(req, res); });
  r.Get("/action",
        [this](const httplib::Request& req, httplib::Response& res) { on_get_action(req, res); });
  r.Post("/action",
         [this](const httplib::Request& req, httplib::Response& res) { on_post_action(req, res); });
  r.Post("/refresh",
         [this](const httplib::Request& req, httplib::Response& res) { on_refresh(req, res); });
  r.Post("/revoke",
         [this](const httplib::Request& req, httplib::Response& res) { on_revoke(req, res); });
}

std::shared_ptr<OAuthClient> VendorApp::Impl::oauth() const {
  std::lock_guard lock(mu);
  return client;
}

std::shared_ptr<VendorSession> VendorApp::Impl::session_of(const httplib::Request& req) {
  auto id = detail::cookie_value(req.get_header_value("Cookie"), kSessionCookie);
  return id ? sessions.find(*id) : nullptr;
}

void VendorApp::Impl::on_connect(const httplib::Request&, httplib::Response& res) {
  // Always a fresh session: reusing one the browser brought would allow session fixation.
  auto [id, session] = sessions.create();
  PendingAuthorization pending = oauth()->begin_authorization();
  res.set_header("Location", pending.url);
  {
    std::lock_guard lock(session->mu);
    session->pending = std::move(pending);
  }
  // Over https the cookie is Secure, so a browser never sends it over plain http.
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + id +
                                   "; Path=/; HttpOnly; SameSite=Lax" +
                                   (server.tls() ? "; Secure" : ""));
  res.set_header("Cache-Control", "no-store");
  res.status = 302;
  common::HttpServer::note(res, "flow started, redirecting to the authorization endpoint");
}

void VendorApp::Impl::on_callback(const httplib::Request& req, httplib::Response& res) {
  auto session = session_of(req);
  if (!session) {
    return fail(res, 400, "State mismatch",
                "state mismatch: this browser has no session that started a flow");
  }
  std::lock_guard lock(session->mu);
  if (!session->pending) {
    return fail(res, 400, "State mismatch",
                "state mismatch: no authorization is pending for this session");
  }
  auto client = oauth();
  const common::Params query = common::query_params(req);
  std::string code;
  try {
    code = client->handle_callback(query, *session->pending);
  } catch (const ClientError& e) {
    using Kind = ClientError::Kind;
    if (e.kind() == Kind::kStateMismatch || e.kind() == Kind::kMissingState) {
      // The pending flow stays: a forged callback must not cancel the user's real one.
      return fail(res, 400, "State mismatch", e.what());
    }
    session->pending.reset();
    if (e.kind() == Kind::kAccessDenied) {
      common::send_html(res, 200, detail::denied_page(query.get_or("error_description", "")));
      common::HttpServer::note(res, "access denied by the user; no token request");
      return;
    }
    return fail(res, 400, "Authorization failed", e.what());
  }
  const PendingAuthorization pending = *session->pending;
  session->pending.reset();  // a state is good for one callback only

  try {
    session->tokens = client->exchange_code(code, pending);
  } catch (const ClientError& e) {
    return fail(res, 502, "Token request failed", e.what());
  }
  {
    std::lock_guard app_lock(mu);
    last_connected = session;
  }
  greet(*client, *session, res);
}

// Step 9: the first API call proves the connection and names the user.
void VendorApp::Impl::greet(OAuthClient& client, VendorSession& session, httplib::Response& res) {
  OAuthClient::ApiResponse me;
  try {
    me = client.call_api("GET", "/users/me", *session.tokens);
  } catch (const ClientError& e) {
    return answer_client_error(session, e, "Customer API call failed", res);
  }
  if (me.status != 200) {
    return fail(res, 502, "Customer API call failed",
                "GET /users/me answered HTTP " + std::to_string(me.status));
  }
  auto j = nlohmann::json::parse(me.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return fail(res, 502, "Customer API call failed", "GET /users/me answered no JSON object");
  }
  auto text = [&j](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  common::send_html(res, 200, detail::connected_page(text("firstName"), text("lastName")));
  common::HttpServer::note(res, "connected");
}

VendorApp::VendorApp(ClientSettings settings, common::HttpTransport& transport,
                     const common::Clock& clock, common::Random& random, common::Trace* trace,
                     std::optional<common::TlsServerOptions> tls, VendorAppSessionLimits sessions)
    : impl_(std::make_unique<Impl>(std::move(settings), transport, clock, random, trace,
                                   std::move(tls), sessions)) {}

VendorApp::~VendorApp() {
  stop();
}

int VendorApp::start(const std::string& host, int port) {
  return impl_->server.start(host, port);
}

void VendorApp::stop() {
  impl_->server.stop();
}

std::string VendorApp::base_url() const {
  return impl_->server.base_url();
}

void VendorApp::set_settings(ClientSettings settings) {
  auto next = std::make_shared<OAuthClient>(std::move(settings), impl_->counting, impl_->clock,
                                            impl_->random);
  std::lock_guard lock(impl_->mu);
  impl_->client = std::move(next);
}

std::optional<TokenSet> VendorApp::current_tokens() const {
  std::shared_ptr<VendorSession> session;
  {
    std::lock_guard lock(impl_->mu);
    session = impl_->last_connected;
  }
  if (!session) return std::nullopt;
  std::lock_guard lock(session->mu);
  return session->tokens;
}

std::size_t VendorApp::token_requests() const {
  return impl_->counting.token_requests();
}

}  // namespace oauthsim::client
