#include "serve_world.h"

#include <algorithm>

#include "oauthsim/client/app_settings.h"
#include "oauthsim/common/http_server.h"

namespace oauthsim::app {
namespace {

// Runs one server's start(), turning a bind failure into ServeStartError.
template <typename Start>
void start_or_explain(Start start) {
  try {
    start();
  } catch (const std::runtime_error& e) {
    throw ServeStartError(e.what());
  }
}

}  // namespace

ServeWorld::ServeWorld(ServeOptions options)
    : options_(std::move(options)), clock_(common::SystemClock().now_ms()) {
  std::string redirect_uri;
  if (options_.with_client) {
    if (options_.config.clients.empty()) {
      throw std::invalid_argument(options_.config.source +
                                  " registers no client for the vendor app to act as; add one "
                                  "under /clients or use --no-client");
    }
    start_app();
    redirect_uri = app_->base_url() + "/callback";
    // Added, not replacing: a vendor's own app may use the same registration.
    auto& uris = options_.config.clients.front().redirect_uris;
    if (std::find(uris.begin(), uris.end(), redirect_uri) == uris.end()) {
      uris.push_back(redirect_uri);
    }
  }

  authz_ = std::make_unique<authz::AuthorizationServer>(options_.config, clock_, random_, &trace_);
  rs_ = std::make_unique<rs::ResourceServer>(options_.config, clock_, authz_->verifier(), &trace_);
  // Routes go in before the server starts serving.
  control_ =
      std::make_unique<control::ControlApi>(control::ControlTargets{*authz_, *rs_, clock_, trace_});
  control_->install(authz_->http());
  start_or_explain([&] { authz_->start(options_.host, options_.authz_port); });
  start_or_explain([&] { rs_->start(options_.host, options_.api_port); });
  if (app_) configure_app(redirect_uri);
}

ServeWorld::~ServeWorld() {
  stop();
}

void ServeWorld::stop() {
  if (app_) app_->stop();
  if (rs_) rs_->stop();
  if (authz_) authz_->stop();
}

void ServeWorld::start_app() {
  app_ = std::make_unique<client::VendorApp>(client::ClientSettings{}, http_, clock_, random_,
                                             &trace_);
  start_or_explain([&] { app_->start(options_.host, options_.client_port); });
}

void ServeWorld::configure_app(const std::string& redirect_uri) {
  const common::ClientConfig& registration = options_.config.clients.front();
  client::ClientSettings s;
  client::register_as(s, registration, authz_->base_url(), rs_->base_url());
  s.redirect_uri = redirect_uri;
  // Every scope the client may ask for, so the demo can call each Customer API route.
  s.scopes = registration.scopes;
  if (registration.token_endpoint_auth_method == "client_secret_basic") {
    s.auth_method = client::ClientAuthMethod::kClientSecretBasic;
  }
  s.use_pkce = registration.require_pkce;
  // Send the token even when the clock says it expired: the Customer API's 401, the refresh
  // and the retry then show in the trace, as RFC 6750 3.1 describes the flow.
  s.refresh_expired_before_call = false;
  app_->set_settings(std::move(s));
}

nlohmann::json ServeWorld::ready_json() const {
  nlohmann::json j = {{"authorization_server", authz_url()}, {"resource_server", api_url()}};
  if (app_) j["client"] = client_url();
  return j;
}

}  // namespace oauthsim::app
