#pragma once
#include "oauthsim/scenario/judging/check.h"

namespace oauthsim::scenario {

// Checks the client test plan (scenarios tagged "client_test_plan", run by `oauthsim
// check-client`) adds by name to judge what the standard checks leave open: a state used twice,
// an app that stops answering, a call outside the granted scope, an API error answered with a
// burst of retries, a dead grant never replaced. Each judges only what the mock servers and the
// user agent saw, so it grades any client (src/checks_client_plan.cpp).

// Step 1: every request the user agent sent the app got an HTTP answer (none dropped: the app
// did not crash, also not on a denial or a forged callback).
OAUTHSIM_DECLARE_CHECK(ClientAnswersEveryUserRequest, 1,
                       "RFC6749-4.1.2.1; oauthsim policy: the app answers every request");
// Step 2: each authorization request carries a state of its own.
OAUTHSIM_DECLARE_CHECK(StateIsNeverReused, 2, "RFC6749-10.12: a fresh unguessable state");
// Step 7: after a refresh refused with invalid_grant the client sends the user to authorize
// again and redeems the new code (rather than staying stuck with the dead grant).
OAUTHSIM_DECLARE_CHECK(ClientReauthorizesAfterInvalidGrant, 7,
                       "RFC6749-5.2 / 6: invalid_grant is final, authorize again");
// Step 9: no Customer API call was refused for a scope the grant lacks.
OAUTHSIM_DECLARE_CHECK(GrantedScopeIsRespected, 9, "RFC6749-3.3; RFC6750-3.1");
// Step 9: after a 429 or 5xx from the Customer API, one user action makes at most one more
// request to that route (one retry, no burst).
OAUTHSIM_DECLARE_CHECK(
    ApiErrorIsNotHammered, 9,
    "RFC6585-4; RFC9110-15.6.4; SR: back off (exponential); oauthsim policy: retry once at most");

}  // namespace oauthsim::scenario
