#include "oauthsim/scenario/judging/standard_checks.h"

#include "oauthsim/scenario/judging/client_flaw_checks.h"
#include "oauthsim/scenario/judging/fault_checks.h"
#include "oauthsim/scenario/judging/sr_endpoint_checks.h"

namespace oauthsim::scenario {

const std::vector<std::unique_ptr<Check>>& standard_checks() {
  static const std::vector<std::unique_ptr<Check>> kChecks = [] {
    std::vector<std::unique_ptr<Check>> v;
    v.push_back(std::make_unique<ConnectRedirectsToAuthorizationEndpoint>());
    v.push_back(std::make_unique<AuthorizationRequestNamesClientAndRedirectUri>());
    v.push_back(std::make_unique<StateCarriesAtLeast128Bits>());
    v.push_back(std::make_unique<UnregisteredRedirectUriIsNeverRedirectedTo>());
    v.push_back(std::make_unique<LoginSessionCookieIsHttpOnly>());
    v.push_back(std::make_unique<DecisionCarriesCsrfToken>());
    v.push_back(std::make_unique<RedirectTargetsRegisteredUri>());
    v.push_back(std::make_unique<StateIsEchoedUnchanged>());
    v.push_back(std::make_unique<ClientRefusesCallbackWithWrongState>());
    v.push_back(std::make_unique<NoTokenRequestAfterDenial>());
    v.push_back(std::make_unique<CodeIsSentAsFormBody>());
    v.push_back(std::make_unique<ClientAuthenticatesOnce>());
    v.push_back(std::make_unique<RedirectUriMatchesAuthorization>());
    v.push_back(std::make_unique<CodeIsRedeemedOnce>());
    v.push_back(std::make_unique<ClientRetriesTokenRequestAtMostOnceAfterServerError>());
    v.push_back(std::make_unique<ClientKeepsRotatedRefreshToken>());
    v.push_back(std::make_unique<ClientStopsRefreshingAfterInvalidGrant>());
    v.push_back(std::make_unique<ClientCallsOnlyEndpointsSrServes>());
    v.push_back(std::make_unique<TokenResponseCarriesBearerAndRefreshToken>());
    v.push_back(std::make_unique<TokenResponseIsNotCached>());
    v.push_back(std::make_unique<TokenErrorIsRfc6749Error>());
    v.push_back(std::make_unique<ReplayedCodeIsRefusedAndRevokesTokens>());
    v.push_back(std::make_unique<ClientCredentialsTokenHasNoRefreshToken>());
    v.push_back(std::make_unique<ExpiredCodeIsRefused>());
    v.push_back(std::make_unique<CodeIsBoundToTheClient>());
    v.push_back(std::make_unique<MismatchedRedirectUriIsRefused>());
    v.push_back(std::make_unique<BearerTokenSentInAuthorizationHeader>());
    v.push_back(std::make_unique<AccessTokenNeverInQueryString>());
    v.push_back(std::make_unique<ClientWaitsRetryAfterBeforeCallingAgain>());
    v.push_back(std::make_unique<RefusalCarriesBearerChallenge>());
    v.push_back(std::make_unique<RateLimitAnswerCarriesRetryAfter>());
    v.push_back(std::make_unique<RevokedTokenIsRefused>());
    v.push_back(std::make_unique<TokenInQueryIsRefused>());
    v.push_back(std::make_unique<DeletedUsersGrantIsRefused>());
    return v;
  }();
  return kChecks;
}

}  // namespace oauthsim::scenario
