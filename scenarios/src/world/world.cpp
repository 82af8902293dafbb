#include "oauthsim/scenario/world/world.h"

#include <algorithm>
#include <stdexcept>

#include "oauthsim/authz/metadata.h"
#include "oauthsim/client/app_settings.h"
#include "oauthsim/common/url.h"

namespace oauthsim::scenario {
namespace {

constexpr int kTimeoutSeconds = 10;  // SocketHttpTransport's default: no exchange may hang a run

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

World::World(WorldOptions options)
    : options_(std::move(options)), random_(options_.seed), trace_(options_.trace_capacity) {
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
  std::optional<common::TlsClientOptions> verify, app;
  if (options_.tls) {
    tls_ = world_tls_setup(*options_.tls, *registration);
  } else if (options_.tls_setup) {
    tls_ = options_.tls_setup;
  }
  if (tls_) {
    verify = tls_->verify;
    app = tls_->app;
  }
  http_ = std::make_unique<common::SocketHttpTransport>(
      kTimeoutSeconds, common::HttpResponseLimits{}, verify, options_.connections);
  app_http_ = std::make_unique<common::SocketHttpTransport>(
      kTimeoutSeconds, common::HttpResponseLimits{}, app, options_.connections);
  if (options_.external_client) {
    // The vendor registered its app as it is: its redirect URIs stay exactly as given.
    start_servers(options_.config);
  } else {
    start_reference_app(*registration);
  }
  if (options_.on_servers_listening) {
    options_.on_servers_listening({authz_->base_url(), rs_->base_url()});
  }
  start_user_agent();
}

void World::start_servers(const common::Config& config) {
  authz::AuthorizationServerSetup setup;
  if (tls_) setup.tls = tls_->server;
  authz_ = std::make_unique<authz::AuthorizationServer>(config, clock_, random_, &trace_,
                                                        std::move(setup));
  authz_->start(options_.host, options_.authz_port);
  rs_ = std::make_unique<rs::ResourceServer>(config, clock_, authz_->verifier(), &trace_,
                                             server_tls());
  // SR answers its token endpoint on the Customer API's host too: same store, same trace.
  rs_->serve_token_endpoint(authz::paths::kToken, authz_->token_endpoint_handler(),
                            common::party::kAuthorizationServer, authz_->faults());
  rs_->start(options_.host, options_.api_port);
}

void World::start_reference_app(common::ClientConfig& registration) {
  // The app's port decides its redirect URI, so it starts first and the registration follows.
  client::ClientSettings settings;
  client_transport_ = std::make_unique<RequestTamperingTransport>(*app_http_, request_tamperer_);
  app_ = std::make_unique<client::VendorApp>(settings, *client_transport_, clock_, random_, &trace_,
                                             server_tls());
  app_->start("127.0.0.1", 0);
  const std::string redirect_uri = app_->base_url() + "/callback";
  registration.redirect_uris = {redirect_uri};

  start_servers(options_.config);

  client::register_as(settings, registration, authz_->base_url(), rs_->base_url());
  settings.redirect_uri = redirect_uri;
  settings.token_endpoint = token_endpoint();
  settings.scopes = options_.scopes;
  settings.use_pkce = options_.use_pkce;
  if (options_.auth_method) settings.auth_method = *options_.auth_method;
  settings.refresh_expired_before_call = options_.refresh_ahead;
  settings.flaws = options_.client_flaws;
  app_->set_settings(settings);
}

std::optional<common::TlsServerOptions> World::server_tls() const {
  if (!tls_) return std::nullopt;
  return tls_->server;
}

std::unique_ptr<common::HttpTransport> World::transport_presenting(
    AppCertificate certificate) const {
  if (!tls_) throw std::logic_error("a client certificate needs a TLS world (world.tls)");
  common::TlsClientOptions options = tls_->verify;
  if (const auto* c = app_certificate(certificate, client_registration())) {
    options.certificate_file = c->certificate_file;
    options.private_key_file = c->private_key_file;
  }
  return std::make_unique<common::SocketHttpTransport>(kTimeoutSeconds,
                                                       common::HttpResponseLimits{}, options);
}

void World::start_user_agent() {
  // The trace records what the user agent received, so tampering sits below the tracing.
  tampering_transport_ = std::make_unique<TamperingTransport>(*http_, tamperer_);
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

client::VendorApp& World::vendor_app() {
  if (!app_) throw std::logic_error("there is no reference app: the client is external");
  return *app_;
}

std::string World::connect_url() const {
  if (options_.external_client) return options_.external_client->start_url;
  return app_->base_url() + "/connect";
}

std::string World::action_url(const std::string& api_path) const {
  if (options_.external_client) {
    if (options_.external_client->action_url.empty()) {
      throw std::runtime_error("call_api " + api_path +
                               ": the client under test has no action URL (--action URL), so "
                               "nothing can make it call the Customer API");
    }
    return options_.external_client->action_url;
  }
  return common::append_query(app_->base_url() + "/action", common::Params{{"path", api_path}});
}

std::string World::app_url(const std::string& path) const {
  if (!app_) {
    throw std::runtime_error(path +
                             " is a route of the reference app; the client under test is "
                             "external and offers only its start and action URLs");
  }
  return app_->base_url() + path;
}

void World::mark(std::string text) {
  mark_action(0, {}, std::move(text));
}

void World::mark_action(std::size_t number, std::string action, std::string text) {
  common::TraceEntry e;
  e.time_ms = clock_.now_ms();
  e.observer = e.from = e.to = common::party::kHarness;
  e.note = std::move(text);
  e.action_number = number;
  e.action = std::move(action);
  trace_.record(std::move(e));
}

std::string World::token_endpoint() const {
  return (options_.token_endpoint_on_api_host ? rs_->base_url() : authz_->base_url()) +
         client::kTokenPath;
}

std::string World::party_for_origin(const std::string& origin) const {
  auto origin_of = [](const std::string& base) {
    auto u = common::parse_url(base);
    return u ? u->origin() : base;
  };
  if (app_ && origin == origin_of(app_->base_url())) return common::party::kClient;
  if (options_.external_client) {
    // The vendor's app may answer on several origins: where the flow starts, where its action
    // lives, and where SR redirects the user back to.
    const auto& ext = *options_.external_client;
    if (origin == origin_of(ext.start_url)) return common::party::kClient;
    if (!ext.action_url.empty() && origin == origin_of(ext.action_url)) {
      return common::party::kClient;
    }
    for (const auto& uri : client_registration().redirect_uris) {
      if (origin == origin_of(uri)) return common::party::kClient;
    }
  }
  if (origin == origin_of(authz_->base_url())) return common::party::kAuthorizationServer;
  if (origin == origin_of(rs_->base_url())) return common::party::kResourceServer;
  return common::party::kUnknown;
}

}  // namespace oauthsim::scenario
