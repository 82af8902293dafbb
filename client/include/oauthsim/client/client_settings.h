#pragma once
#include <set>
#include <string>
#include <vector>

#include "oauthsim/client/client_flaw.h"

namespace oauthsim::client {

// How the client proves its identity at the token endpoint (RFC 6749 2.3.1, RFC 8705 2).
enum class ClientAuthMethod {
  kClientSecretPost,   // client_id + client_secret as form fields: what SR's clients do
  kClientSecretBasic,  // HTTP Basic; unconfirmed for SR, accepted by the mock
  // RFC 8705: client_id in the form, no secret; the proof is the client certificate, which
  // rides on the TLS connection of the transport the client is given (TlsClientOptions).
  kTlsClientAuth,            // a certificate from the CA, registered by subject DN
  kSelfSignedTlsClientAuth,  // a self-signed certificate, registered by x5t#S256
};

// The method a registration's token_endpoint_auth_method names (RFC 7591); "" and unknown
// names: client_secret_post.
ClientAuthMethod auth_method_for(const std::string& token_endpoint_auth_method);

// Everything a vendor registers with SR and configures in its app.
struct ClientSettings {
  std::string client_id, client_secret, redirect_uri;
  std::string authorization_endpoint;  // e.g. http://127.0.0.1:P/identity/oauth/allow
  std::string token_endpoint;          // e.g. http://127.0.0.1:P/identity/oauth/token
  std::string revocation_endpoint;     // e.g. http://127.0.0.1:P/identity/oauth/revoke (RFC 7009)
  std::string api_base_url;            // e.g. http://127.0.0.1:Q
  std::vector<std::string> scopes;     // empty: send no scope parameter (server defaults apply)
  bool use_pkce = false;               // RFC 7636 S256
  ClientAuthMethod auth_method = ClientAuthMethod::kClientSecretPost;
  // true: call_api refreshes first when the clock says the access token expired. false: it
  // sends the stale token and relies on the 401, so a scenario can watch the API refuse it.
  bool refresh_expired_before_call = true;
  // Misbehaviours switched on to prove the harness catches them; empty for a correct client.
  std::set<ClientFlaw> flaws;

  bool has(ClientFlaw flaw) const { return flaws.count(flaw) != 0; }
};

// What the client must remember between sending the user away and the callback.
struct PendingAuthorization {
  std::string url;            // where to send the user agent
  std::string state;          // echoed back by the authorization server
  std::string code_verifier;  // empty unless PKCE is used
};

}  // namespace oauthsim::client
