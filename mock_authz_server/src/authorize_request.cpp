#include "oauthsim/authz/authorize_request.h"

#include <algorithm>

#include "oauthsim/authz/pkce.h"
#include "oauthsim/authz/scopes.h"
#include "oauthsim/common/url.h"

namespace oauthsim::authz {
namespace {

AuthorizeError page(std::string error, std::string description) {
  AuthorizeError e;
  e.redirect = false;
  e.error = std::move(error);
  e.description = std::move(description);
  return e;
}

}  // namespace

std::string AuthorizeError::location() const {
  common::Params p{{"error", error}};
  if (!description.empty()) p.add("error_description", description);
  if (state) p.add("state", *state);
  return common::append_query(redirect_uri, p);
}

AuthorizeResult validate_authorize_request(const common::Config& config,
                                           const common::Params& query) {
  // Until client and redirect_uri are verified, nothing may be redirected anywhere.
  if (query.count("client_id") > 1)
    return page("invalid_request", "client_id was sent more than once");
  if (query.count("redirect_uri") > 1) {
    return page("invalid_request", "redirect_uri was sent more than once");
  }
  const auto client_id = query.get("client_id");
  if (!client_id || client_id->empty()) return page("invalid_request", "client_id is missing");
  const common::ClientConfig* client = config.find_client(*client_id);
  if (!client)
    return page("invalid_client", "no application is registered as '" + *client_id + "'");
  const auto redirect_uri = query.get("redirect_uri");
  if (!redirect_uri || redirect_uri->empty())
    return page("invalid_request", "redirect_uri is missing");
  // Exact, case-sensitive string match: no prefixes, no wildcards, no normalisation.
  const auto& uris = client->redirect_uris;
  if (std::find(uris.begin(), uris.end(), *redirect_uri) == uris.end()) {
    return page("invalid_request", "redirect_uri is not registered for " + client->name);
  }

  AuthorizeError err;
  err.redirect = true;
  err.redirect_uri = *redirect_uri;
  err.state = query.get("state");
  auto fail = [&err](std::string error, std::string description) -> AuthorizeResult {
    err.error = std::move(error);
    err.description = std::move(description);
    return err;
  };

  for (const auto& [name, value] : query.items()) {
    if (query.count(name) > 1) return fail("invalid_request", name + " was sent more than once");
  }
  if (const auto rt = query.get("response_type"); rt && *rt != "code") {
    return fail("unsupported_response_type", "only response_type=code is supported");
  }
  const auto scopes = resolve_scopes(query.get("scope"), client->scopes, client->default_scopes);
  if (!scopes.ok()) return fail("invalid_scope", scopes.error);

  AuthorizeRequest req;
  req.client_id = client->client_id;
  req.redirect_uri = *redirect_uri;
  req.scopes = scopes.scopes;
  req.state = err.state;
  const auto challenge = query.get("code_challenge");
  const auto method = query.get("code_challenge_method");
  if (challenge) {
    req.code_challenge_method = method.value_or("plain");
    if (!is_supported_pkce_method(req.code_challenge_method)) {
      return fail("invalid_request", "code_challenge_method must be S256 or plain");
    }
    if (!is_valid_pkce_value(*challenge)) {
      return fail("invalid_request", "code_challenge must be 43-128 unreserved characters");
    }
    req.code_challenge = *challenge;
  } else if (method) {
    return fail("invalid_request", "code_challenge_method was sent without code_challenge");
  } else if (client->require_pkce) {
    return fail("invalid_request", "this client must use PKCE (code_challenge)");
  }
  return req;
}

}  // namespace oauthsim::authz
