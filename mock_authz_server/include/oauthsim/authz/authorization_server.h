#pragma once
#include <memory>

#include <string>

#include "oauthsim/common/clock.h"
#include "oauthsim/common/config.h"
#include "oauthsim/common/fault_injector.h"
#include "oauthsim/common/random.h"
#include "oauthsim/common/token_info.h"
#include "oauthsim/common/trace.h"

namespace oauthsim::authz {

// The mock SmartRecruiters authorization server: authorization endpoint with login and
// consent pages, token endpoint, revocation, introspection and RFC 8414 metadata. The same
// class runs embedded (start(host, 0)) or behind the mock_authz_server executable.
class AuthorizationServer {
 public:
  // trace may be null. Config/clock/random/trace outlive the server.
  AuthorizationServer(common::Config config, common::Clock& clock, common::Random& random,
                      common::Trace* trace);
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

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace oauthsim::authz
