#pragma once
#include "oauthsim/scenario/judging/check.h"

namespace oauthsim::scenario {

// Assertions for flows where an access token expires and the client refreshes: not part of
// every flow, so the scenarios that need them add them.
OAUTHSIM_DECLARE_CHECK(ExpiredTokenIsRefusedAsInvalidToken, 10, "RFC6750-3.1");
OAUTHSIM_DECLARE_CHECK(ClientRefreshesAndRetriesOnce, 9, "RFC6749-6");
OAUTHSIM_DECLARE_CHECK(RefreshRotatesRefreshToken, 8, "SR: refresh tokens are one-time use");
OAUTHSIM_DECLARE_CHECK(RotatedOutRefreshTokenIsRefused, 8, "RFC9700-4.14.2");

}  // namespace oauthsim::scenario
