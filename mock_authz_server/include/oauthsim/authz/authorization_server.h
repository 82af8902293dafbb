#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <httplib.h>

#include "oauthsim/authz/code_store.h"
#include "oauthsim/authz/token_store.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/fault_injector.h"
#include "oauthsim/common/random.h"
#include "oauthsim/common/tls_options.h"
#include "oauthsim/common/token_info.h"
#include "oauthsim/common/trace.h"

namespace oauthsim::common {
class HttpServer;
}  // namespace oauthsim::common

namespace oauthsim::authz {

// What a deployment may choose about the server beyond its configuration. Everything defaults
// to what tests and `oauthsim run` want: state in memory, plain HTTP.
struct AuthorizationServerSetup {
  // Where codes, grants and tokens live; null: in memory. `oauthsim serve --state` passes
  // stores that survive a restart.
  std::unique_ptr<CodeStore> codes;
  std::unique_ptr<TokenStore> tokens;
  std::optional<common::TlsServerOptions> tls;  // set: https only
  // Measures how long sessions, pending authorization requests and CSRF tokens sat unused (they
  // are forgotten when idle, whatever the virtual clock says); null: the system clock.
  const common::Clock* wall_clock = nullptr;
};

// The mock SmartRecruiters authorization server: authorization endpoint with login and
// consent pages, token endpoint, revocation, introspection and RFC 8414 metadata. The same
// class runs embedded (start(host, 0)) or behind the mock_authz_server executable.
class AuthorizationServer {
 public:
  // trace may be null. Config/clock/random/trace outlive the server.
  AuthorizationServer(common::Config config, common::Clock& clock, common::Random& random,
                      common::Trace* trace, AuthorizationServerSetup setup = {});
  ~AuthorizationServer();
  AuthorizationServer(const AuthorizationServer&) = delete;
  AuthorizationServer& operator=(const AuthorizationServer&) = delete;

  int start(const std::string& host = "127.0.0.1", int port = 0);  // returns bound port
  void stop();
  std::string base_url() const;  // e.g. http://127.0.0.1:PORT
  // Misbehaviour on demand: queued faults answer before the routes do (scenarios, control API).
  common::FaultInjector& faults();
  // In-process access-token validation against the same store.
  common::TokenVerifier& verifier();
  // SR: deleting the user breaks their grants. False when there was no such user.
  bool delete_user(const std::string& username);
  // Revokes every grant the user gave (their access and refresh tokens stop working; they stay
  // logged in). How many grants were revoked; nullopt when there is no such user.
  std::optional<std::size_t> revoke_user_grants(const std::string& username);
  // Back to a fresh start: every grant, token, code, session, pending authorization request and
  // queued fault forgotten, deleted users restored from the configuration. The clock and the
  // trace belong to the caller and are left alone.
  void reset();
  // The token endpoint's handler (same stores, same notes), for another host to serve: SR
  // answers POST /identity/oauth/token on the Customer API's host too.
  std::function<void(const httplib::Request&, httplib::Response&)> token_endpoint_handler();
  // The HTTP server the routes live on: lets the control API add its own (before start()).
  common::HttpServer& http();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace oauthsim::authz
