// Leg one: sending the user to the authorization server and checking what comes back.
#include "oauthsim/client/app_settings.h"
#include "oauthsim/client/oauth_client.h"
#include "oauthsim/common/url.h"
#include "token_response.h"

namespace oauthsim::client {
namespace {

// 32 bytes: 256 bits, twice the 128 bits RFC 6749 10.10 asks of values an attacker must not guess.
constexpr std::size_t kSecretBytes = 32;

}  // namespace

PendingAuthorization OAuthClient::begin_authorization() {
  PendingAuthorization pending;
  if (!settings_.has(ClientFlaw::kNoState)) pending.state = random_.token(kSecretBytes);

  common::Params query;
  query.add("response_type", "code");  // not in SR's list, but RFC 6749 4.1.1 and SR accepts it
  query.add("client_id", settings_.client_id);
  query.add("redirect_uri", settings_.redirect_uri);
  if (!settings_.scopes.empty()) query.add("scope", join_scopes(settings_.scopes));
  if (!pending.state.empty()) query.add("state", pending.state);
  if (settings_.use_pkce) {
    // RFC 7636 4.1: 43 base64url characters are within the allowed 43..128.
    pending.code_verifier = random_.token(kSecretBytes);
    query.add("code_challenge", common::base64url_encode(common::sha256(pending.code_verifier)));
    query.add("code_challenge_method", "S256");
  }
  pending.url = common::append_query(settings_.authorization_endpoint, query);
  return pending;
}

std::string OAuthClient::handle_callback(const common::Params& callback_query,
                                         const PendingAuthorization& pending) const {
  using Kind = ClientError::Kind;
  // The state is checked before anything else, errors included: otherwise a forged
  // "access_denied" or a planted code would be taken at face value (RFC 6749 10.12).
  const bool checks_state =
      !settings_.has(ClientFlaw::kNoState) && !settings_.has(ClientFlaw::kStateNotChecked);
  const std::size_t states = callback_query.count("state");
  if (checks_state && states == 0) {
    throw ClientError(Kind::kMissingState, "the callback carried no state");
  }
  if (checks_state && states > 1) {
    throw ClientError(Kind::kStateMismatch, "the callback carried the state twice");
  }
  if (checks_state && (pending.state.empty() || !common::constant_time_equals(
                                                    *callback_query.get("state"), pending.state))) {
    throw ClientError(Kind::kStateMismatch,
                      "state mismatch: the callback's state is not the one this session sent");
  }

  if (callback_query.has("error") && settings_.has(ClientFlaw::kTokenRequestAfterDenial)) {
    // The flaw: the error is ignored and whatever code there is (none) goes to the exchange.
    return callback_query.get_or("code", "");
  }
  if (auto error = callback_query.get("error")) {
    const std::string text =
        detail::describe({*error, callback_query.get_or("error_description", "")});
    if (*error == "access_denied") {
      throw ClientError(Kind::kAccessDenied, "the user denied access: " + text, *error);
    }
    throw ClientError(Kind::kAuthorizationError,
                      "the authorization server returned an error: " + text, *error);
  }

  auto code = callback_query.get("code");
  if (!code || code->empty()) {
    throw ClientError(Kind::kMissingCode, "the callback carried neither a code nor an error");
  }
  if (callback_query.count("code") > 1) {
    throw ClientError(Kind::kMissingCode, "the callback carried the code twice");
  }
  return *code;
}

}  // namespace oauthsim::client
