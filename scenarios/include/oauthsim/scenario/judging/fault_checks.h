#pragma once
#include "oauthsim/scenario/judging/check.h"

namespace oauthsim::scenario {

// Standard checks for the fault scenarios: a replayed or stale code, a server error, a rate
// limit, a revoked token, a deleted user. Every flow gets them, but each applies only when the
// trace shows its triggering exchange, so a conforming allow flow meets none of them.

// Token endpoint (src/checks_token_faults.cpp).
OAUTHSIM_DECLARE_CHECK(ClientRetriesTokenRequestAtMostOnceAfterServerError, 7,
                       "RFC6749-5.2; oauthsim policy: one retry, no loop");
OAUTHSIM_DECLARE_CHECK(ReplayedCodeIsRefusedAndRevokesTokens, 8, "RFC6749-4.1.2");
OAUTHSIM_DECLARE_CHECK(ClientCredentialsTokenHasNoRefreshToken, 8, "RFC6749-4.4.3");
OAUTHSIM_DECLARE_CHECK(ExpiredCodeIsRefused, 8, "RFC6749-4.1.2");
OAUTHSIM_DECLARE_CHECK(CodeIsBoundToTheClient, 8, "RFC6749-4.1.3");
OAUTHSIM_DECLARE_CHECK(MismatchedRedirectUriIsRefused, 8, "RFC6749-4.1.3");

// Customer API and grant lifetime (src/checks_api_faults.cpp).
OAUTHSIM_DECLARE_CHECK(ClientWaitsRetryAfterBeforeCallingAgain, 9,
                       "RFC6585-4; RFC9110-10.2.3 (Retry-After is unconfirmed for SR)");
OAUTHSIM_DECLARE_CHECK(RateLimitAnswerCarriesRetryAfter, 10,
                       "RFC6585-4 (SR: 429 over its limits; Retry-After unconfirmed)");
OAUTHSIM_DECLARE_CHECK(RevokedTokenIsRefused, 10, "RFC7009-2.2");
OAUTHSIM_DECLARE_CHECK(
    TokenInQueryIsRefused, 10,
    "RFC6750-2.1; RFC9700-4.3.2 (a mock choice: SR's demo client sends ?access_token=)");
OAUTHSIM_DECLARE_CHECK(DeletedUsersGrantIsRefused, 10, "SR: deleting the user breaks the grant");

}  // namespace oauthsim::scenario
