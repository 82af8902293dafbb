#include "oauthsim/rs/introspection_verifier.h"

#include <nlohmann/json.hpp>

#include "oauthsim/common/encoding.h"

namespace oauthsim::rs {
namespace {

using common::VerifierUnavailable;

std::string string_field(const nlohmann::json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t number_field(const nlohmann::json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end()) return 0;
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (it->is_number_float()) return static_cast<std::int64_t>(it->get<double>());
  return 0;
}

}  // namespace

IntrospectionVerifier::IntrospectionVerifier(std::string authz_base_url, std::string client_id,
                                             std::string client_secret,
                                             common::HttpTransport& transport)
    : transport_(transport) {
  while (!authz_base_url.empty() && authz_base_url.back() == '/') authz_base_url.pop_back();
  endpoint_ = authz_base_url + kPath;
  authorization_ = common::basic_authorization(client_id, client_secret);
}

common::TokenInfo IntrospectionVerifier::verify(std::string_view access_token) {
  common::Params form{{"token", std::string(access_token)}, {"token_type_hint", "access_token"}};
  auto request = common::HttpRequest::post_form(endpoint_, form);
  request.headers.add("Authorization", authorization_);
  request.headers.add("Accept", "application/json");

  common::HttpResponse response;
  try {
    response = transport_.send(request);
  } catch (const common::TransportError& e) {
    throw VerifierUnavailable("introspection endpoint " + endpoint_ + " unreachable: " + e.what());
  }
  if (response.status != 200) {
    throw VerifierUnavailable("introspection endpoint " + endpoint_ + " answered " +
                              std::to_string(response.status));
  }
  return parse_introspection_response(response.body);
}

common::TokenInfo parse_introspection_response(std::string_view body) {
  auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    throw VerifierUnavailable("introspection response is not a JSON object");
  }
  auto active = j.find("active");
  if (active == j.end() || !active->is_boolean()) {
    throw VerifierUnavailable("introspection response has no boolean \"active\" (RFC 7662 2.2)");
  }
  common::TokenInfo info;
  info.active = active->get<bool>();
  if (!info.active) return info;  // RFC 7662: nothing else about an inactive token counts
  info.client_id = string_field(j, "client_id");
  info.username = string_field(j, "username");
  info.scope = string_field(j, "scope");
  if (auto type = string_field(j, "token_type"); !type.empty()) info.token_type = type;
  info.exp = number_field(j, "exp");
  info.iat = number_field(j, "iat");
  info.grant_id = string_field(j, "grant_id");
  // RFC 8705 3.2: a certificate-bound token names its certificate in cnf. A confirmation this
  // API cannot check must not turn the token into a plain bearer token: fail closed.
  if (auto cnf = j.find("cnf"); cnf != j.end()) {
    info.certificate_thumbprint = cnf->is_object() ? string_field(*cnf, "x5t#S256") : "";
    if (info.certificate_thumbprint.empty()) {
      throw VerifierUnavailable(
          "introspection response has a \"cnf\" without a string \"x5t#S256\" (RFC 8705 3.2)");
    }
  }
  return info;
}

}  // namespace oauthsim::rs
