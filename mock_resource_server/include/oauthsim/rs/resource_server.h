#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include <httplib.h>

#include "oauthsim/common/clock.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/fault_injector.h"
#include "oauthsim/common/tls_options.h"
#include "oauthsim/common/token_info.h"
#include "oauthsim/common/trace.h"

namespace oauthsim::rs {

// The mock SR Customer API: routes of kRoutes over seeded per-company data, bearer tokens
// checked through a TokenVerifier on every request, SR's rate limits. The same class runs
// embedded (start(.., 0)) or behind mock_resource_server. A certificate-bound token (RFC 8705
// 3) is accepted only from a caller presenting that certificate, which needs `tls` with a
// client CA; over plain http every bound token is refused.
class ResourceServer {
 public:
  // trace may be null. config/clock/verifier/trace outlive the server. With `tls` the API
  // speaks https only (throws std::runtime_error naming an unusable file).
  ResourceServer(common::Config config, common::Clock& clock, common::TokenVerifier& verifier,
                 common::Trace* trace, std::optional<common::TlsServerOptions> tls = std::nullopt);
  ~ResourceServer();
  ResourceServer(const ResourceServer&) = delete;
  ResourceServer& operator=(const ResourceServer&) = delete;

  int start(const std::string& host = "127.0.0.1", int port = 0);  // returns bound port
  void stop();
  std::string base_url() const;
  // Misbehaviour on demand: queued faults answer before the routes do (scenarios, control API).
  common::FaultInjector& faults();
  // Back to what the configuration says (POST /_oauthsim/reset): queued faults cleared,
  // Customer API access per company as configured, rate-limit windows empty, candidates
  // created through the API forgotten. The clock and the trace belong to the caller.
  void reset();
  // SR answers a company without the Customer API feature 403 {"message": "No access to
  // feature: Customer API"} on every route. Starts from the configuration's
  // companies_without_customer_api; the control API changes it while serving.
  // Throws std::length_error when turning it off for one more than kMaxCompaniesWithoutApi
  // companies: the list lives as long as `serve`, and any name may be switched off.
  void set_customer_api_access(const std::string& company, bool enabled);
  static constexpr std::size_t kMaxCompaniesWithoutApi = 1000;
  bool has_customer_api_access(const std::string& company) const;

  // The clock rate-limit windows follow (default: the server's clock). `serve` passes the wall
  // clock: its virtual clock stands still until advanced. Call before start().
  void use_rate_limit_clock(const common::Clock& clock);
  std::size_t rate_limited_credentials() const;
  // SR serves its token endpoint on the Customer API's host too (SR-FACTS.md, "Token endpoint
  // host"): POST `path` on this server runs `handler` (the authorization server's own), and
  // its trace entries name the authorization server (and the socket that answered, served_at).
  // Faults queued on `party_faults` (the authorization server's) fire here too: a fault on the
  // token endpoint meets the client on either host; one queued on this server's own faults()
  // only here. Call before start(); until then the path answers 404 like any unknown one.
  void serve_token_endpoint(std::string path, httplib::Server::Handler handler,
                            std::string traced_as, common::FaultInjector& party_faults);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace oauthsim::rs
