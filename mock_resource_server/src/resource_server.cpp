#include "oauthsim/rs/resource_server.h"

#include <cctype>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "api_handlers.h"
#include "oauthsim/common/http_server.h"
#include "oauthsim/common/oauth_error.h"
#include "oauthsim/common/peer_certificate.h"
#include "oauthsim/rs/bearer_token.h"
#include "oauthsim/rs/company_store.h"
#include "oauthsim/rs/rate_limiter.h"
#include "oauthsim/rs/route_table.h"

namespace oauthsim::rs {
namespace {

using common::BearerError;
using common::HttpServer;

void set_rate_headers(httplib::Response& res, const RateLimitStatus& s) {
  res.set_header("X-RateLimit-Limit", std::to_string(s.limit));
  res.set_header("X-RateLimit-Remaining", std::to_string(s.remaining));
  res.set_header("X-RateLimit-Concurrent-Limit", std::to_string(s.concurrent_limit));
  res.set_header("X-RateLimit-Concurrent-Remaining", std::to_string(s.concurrent_remaining));
}

std::string refusal_note(const BearerError& e) {
  if (e.error().empty()) return "refused: no bearer token";
  std::string s = "refused: " + e.error();
  if (!e.scope().empty()) s += " " + e.scope();
  // Why a token was refused (expired? bound to another certificate?) is what a reader of the
  // trace needs; the description never contains the token.
  if (e.error() == "invalid_token") s += ": " + e.description();
  return s;
}

// RFC 8705 3: a bound token is only good in the hands of the certificate it names (its
// x5t#S256); without proof of possession it would be a plain bearer token again.
void require_bound_certificate(const common::TokenInfo& info, const httplib::Request& req) {
  if (info.certificate_thumbprint.empty()) return;
  const auto peer = common::peer_certificate(req);
  if (!peer) {
    throw BearerError::invalid_token(
        "The access token is bound to a client certificate (RFC 8705 3) and the request presented "
        "none");
  }
  if (!common::constant_time_equals(peer->thumbprint_s256, info.certificate_thumbprint)) {
    throw BearerError::invalid_token(
        "The access token is bound to another certificate than the one presented (RFC 8705 3)");
  }
}

}  // namespace

struct ResourceServer::Impl {
  Impl(common::Config cfg, common::Clock& clk, common::TokenVerifier& ver, common::Trace* trace,
       std::optional<common::TlsServerOptions> tls)
      : config(std::move(cfg)),
        clock(clk),
        verifier(ver),
        http(common::party::kResourceServer, trace, &clk, std::move(tls)),
        limiter(clk, config.rate_limit.requests_per_second, config.rate_limit.concurrent),
        companies(config.data_seed, clk),
        companies_without_api(config.companies_without_customer_api.begin(),
                              config.companies_without_customer_api.end()) {
    http.set_peer_labeler([](const httplib::Request&) { return common::party::kClient; });
    http.hold_delays_for_handler();
    register_routes();
  }

  void register_routes();
  void route(std::string_view method, const httplib::Request& req, httplib::Response& res);
  void serve(const RouteSpec& route, const std::string& endpoint, const ApiHandler& handler,
             const std::string& path_id, const httplib::Request& req, httplib::Response& res);
  // The company whose data the token may see; throws invalid_token when its user is gone.
  std::string company_for(const common::TokenInfo& info, const common::UserConfig*& user) const;
  std::string public_base(const httplib::Request& req) const;
  bool has_api_access(const std::string& company) const {
    std::lock_guard lock(access_mu);
    return !companies_without_api.contains(company);
  }

  common::Config config;
  common::Clock& clock;
  common::TokenVerifier& verifier;
  HttpServer http;
  RateLimiter limiter;
  CompanyStore companies;
  mutable std::mutex access_mu;
  std::set<std::string> companies_without_api;  // guarded by access_mu
  std::string token_path;                       // empty: no token endpoint here
  httplib::Server::Handler token_handler;
};

namespace {

// A Customer API route with its handler and its rate-limit name ("GET /jobs/{id}").
struct ApiRoute {
  const RouteSpec* spec;
  std::string endpoint;
  ApiHandler handler;
};

// The same for every server of the process, so built once.
const std::vector<ApiRoute>& api_routes() {
  static const auto* routes = [] {
    const std::map<std::string_view, ApiHandler> handlers = {
        {"GET /users/me", get_users_me},
        {"GET /jobs", list_jobs},
        {"GET /jobs/{id}", get_job},
        {"POST /jobs/{id}/candidates", create_job_candidate},
        {"GET /candidates", list_candidates},
        {"GET /candidates/{id}", get_candidate},
        {"POST /candidates", create_candidate},
        {"GET /configuration/company", get_company_configuration},
    };
    auto* out = new std::vector<ApiRoute>;
    for (const auto& route : kRoutes) {
      std::string endpoint = endpoint_name(route);
      ApiHandler handler = handlers.at(endpoint);  // a route without a handler is a bug
      out->push_back({&route, std::move(endpoint), std::move(handler)});
    }
    return out;
  }();
  return *routes;
}

// A path template of the table and the methods it allows ("GET, POST"), in the order of their
// path_regex (each used to be the key of a std::map and registered in its order).
struct KnownPath {
  std::string_view path;
  std::string allow;
};

const std::vector<KnownPath>& known_paths() {
  static const auto* paths = [] {
    std::map<std::string, std::pair<std::string_view, std::set<std::string>>> by_regex;
    for (const auto& route : kRoutes) {
      auto& [path, methods] = by_regex[path_regex(route.path)];
      path = route.path;
      methods.insert(std::string(route.method));
    }
    auto* out = new std::vector<KnownPath>;
    for (const auto& [regex, entry] : by_regex) {
      std::string allow;
      for (const auto& m : entry.second) allow += (allow.empty() ? "" : ", ") + m;
      out->push_back({entry.first, std::move(allow)});
    }
    return out;
  }();
  return *paths;
}

}  // namespace

// cpp-httplib compiles a std::regex for every route a server registers, and the bracket class
// of "([^/]+)" costs ~20 us each: the thirty-odd routes of this table (each path's routes, then
// 405s for its other methods, then a 404 for anything else) took half a millisecond of every
// world's start. So each method has one route, and route() walks the table in the order those
// routes were registered, matching paths with match_path (the same decisions as their
// regexes). Its pattern reaches route() with exactly the paths they reached (routed_paths_regex).
void ResourceServer::Impl::register_routes() {
  static const std::string pattern = routed_paths_regex();
  auto& s = http.routes();
  s.Get(pattern, [this](const auto& req, auto& res) { route("GET", req, res); });
  s.Post(pattern, [this](const auto& req, auto& res) { route("POST", req, res); });
  s.Put(pattern, [this](const auto& req, auto& res) { route("PUT", req, res); });
  s.Patch(pattern, [this](const auto& req, auto& res) { route("PATCH", req, res); });
  s.Delete(pattern, [this](const auto& req, auto& res) { route("DELETE", req, res); });
}

// `method` is the route's (cpp-httplib serves HEAD with the GET routes).
void ResourceServer::Impl::route(std::string_view method, const httplib::Request& req,
                                 httplib::Response& res) {
  for (const auto& r : api_routes()) {
    if (r.spec->method != method) continue;
    if (auto values = match_path(r.spec->path, req.path)) {
      serve(*r.spec, r.endpoint, r.handler, values->empty() ? "" : values->front(), req, res);
      return;
    }
  }

  // Known paths with other methods: 405 with Allow, before any token is looked at.
  for (const auto& known : known_paths()) {
    if (!match_path(known.path, req.path)) continue;
    set_rate_headers(res, limiter.unspent());
    res.set_header("Allow", known.allow);
    send_error(res, {405, std::string(error_code::kMethodNotAllowed),
                     req.method + " is not allowed here; allowed: " + known.allow, ""});
    return;
  }

  // Everything else: a JSON 404. The token endpoint, when one is mounted, is looked up first.
  if (req.method == "POST" && !token_path.empty() && req.path == token_path) {
    token_handler(req, res);
    return;
  }
  set_rate_headers(res, limiter.unspent());
  send_error(res, {404, std::string(error_code::kNotFound),
                   "No such endpoint: " + req.method + " " +
                       (req.path.size() <= 100 ? req.path : req.path.substr(0, 100) + "..."),
                   ""});
}

std::string ResourceServer::Impl::company_for(const common::TokenInfo& info,
                                              const common::UserConfig*& user) const {
  if (!info.username.empty()) {
    user = config.find_user(info.username);
    // SR: a grant dies with the user who gave it.
    if (!user)
      throw BearerError::invalid_token("The user who authorized this token no longer exists");
    return user->company;
  }
  // client_credentials: the client acts for its own organisation, named after the client.
  user = nullptr;
  const auto* client = config.find_client(info.client_id);
  return client && !client->name.empty() ? client->name : info.client_id;
}

std::string ResourceServer::Impl::public_base(const httplib::Request&) const {
  // The address this server is bound to, never the Host header: a client chooses that, and a
  // Location or Link built from it would send the caller wherever the client said.
  return http.base_url();
}

void ResourceServer::Impl::serve(const RouteSpec& route, const std::string& endpoint,
                                 const ApiHandler& handler, const std::string& path_id,
                                 const httplib::Request& req, httplib::Response& res) {
  const EndpointLimits limits{route.requests_per_second, route.concurrent};
  try {
    const std::string token = extract_bearer_token(req);
    const common::TokenInfo info = verifier.verify(token);
    // The expiry check repeats the verifier's on our own clock, so a token that expires
    // between introspection and use is still refused.
    if (!info.active || (info.exp != 0 && info.exp <= clock.now_seconds())) {
      throw BearerError::invalid_token("The access token is unknown, expired or revoked");
    }
    require_bound_certificate(info, req);
    const common::UserConfig* user = nullptr;
    const std::string company = company_for(info, user);

    if (!has_api_access(company)) {
      set_rate_headers(res, limiter.unspent(limits));
      // SR's own words and shape (SR-FACTS.md): no errors array, no OAuth challenge.
      common::send_json(res, 403, {{"message", "No access to feature: Customer API"}});
      HttpServer::note(res, "refused: company " + company + " has no Customer API access");
      return;
    }
    auto permit = limiter.acquire(info.client_id + '\n' + info.username, endpoint, limits);
    set_rate_headers(res, permit.status());
    if (!permit.allowed()) {
      const auto& st = permit.status();
      res.set_header("Retry-After", std::to_string(st.retry_after_seconds));
      send_error(
          res, {429,
                std::string(st.concurrency_exceeded ? error_code::kConcurrencyLimitExceeded
                                                    : error_code::kRateLimitExceeded),
                st.concurrency_exceeded ? "Too many concurrent requests for this credential"
                                        : "Rate limit of " + std::to_string(st.limit) +
                                              " requests per second for " + endpoint + " exceeded",
                ""});
      HttpServer::note(res, st.concurrency_exceeded ? "refused: concurrency limit"
                                                    : "refused: rate limit " + endpoint);
      return;
    }
    if (!info.has_scope(route.scope)) {
      throw BearerError::insufficient_scope(std::string(route.scope));
    }
    // A slow request (a delay fault) waits here, holding its slot: in flight, as on SR.
    HttpServer::serve_held_delay();
    ApiCall call{config, info, user, companies.get(company), public_base(req), path_id};
    handler(req, res, call);
    if (res.status < 400) HttpServer::note(res, "granted: " + std::string(route.scope));
  } catch (const BearerError& e) {
    // SR sends the rate-limit headers on every answer; a refused token spent no budget.
    if (!res.has_header("X-RateLimit-Limit")) set_rate_headers(res, limiter.unspent(limits));
    common::send_bearer_error(res, e);
    HttpServer::note(res, refusal_note(e));
  } catch (const common::VerifierUnavailable& e) {
    send_error(res, {503, std::string(error_code::kServiceUnavailable),
                     "The access token cannot be verified right now; try again later", ""});
    res.set_header("Retry-After", "1");
    set_rate_headers(res, limiter.unspent(limits));
    HttpServer::note(res, std::string("verifier unavailable: ") + e.what());
  }
}

ResourceServer::ResourceServer(common::Config config, common::Clock& clock,
                               common::TokenVerifier& verifier, common::Trace* trace,
                               std::optional<common::TlsServerOptions> tls)
    : impl_(std::make_unique<Impl>(std::move(config), clock, verifier, trace, std::move(tls))) {}

ResourceServer::~ResourceServer() {
  stop();
}

int ResourceServer::start(const std::string& host, int port) {
  return impl_->http.start(host, port);
}

void ResourceServer::stop() {
  impl_->http.stop();
}

void ResourceServer::serve_token_endpoint(std::string path, httplib::Server::Handler handler,
                                          std::string traced_as,
                                          common::FaultInjector& party_faults) {
  if (impl_->http.running()) throw std::logic_error("serve_token_endpoint after start()");
  impl_->http.serve_path_for(path, std::move(traced_as), party_faults);
  impl_->token_path = std::move(path);
  impl_->token_handler = std::move(handler);
}

void ResourceServer::set_customer_api_access(const std::string& company, bool enabled) {
  std::lock_guard lock(impl_->access_mu);
  if (enabled) {
    impl_->companies_without_api.erase(company);
  } else {
    auto& off = impl_->companies_without_api;
    if (!off.contains(company) && off.size() >= kMaxCompaniesWithoutApi) {
      throw std::length_error("at most " + std::to_string(kMaxCompaniesWithoutApi) +
                              " companies can be without the Customer API at once; turn one "
                              "back on first");
    }
    off.insert(company);
  }
}

bool ResourceServer::has_customer_api_access(const std::string& company) const {
  return impl_->has_api_access(company);
}

void ResourceServer::reset() {
  impl_->http.faults().clear();
  {
    std::lock_guard lock(impl_->access_mu);
    impl_->companies_without_api = {impl_->config.companies_without_customer_api.begin(),
                                    impl_->config.companies_without_customer_api.end()};
  }
  impl_->limiter.reset();
  impl_->companies.restore_seeded();
}

void ResourceServer::use_rate_limit_clock(const common::Clock& clock) {
  if (impl_->http.running()) throw std::logic_error("use_rate_limit_clock after start()");
  impl_->limiter.use_clock(clock);
}

std::size_t ResourceServer::rate_limited_credentials() const {
  return impl_->limiter.tracked_credentials();
}

common::FaultInjector& ResourceServer::faults() {
  return impl_->http.faults();
}

std::string ResourceServer::base_url() const {
  return impl_->http.base_url();
}

}  // namespace oauthsim::rs
