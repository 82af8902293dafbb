#pragma once
#include <string>
#include <string_view>

#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/sr_paths.h"
#include "oauthsim/common/token_info.h"

namespace oauthsim::rs {

// RFC 7662 introspection over HTTP at <authz_base_url>/identity/oauth/introspect, authenticating
// with HTTP Basic (Config::resource_server client_id/secret). No caching: a revoked token is
// refused on the very next request. Throws common::VerifierUnavailable when the authorization
// server cannot be reached, answers non-200 or answers something that is not an RFC 7662 body.
class IntrospectionVerifier final : public common::TokenVerifier {
 public:
  IntrospectionVerifier(std::string authz_base_url, std::string client_id,
                        std::string client_secret, common::HttpTransport& transport);
  common::TokenInfo verify(std::string_view access_token) override;

  static constexpr const char* kPath = common::sr_paths::kIntrospect;

 private:
  std::string endpoint_;
  std::string authorization_;  // "Basic ..."
  common::HttpTransport& transport_;
};

// The RFC 7662 JSON body as TokenInfo, cnf.x5t#S256 (RFC 8705 3.2) included; throws
// VerifierUnavailable when it is not one, or when its cnf cannot be checked.
common::TokenInfo parse_introspection_response(std::string_view body);

}  // namespace oauthsim::rs
