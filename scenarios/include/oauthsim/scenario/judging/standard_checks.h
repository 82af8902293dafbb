#pragma once
#include "oauthsim/scenario/judging/check.h"

namespace oauthsim::scenario {

// The checks every flow gets, by step. Each judges only trace entries; a check whose
// exchange never happened does not apply.
OAUTHSIM_DECLARE_CHECK(ConnectRedirectsToAuthorizationEndpoint, 1, "RFC6749-4.1.1");
OAUTHSIM_DECLARE_CHECK(AuthorizationRequestNamesClientAndRedirectUri, 2, "RFC6749-4.1.1");
OAUTHSIM_DECLARE_CHECK(StateCarriesAtLeast128Bits, 2, "RFC6749-10.12");
OAUTHSIM_DECLARE_CHECK(UnregisteredRedirectUriIsNeverRedirectedTo, 2, "RFC6749-4.1.2.1");
OAUTHSIM_DECLARE_CHECK(LoginSessionCookieIsHttpOnly, 3, "RFC6265-8.5");
OAUTHSIM_DECLARE_CHECK(DecisionCarriesCsrfToken, 5, "RFC6749-10.12");
OAUTHSIM_DECLARE_CHECK(RedirectTargetsRegisteredUri, 6, "RFC6749-3.1.2");
OAUTHSIM_DECLARE_CHECK(StateIsEchoedUnchanged, 6, "RFC6749-4.1.2");
OAUTHSIM_DECLARE_CHECK(CodeIsSentAsFormBody, 7, "RFC6749-4.1.3");
OAUTHSIM_DECLARE_CHECK(ClientAuthenticatesOnce, 7, "RFC6749-2.3.1");
OAUTHSIM_DECLARE_CHECK(RedirectUriMatchesAuthorization, 7, "RFC6749-4.1.3");
OAUTHSIM_DECLARE_CHECK(CodeIsRedeemedOnce, 7, "RFC6749-4.1.2");
OAUTHSIM_DECLARE_CHECK(TokenResponseCarriesBearerAndRefreshToken, 8,
                       "RFC6749-5.1, SR: refresh token always sent");
OAUTHSIM_DECLARE_CHECK(TokenResponseIsNotCached, 8, "RFC6749-5.1");
OAUTHSIM_DECLARE_CHECK(TokenErrorIsRfc6749Error, 8, "RFC6749-5.2");
OAUTHSIM_DECLARE_CHECK(BearerTokenSentInAuthorizationHeader, 9, "RFC6750-2.1");
OAUTHSIM_DECLARE_CHECK(AccessTokenNeverInQueryString, 9, "RFC6750-5.3");
OAUTHSIM_DECLARE_CHECK(RefusalCarriesBearerChallenge, 10, "RFC6750-3");

}  // namespace oauthsim::scenario
