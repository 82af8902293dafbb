#include "serve_world.h"

#include <algorithm>
#include <iostream>

#include "oauthsim/authz/metadata.h"
#include "oauthsim/client/app_settings.h"
#include "oauthsim/common/http_server.h"
#include "oauthsim/control/clock_json.h"

namespace oauthsim::app {
namespace {

constexpr int kTimeoutSeconds = 10;  // the vendor app's calls to the mock never hang a page

// Runs one server's start(), turning a bind failure into ServeStartError.
template <typename Start>
void start_or_explain(Start start) {
  try {
    start();
  } catch (const std::runtime_error& e) {
    throw ServeStartError(e.what());
  }
}

std::unique_ptr<state::StateFile> open_state(const std::string& path) {
  if (path.empty()) return nullptr;
  return std::make_unique<state::StateFile>(path);
}

// A saved clock resumes where it stood; otherwise the system's time, so expiry looks real.
std::int64_t start_time(state::StateFile* file) {
  if (file) {
    if (auto saved = file->clock_ms()) return *saved;
  }
  return common::SystemClock().now_ms();
}

std::string plural(std::int64_t n, const std::string& what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

}  // namespace

std::string describe(const LoadedState& loaded) {
  const std::string clock = control::rfc3339_utc(loaded.clock_ms);
  if (loaded.created) {
    return "  state file            " + loaded.path +
           " (new: nothing loaded; the clock starts at " + clock + ")\n";
  }
  const auto& s = loaded.summary;
  return "  state file            " + loaded.path + ": loaded " + plural(s.grants, "live grant") +
         ", " + plural(s.access_tokens, "live access token") + ", " +
         plural(s.refresh_tokens, "live refresh token") + ", " +
         plural(s.codes, "unredeemed code") + "; the clock resumed at " + clock + "\n";
}

ServeWorld::ServeWorld(ServeOptions options)
    : options_(std::move(options)),
      state_(open_state(options_.state_path)),
      clock_(start_time(state_.get())),
      trace_(options_.trace_limit),
      // The app keeps its connections to the servers, as a deployed app's HTTP client does.
      http_(kTimeoutSeconds, common::HttpResponseLimits{}, options_.tls_client,
            common::ConnectionReuse::kKeepAlive) {
  trace_.set_on_first_drop([](std::size_t capacity) {
    std::cerr << "oauthsim serve: the trace is full (" << capacity
              << " entries): the oldest are dropped from now on (GET /_oauthsim/trace counts "
                 "them; --trace-limit sets the size)"
              << std::endl;
  });
  authz::AuthorizationServerSetup setup;
  setup.tls = options_.tls_server;
  const authz::TokenStoreLimits limits{options_.max_live_tokens};
  const auto announce_eviction = [](std::size_t cap) {
    std::cerr << "oauthsim serve: " << cap
              << " live access (or refresh) tokens: the oldest are evicted from now on, and "
                 "their holders get invalid_token / invalid_grant (--max-live-tokens)"
              << std::endl;
  };
  if (state_) {
    // Saved at once, so a new file remembers the start time and a restart resumes from it.
    state_->save_clock(clock_);
    loaded_ = LoadedState{state_->path(), state_->created(), state_->summary(clock_.now_ms()),
                          clock_.now_ms()};
    setup.codes = state_->make_code_store();
    setup.tokens = state_->make_token_store(limits, announce_eviction);
  } else {
    auto tokens = std::make_unique<authz::InMemoryTokenStore>(limits);
    tokens->set_on_first_eviction(announce_eviction);
    setup.tokens = std::move(tokens);
  }
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

  authz_ = std::make_unique<authz::AuthorizationServer>(options_.config, clock_, random_, &trace_,
                                                        std::move(setup));
  rs_ = std::make_unique<rs::ResourceServer>(options_.config, clock_, authz_->verifier(), &trace_,
                                             options_.tls_server);
  rs_->use_rate_limit_clock(wall_clock_);
  rs_->serve_token_endpoint(authz::paths::kToken, authz_->token_endpoint_handler(),
                            common::party::kAuthorizationServer, authz_->faults());
  // Routes go in before the server starts serving.
  control::ControlTargets targets{*authz_, *rs_, clock_, trace_};
  // A reset leaves the clock alone (it belongs to serve, not to the authorization server), so
  // only an advance needs saving.
  if (state_) targets.after_clock_advance = [this] { state_->save_clock(clock_); };
  control_ = std::make_unique<control::ControlApi>(std::move(targets));
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
                                             &trace_, options_.tls_server);
  start_or_explain([&] { app_->start(options_.host, options_.client_port); });
}

void ServeWorld::configure_app(const std::string& redirect_uri) {
  const common::ClientConfig& registration = options_.config.clients.front();
  client::ClientSettings s;
  client::register_as(s, registration, authz_->base_url(), rs_->base_url());
  s.redirect_uri = redirect_uri;
  // Every scope the client may ask for, so the demo can call each Customer API route.
  s.scopes = registration.scopes;
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
