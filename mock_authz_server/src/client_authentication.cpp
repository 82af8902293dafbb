#include "oauthsim/authz/client_authentication.h"

#include <cctype>

#include "oauthsim/common/oauth_error.h"

namespace oauthsim::authz {
namespace {

using common::OAuthError;

bool starts_with_basic(std::string_view header) {
  if (header.size() < 6) return false;
  const std::string_view scheme = header.substr(0, 5);
  const char* expected = "basic";
  for (std::size_t i = 0; i < 5; ++i) {
    if (std::tolower(static_cast<unsigned char>(scheme[i])) != expected[i]) return false;
  }
  return header[5] == ' ';
}

PresentedCredentials parse_basic(std::string_view header) {
  if (!starts_with_basic(header)) {
    throw OAuthError::invalid_client("only the Basic authentication scheme is supported", true);
  }
  std::string_view encoded = header.substr(6);
  while (!encoded.empty() && encoded.front() == ' ') encoded.remove_prefix(1);
  const auto decoded = common::base64_decode(encoded);
  if (!decoded)
    throw OAuthError::invalid_client("the Basic credentials are not valid base64", true);
  const auto colon = decoded->find(':');
  if (colon == std::string::npos) {
    throw OAuthError::invalid_client("the Basic credentials have no ':' separator", true);
  }
  // RFC 6749 2.3.1: id and secret are form-urlencoded before they are joined.
  const auto id = common::url_decode(std::string_view(*decoded).substr(0, colon));
  const auto secret = common::url_decode(std::string_view(*decoded).substr(colon + 1));
  if (!id || !secret || id->empty()) {
    throw OAuthError::invalid_client("the Basic credentials are malformed", true);
  }
  return {*id, *secret, true, std::nullopt};
}

}  // namespace

PresentedCredentials extract_client_credentials(
    const common::Params& form, const std::optional<std::string>& authorization,
    const std::optional<PresentedCertificate>& certificate) {
  if (form.count("client_id") > 1 || form.count("client_secret") > 1) {
    throw OAuthError::invalid_request("client credentials were sent more than once");
  }
  const auto form_id = form.get("client_id");
  const auto form_secret = form.get("client_secret");
  if (authorization && !authorization->empty()) {
    if (form_secret) {
      throw OAuthError::invalid_request(
          "the client authenticated with both HTTP Basic and client_secret in the body; use one "
          "method (RFC 6749 2.3)");
    }
    auto creds = parse_basic(*authorization);
    if (form_id && *form_id != creds.client_id) {
      throw OAuthError::invalid_request("client_id in the body differs from the Basic credentials");
    }
    creds.certificate = certificate;
    return creds;
  }
  if (!form_id && !form_secret) {
    throw OAuthError::invalid_client("client authentication is required", false);
  }
  if (!form_id || form_id->empty()) {
    throw OAuthError::invalid_client("client_secret was sent without client_id", false);
  }
  // client_id alone: an RFC 8705 client, or a secret client that forgot its secret; only the
  // registration can tell which refusal (if any) is right (authenticate_client).
  return {*form_id, form_secret.value_or(""), false, certificate};
}

namespace {

// RFC 8705 2: the certificate on the connection is the client's credential.
void check_certificate(const common::ClientConfig& client, const PresentedCredentials& c) {
  const std::string& method = client.token_endpoint_auth_method;
  if (c.presented_secret()) {
    throw OAuthError::invalid_client(
        "this client is registered for " + method + " and must not send a client secret",
        c.used_basic);
  }
  if (!c.certificate) {
    throw OAuthError::invalid_client(
        "this client is registered for " + method + " but presented no client certificate", false);
  }
  const PresentedCertificate& cert = *c.certificate;
  if (method == "self_signed_tls_client_auth") {
    if (!common::constant_time_equals(cert.thumbprint_s256, client.tls_client_certificate_s256)) {
      throw OAuthError::invalid_client(
          "the client certificate is not the one registered (its SHA-256 thumbprint differs)",
          false);
    }
    return;
  }
  if (!cert.chains_to_trusted_ca) {
    throw OAuthError::invalid_client(
        "the client certificate is not issued by a certificate authority this server trusts",
        false);
  }
  if (!cert.within_validity) {
    throw OAuthError::invalid_client("the client certificate has expired or is not yet valid",
                                     false);
  }
  if (cert.subject_dn != client.tls_client_auth_subject_dn) {
    throw OAuthError::invalid_client("the client certificate's subject '" + cert.subject_dn +
                                         "' is not the registered '" +
                                         client.tls_client_auth_subject_dn + "'",
                                     false);
  }
}

}  // namespace

const common::ClientConfig& authenticate_client(const common::Config& config,
                                                const PresentedCredentials& credentials) {
  const common::ClientConfig* client = config.find_client(credentials.client_id);
  if (!client) {
    // Spend the same comparison so response time does not reveal registered client ids.
    (void)common::constant_time_equals(credentials.client_secret, credentials.client_secret);
    throw OAuthError::invalid_client("client authentication failed", credentials.used_basic);
  }
  if (client->uses_client_certificate()) {
    check_certificate(*client, credentials);
    return *client;
  }
  if (!credentials.presented_secret()) {
    throw OAuthError::invalid_client(
        credentials.certificate
            ? "this client authenticates with a client secret, not with a certificate"
            : "client_secret is missing: public clients are not supported",
        false);
  }
  const bool secret_ok =
      common::constant_time_equals(credentials.client_secret, client->client_secret);
  if (!secret_ok) {
    throw OAuthError::invalid_client("client authentication failed", credentials.used_basic);
  }
  const std::string used = credentials.used_basic ? "client_secret_basic" : "client_secret_post";
  if (!client->token_endpoint_auth_method.empty() && client->token_endpoint_auth_method != used) {
    throw OAuthError::invalid_client(
        "this client is registered for " + client->token_endpoint_auth_method + ", not " + used,
        credentials.used_basic);
  }
  return *client;
}

}  // namespace oauthsim::authz
