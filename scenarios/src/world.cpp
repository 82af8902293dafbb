#include "oauthsim/scenario/world.h"

#include <algorithm>
#include <stdexcept>

#include "oauthsim/client/app_settings.h"
#include "oauthsim/common/url.h"

namespace oauthsim::scenario {
namespace {

class TamperingTransport final : public common::HttpTransport {
 public:
  TamperingTransport(common::HttpTransport& inner, const World::ResponseTamperer& tamperer)
      : inner_(inner), tamperer_(tamperer) {}
  common::HttpResponse send(const common::HttpRequest& request) override {
    common::HttpResponse response = inner_.send(request);
    if (tamperer_) tamperer_(request, response);
    return response;
  }

 private:
  common::HttpTransport& inner_;
  const World::ResponseTamperer& tamperer_;
};

class RequestTamperingTransport final : public common::HttpTransport {
 public:
  RequestTamperingTransport(common::HttpTransport& inner, const World::RequestTamperer& tamperer)
      : inner_(inner), tamperer_(tamperer) {}
  common::HttpResponse send(const common::HttpRequest& request) override {
    if (!tamperer_) return inner_.send(request);
    common::HttpRequest changed = request;
    tamperer_(changed);
    return inner_.send(changed);
  }

 private:
  common::HttpTransport& inner_;
  const World::RequestTamperer& tamperer_;
};

}  // namespace

World::World(WorldOptions options) : options_(std::move(options)), random_(options_.seed) {
  auto& clients = options_.config.clients;
  if (clients.empty()) throw std::invalid_argument("the world needs at least one client");
  if (options_.client_id.empty()) options_.client_id = clients.front().client_id;
  auto found = std::find_if(clients.begin(), clients.end(), [&](const common::ClientConfig& c) {
    return c.client_id == options_.client_id;
  });
  common::ClientConfig* registration = found == clients.end() ? nullptr : &*found;
  if (!registration) {
    throw std::invalid_argument("no client '" + options_.client_id + "' in the configuration");
  }

  // The app's port decides its redirect URI, so it starts first and the registration follows.
  client::ClientSettings settings;
  client_transport_ = std::make_unique<RequestTamperingTransport>(http_, request_tamperer_);
  app_ =
      std::make_unique<client::VendorApp>(settings, *client_transport_, clock_, random_, &trace_);
  const int app_port = app_->start("127.0.0.1", 0);
  const std::string redirect_uri = "http://127.0.0.1:" + std::to_string(app_port) + "/callback";
  registration->redirect_uris = {redirect_uri};

  authz_ = std::make_unique<authz::AuthorizationServer>(options_.config, clock_, random_, &trace_);
  authz_->start("127.0.0.1", 0);
  rs_ = std::make_unique<rs::ResourceServer>(options_.config, clock_, authz_->verifier(), &trace_);
  rs_->start("127.0.0.1", 0);

  client::register_as(settings, *registration, authz_->base_url(), rs_->base_url());
  settings.redirect_uri = redirect_uri;
  settings.scopes = options_.scopes;
  settings.use_pkce = options_.use_pkce;
  settings.auth_method = options_.auth_method;
  settings.refresh_expired_before_call = options_.refresh_ahead;
  settings.flaws = options_.client_flaws;
  app_->set_settings(settings);

  // The trace records what the user agent received, so tampering sits below the tracing.
  tampering_transport_ = std::make_unique<TamperingTransport>(http_, tamperer_);
  user_agent_transport_ = std::make_unique<common::TracingTransport>(
      *tampering_transport_, trace_, clock_, common::party::kUserAgent,
      [this](const std::string& origin) { return party_for_origin(origin); });
  user_agent_ = std::make_unique<UserAgent>(*user_agent_transport_, &clock_);
}

World::~World() {
  // The app calls the other two, so it stops first.
  if (app_) app_->stop();
  if (rs_) rs_->stop();
  if (authz_) authz_->stop();
}

const common::ClientConfig& World::client_registration() const {
  return *options_.config.find_client(options_.client_id);
}

std::string World::connect_url() const {
  return app_->base_url() + "/connect";
}

std::string World::action_url(const std::string& api_path) const {
  return common::append_query(app_->base_url() + "/action", common::Params{{"path", api_path}});
}

std::string World::app_url(const std::string& path) const {
  return app_->base_url() + path;
}

void World::mark(std::string text) {
  common::TraceEntry e;
  e.time_ms = clock_.now_ms();
  e.observer = e.from = e.to = common::party::kHarness;
  e.note = std::move(text);
  trace_.record(std::move(e));
}

std::string World::token_endpoint() const {
  return authz_->base_url() + client::kTokenPath;
}

std::string World::party_for_origin(const std::string& origin) const {
  auto origin_of = [](const std::string& base) {
    auto u = common::parse_url(base);
    return u ? u->origin() : base;
  };
  if (origin == origin_of(app_->base_url())) return common::party::kClient;
  if (origin == origin_of(authz_->base_url())) return common::party::kAuthorizationServer;
  if (origin == origin_of(rs_->base_url())) return common::party::kResourceServer;
  return common::party::kUnknown;
}

}  // namespace oauthsim::scenario
