#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace oauthsim::common {

struct ClientConfig {
  std::string client_id;
  std::string client_secret;
  std::string name;
  std::vector<std::string> redirect_uris;   // at most 3, https:// or http://localhost|127.0.0.1
  std::vector<std::string> scopes;          // what the client may ask for
  std::vector<std::string> default_scopes;  // granted when the request has no scope parameter
  // RFC 7591/8705 names: "client_secret_post", "client_secret_basic", "tls_client_auth",
  // "self_signed_tls_client_auth", or "" for either secret method.
  std::string token_endpoint_auth_method;
  // RFC 8705 2.1.2: tls_client_auth accepts a certificate from the trusted CA with this subject
  // DN (RFC 4514, e.g. "CN=vendor app,O=Acme").
  std::string tls_client_auth_subject_dn;
  // self_signed_tls_client_auth accepts the one certificate with this SHA-256 thumbprint
  // (base64url, as x5t#S256); RFC 8705 2.2 registers it inside a JWK Set, oauthsim directly.
  std::string tls_client_certificate_s256;
  // RFC 8705 3: access tokens carry cnf.x5t#S256 and the Customer API insists on that
  // certificate.
  bool tls_client_certificate_bound_access_tokens = false;
  std::vector<std::string>
      grant_types;  // default: authorization_code, refresh_token, client_credentials
  bool require_pkce = false;

  bool uses_client_certificate() const {
    return token_endpoint_auth_method == "tls_client_auth" ||
           token_endpoint_auth_method == "self_signed_tls_client_auth";
  }
};

struct UserConfig {
  std::string id;        // stable id for /users/me; derived from the username when not given
  std::string username;  // the e-mail address the user logs in with
  std::string password;
  std::string first_name;
  std::string last_name;
  std::string company;
  std::string system_role = "EMPLOYEE";
  std::string language = "en";
};

struct Lifetimes {  // seconds
  std::int64_t access_token = 1800;
  std::int64_t refresh_token = 2419200;  // 28 days
  std::int64_t authorization_code = 60;
};

struct RateLimitConfig {
  int requests_per_second = 10;  // per endpoint per credential
  int concurrent = 8;            // in-flight requests per credential
};

// How a separately running Customer API authenticates to the introspection endpoint.
struct ResourceServerConfig {
  std::string client_id = "sr-customer-api";
  std::string client_secret = "customer-api-secret";
};

struct ScopeInfo {
  std::string name;
  std::string description;  // shown on the consent page
};

// What a refresh token presented a second time (after it was rotated out) does. SR says only
// "one-time use" (SR-FACTS.md), so both readings are offered.
enum class RefreshTokenReuse {
  // RFC 9700 4.14.2: the whole grant is revoked (the default). Two workers of one app
  // refreshing with the same token at once lose the grant: the slower one's refresh is a reuse.
  kRevokeGrant,
  // Only the reused token is refused (invalid_grant); the tokens its first use issued live on.
  kRefuseToken,
};

struct Config {
  std::vector<ClientConfig> clients;
  std::vector<UserConfig> users;
  Lifetimes lifetimes;
  RateLimitConfig rate_limit;
  ResourceServerConfig resource_server;
  std::vector<ScopeInfo> scopes;       // the scope catalog
  std::uint64_t data_seed = 20260101;  // seeds the Customer API's generated data
  RefreshTokenReuse refresh_token_reuse = RefreshTokenReuse::kRevokeGrant;
  // Companies whose Customer API access is off: SR answers them 403
  // {"message": "No access to feature: Customer API"}.
  std::vector<std::string> companies_without_customer_api;
  std::string source = "<built-in defaults>";  // file the configuration came from

  const ClientConfig* find_client(std::string_view client_id) const;
  const UserConfig* find_user(std::string_view username) const;
  const ScopeInfo* find_scope(std::string_view name) const;
};

// Raised for an unreadable file, bad JSON, an unknown or ill-typed key: what() names the
// file and the key (as a JSON pointer, e.g. /clients/0/redirect_uris). Executables exit 2.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One demo client (acme-ats) and two demo users; SR's scope catalog.
Config default_config();
// Keys left out take the defaults of default_config().
Config parse_config(const nlohmann::json& j, const std::string& source);
Config load_config_file(const std::string& path);
nlohmann::json config_to_json(const Config& c);

}  // namespace oauthsim::common
