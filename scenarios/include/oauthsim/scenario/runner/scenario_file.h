#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "oauthsim/common/fault_injector.h"
#include "oauthsim/scenario/browser/user_agent.h"
#include "oauthsim/scenario/judging/api_call_check.h"
#include "oauthsim/scenario/judging/steps.h"
#include "oauthsim/scenario/world/world.h"

namespace oauthsim::scenario {

// A Customer API that fails while one call_api action runs: every request to the route the
// client called last (before the action; else the action's path) gets `status`, so a scenario
// can count how hard the client retries whatever route it calls.
struct ApiFailureDuringCall {
  int status = 503;      // 429 or 5xx
  int retry_after = -1;  // a Retry-After header (seconds) when >= 0
};

// Something the parties do, in order (the key "do" of an action).
struct ScenarioAction {
  enum class Kind {
    kConnect,                      // the user agent runs the login/consent script from /connect
    kAdvanceClock,                 // the shared virtual clock moves `seconds` ahead
    kCallApi,                      // the user agent asks the vendor app to call `method path`
    kRefresh,                      // the user agent asks the vendor app to refresh its tokens now
    kRevoke,                       // the vendor app revokes its access or refresh token (RFC 7009)
    kClientCredentials,            // the client gets a token for itself, then may call `path`
    kDeleteUser,                   // the user is deleted at SR (the grant breaks)
    kReplayCode,                   // the client's last code exchange is sent again, byte for byte
    kCallApiWithTokenInQuery,      // `path` is called with ?access_token=<the app's token>
    kCallApiWithOtherCertificate,  // `path` is called with the app's token over a TLS connection
                                   // presenting `certificate` (RFC 8705 3: a stolen bound token)
    kReusePreviousRefreshToken,    // the refresh token the app held before its last refresh is
                                   // posted to the token endpoint, as a stolen copy would be
    kCustomerApiAccess             // SR turns a company's Customer API feature on or off
  };
  Kind kind = Kind::kConnect;
  std::int64_t seconds = 0;  // kAdvanceClock
  // kAdvanceClock: instead of `seconds`, one second past the world's configured lifetime of
  // "access_token", "refresh_token" or "authorization_code" (the configuration under test
  // decides, not SR's defaults). Empty: `seconds`.
  std::string past;
  std::string path;            // kCallApi, kCallApiWithTokenInQuery, kClientCredentials (optional)
  std::string method = "GET";  // kCallApi: GET or POST
  std::string body;            // kCallApi with POST: JSON text
  std::string token = "refresh_token";  // kRevoke: access_token or refresh_token
  std::vector<std::string> scopes;      // kClientCredentials; empty: the server's default
  std::string username;                 // kDeleteUser; empty: the scripted user
  std::string company;                  // kCustomerApiAccess
  bool enabled = true;                  // kCustomerApiAccess
  AppCertificate certificate = AppCertificate::kOther;  // kCallApiWithOtherCertificate
  // kConnect: false when the scenario expects the user agent to stop before the client's
  // answer (the flow is refused at the authorization endpoint, or the login never succeeds);
  // true makes an unfinished script a harness error.
  bool script_completes = true;
  // The answer the action's last API call must get (kCallApi, kCallApiWithTokenInQuery,
  // kClientCredentials with a path); judged at step 10 by ApiCallAnswersAsScenarioExpects.
  std::optional<ApiCallExpectation> expect;
  // kCallApi: the Customer API fails for the whole action ("api_fails").
  std::optional<ApiFailureDuringCall> api_fails;
};

// Something that goes wrong on purpose at a named point of the flow.
struct ScenarioFault {
  enum class Point {
    kAuthorizationRequest,  // the client's redirect to the authorization endpoint (front channel)
    kRedirectBack,          // the authorization server's redirect to the client (front channel)
    kTokenRequest,          // the client's code exchange on its way to the token endpoint
    kTokenEndpoint,         // the token endpoint itself answers wrongly or slowly
    kApiRequest,            // the client's Customer API request on its way
    kApi,                   // a Customer API route answers wrongly or slowly
  };
  enum class Kind {
    kReplaceClientId,             // authorization_request
    kReplaceRedirectUri,          // authorization_request, token_request
    kReplaceCode,                 // redirect_back
    kReplaceState,                // redirect_back
    kDropState,                   // redirect_back
    kWrongClientSecret,           // token_request
    kDropClientAuthentication,    // token_request: no secret, no Basic header
    kDoubleClientAuthentication,  // token_request: Basic header and client_secret together
    kUseClient,                   // token_request: another registered client's credentials
    kReplaceCodeVerifier,         // token_request (PKCE)
    kAdvanceClock,                // token_request: the clock moves before it arrives (once)
    kTamperAccessToken,           // api_request: one character of the bearer token changes
    kAnswer,                      // token_endpoint, api: answer `status` instead, `times` times
    kDelay,                       // token_endpoint, api: answer `delay_ms` late, `times` times
    kQuirk,                       // token_endpoint, api: a common::FaultQuirk, `times` times
  };
  Point at = Point::kRedirectBack;
  Kind kind = Kind::kReplaceCode;
  std::string value;         // the replacement (client id, URI, code, state, secret, verifier)
  std::int64_t seconds = 0;  // kAdvanceClock
  int status = 0;            // kAnswer
  int retry_after = -1;      // kAnswer: a Retry-After header when >= 0
  int delay_ms = 0;          // kDelay
  common::FaultQuirk quirk = common::FaultQuirk::kEmptyJson200;  // kQuirk
  int times = 1;       // kAnswer, kDelay, kTamperAccessToken
  std::string method;  // kApi: empty means any
  std::string path;    // kApi: the route's path, e.g. /users/me
};

// One scenario as a file describes it (docs/scenarios.md has every key).
struct ScenarioSpec {
  std::string name;
  std::string description;
  std::vector<std::string> tags;
  std::string source;                 // file it came from, for messages
  WorldOptions world;                 // world.config merged over the defaults
  std::optional<std::uint64_t> seed;  // unset: the runner's --seed
  UserScript user{"alice@example.com", "wonderland", std::nullopt, Decision::kAllow};
  std::vector<ScenarioAction> actions;  // default: one connect
  std::vector<ScenarioFault> faults;
  Expectations expected;            // steps not listed: pass
  std::vector<std::string> checks;  // names from check_registry.h
  // Standard checks this scenario is built to break (a misbehaving client, say): each must
  // fail, and its failure then counts as the expected outcome.
  std::vector<std::string> failing_checks;
};

// A malformed scenario: what() names the file, the key as a JSON pointer (e.g.
// /expect/steps/11) and what was expected. Executables exit 2.
class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A document holds one scenario object or an array of them.
std::vector<ScenarioSpec> parse_scenarios(const nlohmann::json& j, const std::string& source);
// Parses text (bad JSON is a ScenarioError too).
std::vector<ScenarioSpec> parse_scenario_text(const std::string& text, const std::string& source);
std::vector<ScenarioSpec> load_scenario_file(const std::string& path);

}  // namespace oauthsim::scenario
