#pragma once
#include <optional>
#include <string_view>
#include <vector>

namespace oauthsim::client {

// Switches that each make the reference client break ONE rule, so the harness can prove its
// checks catch that misbehaviour (and only that one). Named as the misbehaviour. The default
// client has none of them; each comment names the rule the flaw breaks.
enum class ClientFlaw {
  // Sends no state parameter (and so checks none on the callback): nothing ties the callback
  // to the user who started the flow. Breaks RFC 6749 10.12 (CSRF protection).
  kNoState,
  // Sends a state but accepts a callback whose state is missing or different: a forged
  // callback is taken at face value. Breaks RFC 6749 10.12 / 4.1.2.
  kStateNotChecked,
  // After a successful code exchange posts the same exchange a second time. Breaks RFC 6749
  // 4.1.2 (a code is single-use; SR then revokes the tokens the first redemption got).
  kCodeRedeemedTwice,
  // Sends client_id and client_secret in the token (and revocation) endpoint's URL query
  // instead of the form body or an Authorization header. Breaks RFC 6749 2.3.1 (credentials
  // in the URL end up in logs).
  kSecretInQuery,
  // Sends the access token as ?access_token= instead of the Authorization header. Breaks
  // RFC 6750 2.1 / 5.3 (what SR does with it is unconfirmed: its demo client sends it).
  kTokenInQuery,
  // After a refresh keeps using the OLD refresh token instead of the rotated one SR sent.
  // Breaks SR's one-time refresh tokens (RFC 6749 6, RFC 9700 4.14.2: reuse revokes the grant).
  kRotatedRefreshTokenNotKept,
  // On a refused refresh keeps retrying the same refresh token (bounded at
  // kFlawedRefreshAttempts so nothing hangs). Breaks RFC 6749 5.2: invalid_grant is final.
  kRefreshRetriedForever,
  // On an error callback (access_denied) still posts a token request, with an empty code.
  // Breaks RFC 6749 4.1.2.1: a denial ends the flow; there is no code to redeem.
  kTokenRequestAfterDenial,
  // Leaves redirect_uri out of the code exchange although it sent one in the authorization
  // request. Breaks RFC 6749 4.1.3 (redirect_uri is REQUIRED then).
  kRedirectUriNotSent,
  // Takes any 2xx answer of the token endpoint as a token set without checking it: it reads the
  // fields only from a body labelled application/json (as many HTTP libraries do), and what it
  // cannot read stays empty, so it calls the Customer API with an empty bearer token. Breaks
  // RFC 6749 5.1 (access_token and token_type are REQUIRED) and RFC 6750 2.1.
  kTokenAnswerNotChecked,
  // Retries a Customer API answer of 429, 5xx or 403 at once, again and again (bounded at
  // kFlawedApiRetries), ignoring Retry-After and SR's "No access to feature". Breaks RFC 6585 4
  // and SR's advice to back off exponentially; a 403 for a missing feature is final.
  kApiErrorRetriedAtOnce,
};

// How many refresh attempts kRefreshRetriedForever makes in all: "forever", bounded.
inline constexpr int kFlawedRefreshAttempts = 5;
// How many more times kApiErrorRetriedAtOnce sends a refused Customer API call.
inline constexpr int kFlawedApiRetries = 5;

// "no_state", "state_not_checked", ...: the names scenario files use.
std::string_view flaw_name(ClientFlaw flaw);
std::optional<ClientFlaw> parse_client_flaw(std::string_view name);
// Every flaw, in declaration order.
const std::vector<ClientFlaw>& all_client_flaws();

}  // namespace oauthsim::client
