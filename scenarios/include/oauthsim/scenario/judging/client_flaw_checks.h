#pragma once
#include "oauthsim/scenario/judging/check.h"

namespace oauthsim::scenario {

// Standard checks of what the client does after an answer it must not ignore: a callback with
// the wrong state, a denial, a rotated or refused refresh token. Written to catch the broken
// variants of the reference client (client_flaw.h) that no other check sees; each applies only
// when the trace shows its triggering answer (src/checks_client_flaws.cpp).

// Step 6, so they apply where a correct client stops: a refusing client never reaches step 7.
OAUTHSIM_DECLARE_CHECK(ClientRefusesCallbackWithWrongState, 6, "RFC6749-10.12");
OAUTHSIM_DECLARE_CHECK(NoTokenRequestAfterDenial, 6, "RFC6749-4.1.2.1");
// Step 7: what the client posts to the token endpoint.
OAUTHSIM_DECLARE_CHECK(ClientKeepsRotatedRefreshToken, 7,
                       "RFC9700-4.14.2; SR: refresh tokens are one-time use");
OAUTHSIM_DECLARE_CHECK(ClientStopsRefreshingAfterInvalidGrant, 7,
                       "RFC6749-5.2: invalid_grant is final");

}  // namespace oauthsim::scenario
