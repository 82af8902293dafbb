// Proves the grader through check-client: the client test plan run against the reference app as
// an external client (its own process-like setup: own clock, randomness and transport, seen
// only on the wire). The correct app passes every step of every plan scenario; each broken
// variant fails exactly the checks that catch its flaw, at their steps, and nothing else.
#include "oauthsim/scenario/runner/check_client.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "e2e/flow_explain.h"
#include "oauthsim/client/app_settings.h"
#include "oauthsim/client/client_flaw.h"
#include "oauthsim/client/vendor_app.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/common/random.h"
#include "oauthsim/common/socket_http_transport.h"
#include "oauthsim/common/url.h"
#include "oauthsim/scenario/reports/html_report.h"
#include "oauthsim/scenario/reports/replay_report.h"
#include "oauthsim/scenario/runner/scenario_runner.h"

namespace oauthsim::scenario {
namespace {

using client::ClientFlaw;

// The reference app as a vendor's app would be: its own clock (SR's clock moving tells it
// nothing), its own randomness and transport, no trace, configured through the hook with the
// mock servers' URLs.
class ReferenceApp {
 public:
  explicit ReferenceApp(std::set<ClientFlaw> flaws = {})
      : flaws_(std::move(flaws)), app_({}, transport_, clock_, random_, nullptr) {
    app_.start("127.0.0.1", 0);
  }
  ~ReferenceApp() { app_.stop(); }

  std::string redirect_uri() const { return app_.base_url() + "/callback"; }

  CheckClientOptions options() {
    CheckClientOptions o;
    o.config.clients.front().redirect_uris = {redirect_uri()};
    o.client.start_url = app_.base_url() + "/connect";
    o.client.action_url = app_.base_url() + "/action?path=/users/me";
    o.on_servers_listening = [this,
                              registration = o.config.clients.front()](const ServerUrls& urls) {
      client::ClientSettings s;
      client::register_as(s, registration, urls.authorization_server, urls.resource_server);
      s.redirect_uri = redirect_uri();
      s.flaws = flaws_;
      app_.set_settings(s);
    };
    return o;
  }

 private:
  std::set<ClientFlaw> flaws_;
  common::VirtualClock clock_;
  common::SeededRandom random_{42};
  common::SocketHttpTransport transport_;
  client::VendorApp app_;
};

// (scenario, step, check) of every failing check.
using Failure = std::tuple<std::string, int, std::string>;

std::set<Failure> failures_of(const std::vector<FlowResult>& results) {
  std::set<Failure> out;
  for (const auto& r : results) {
    for (const auto& s : r.steps) {
      for (const auto& c : s.checks) {
        if (!c.passed) out.emplace(r.name, s.step, c.name);
      }
    }
  }
  return out;
}

std::string describe(const std::set<Failure>& failures) {
  std::string out;
  for (const auto& [scenario, step, check] : failures) {
    out += "      {\"" + scenario + "\", " + std::to_string(step) + ", \"" + check + "\"},\n";
  }
  return out;
}

TEST(CheckClient, ThePlanIsTheCatalogScenariosTaggedForIt) {
  std::set<std::string> names;
  for (const auto& s : client_test_plan()) names.insert(s.name);
  EXPECT_EQ(names,
            (std::set<std::string>{
                "client_plan_allow", "client_plan_api_429", "client_plan_api_429_no_retry_after",
                "client_plan_api_5xx", "client_plan_deny", "client_plan_expired_token",
                "client_plan_no_customer_api_access", "client_plan_refresh_from_two_places",
                "client_plan_refresh_refused", "client_plan_state_altered",
                "client_plan_tls_refused", "client_plan_token_empty_json_200",
                "client_plan_token_non_json_body", "client_plan_token_wrong_content_type"}));
}

TEST(CheckClient, CorrectAppPassesEveryStepAndCheckOfThePlan) {
  ReferenceApp app;
  const auto results = check_client(app.options());
  // Over plain http all but the refused-handshake scenario, which needs https.
  ASSERT_EQ(results.size(), client_test_plan().size() - 1);
  for (const auto& r : results) {
    EXPECT_TRUE(r.error.empty()) << r.name << ": " << r.error;
    for (const auto& s : r.steps) {
      EXPECT_NE(s.verdict, Verdict::kFail) << r.name << " step " << s.step << ": " << s.observed;
    }
    EXPECT_TRUE(r.passed) << r.name << "\n" << explain(r);
  }
}

// A vendor's configuration: its only user is not the demo one, and its lifetimes are longer than
// SR's defaults, so a plan that advanced the clock by SR's 1800 s / 28 days would find the
// access token still valid and the refresh token still alive (and fail the checks it requests).
TEST(CheckClient, LogsInAsTheConfigurationsUserAndMovesTheClockByItsLifetimes) {
  ReferenceApp app;
  auto options = app.options();
  common::UserConfig rita = options.config.users.front();
  rita.id = "rita-1";
  rita.username = "rita@acme.test";
  rita.password = "r1ta-not-wonderland";
  options.config.users = {rita};
  options.config.lifetimes.access_token = 3600;
  options.config.lifetimes.refresh_token = 40 * 24 * 3600;
  options.config.lifetimes.authorization_code = 30;
  const auto results = check_client(options);
  // Over plain http all but the refused-handshake scenario, which needs https.
  ASSERT_EQ(results.size(), client_test_plan().size() - 1);
  for (const auto& r : results) {
    EXPECT_TRUE(r.passed) << r.name << "\n" << explain(r);
    const auto login = std::find_if(r.trace.begin(), r.trace.end(), [](const auto& e) {
      return e.observer == common::party::kAuthorizationServer &&
             e.path == common::sr_paths::kLogin;
    });
    ASSERT_NE(login, r.trace.end()) << r.name;
    EXPECT_EQ(login->form.get("username"), "rita@acme.test") << r.name;
    EXPECT_EQ(login->outcome, common::ExchangeOutcome::kLoginAccepted) << r.name;
  }
}

// SR accepts a code exchange without redirect_uri: such an app passes, with a warning, and only
// --strict makes the warning fail it.
TEST(CheckClient, AnAppLeavingRedirectUriOutPassesWithAWarningThatStrictFails) {
  ReferenceApp app({ClientFlaw::kRedirectUriNotSent});
  auto results = check_client(app.options());
  std::size_t warned = 0;
  for (auto& r : results) {
    EXPECT_TRUE(r.passed) << r.name << "\n" << explain(r);
    for (const auto& s : r.steps) EXPECT_NE(s.verdict, Verdict::kFail) << r.name << " " << s.step;
    if (warning_count(r) == 0) continue;
    ++warned;
    make_warnings_fail(r);
    EXPECT_FALSE(r.passed) << r.name;
    EXPECT_EQ(r.steps[6].verdict, Verdict::kFail) << r.name;
  }
  EXPECT_GT(warned, 0u);
}

TEST(CheckClient, AUserTheConfigurationLacksIsRefusedByName) {
  ReferenceApp app;
  auto options = app.options();
  options.username = "mallory@example.com";
  try {
    validate(options);
    ADD_FAILURE() << "an unknown user was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("mallory@example.com"), std::string::npos) << e.what();
  }
  options.username = "bob@example.com";  // a configured user other than the first
  EXPECT_EQ(plan_user(options).username, "bob@example.com");
  EXPECT_NO_THROW(validate(options));
}

TEST(CheckClient, RedirectUrisAreUsedAsTheVendorRegisteredThem) {
  ReferenceApp app;
  auto options = app.options();
  WorldOptions world;
  world.config = options.config;
  world.external_client = options.client;
  World w(world);
  EXPECT_EQ(w.client_registration().redirect_uris, std::vector<std::string>{app.redirect_uri()});
  EXPECT_EQ(w.connect_url(), options.client.start_url);
  EXPECT_EQ(w.action_url("/jobs"), options.client.action_url);
  const auto origin = common::parse_url(app.redirect_uri())->origin();
  EXPECT_EQ(w.party_for_origin(origin), common::party::kClient);
  EXPECT_THROW(w.vendor_app(), std::logic_error);
}

TEST(CheckClient, HookSeesTheListeningServersBeforeTheFlow) {
  WorldOptions world;
  world.external_client = ExternalClient{"http://127.0.0.1:1/connect", ""};
  ServerUrls seen;
  world.on_servers_listening = [&](const ServerUrls& urls) { seen = urls; };
  World w(world);
  EXPECT_EQ(seen.authorization_server, w.authorization_server().base_url());
  EXPECT_EQ(seen.resource_server, w.resource_server().base_url());
  EXPECT_THROW(w.action_url("/users/me"), std::runtime_error);
}

TEST(CheckClient, ActionsNeedingTheReferenceAppAreRefusedNamingTheAction) {
  ReferenceApp app;
  const auto options = app.options();
  auto spec = parse_scenario_text(
      R"({"name": "needs_refresh", "actions": [{"do": "connect"}, {"do": "refresh"}]})", "test");
  const FlowResult r = run_mission_flow(external_client_flow(spec.front(), options));
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.error.find("action 2: refresh needs the reference app"), std::string::npos)
      << r.error;
}

TEST(CheckClient, WithoutAnActionUrlTheScenariosCallingTheApiAreLeftOut) {
  CheckClientOptions o;
  o.client.start_url = "http://127.0.0.1:1/connect";
  std::vector<std::string> left_out;
  std::set<std::string> run;
  for (const auto& s : selected_plan(o, &left_out)) run.insert(s.name);
  EXPECT_EQ(run, (std::set<std::string>{"client_plan_deny", "client_plan_state_altered"}));
  EXPECT_EQ(left_out.size(), client_test_plan().size() - 2);
}

TEST(CheckClient, BadOptionsAreRefusedNamingWhatIsWrong) {
  CheckClientOptions o;
  o.client.start_url = "not a url";
  EXPECT_THROW(validate(o), std::invalid_argument);
  o.client.start_url = "http://127.0.0.1:1/connect";
  o.client_id = "nobody";
  try {
    validate(o);
    ADD_FAILURE() << "an unknown client passed";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("nobody"), std::string::npos) << e.what();
  }
  o.client_id.clear();
  o.scenarios = {"client_plan_nope"};
  try {
    validate(o);
    ADD_FAILURE() << "an unknown scenario passed";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("client_plan_allow"), std::string::npos) << e.what();
  }
}

TEST(CheckClient, AnAppThatIsNotRunningIsReportedUnreachable) {
  int port = 0;
  {
    ReferenceApp gone;  // its port is free again once it stops
    port = common::parse_url(gone.redirect_uri())->port;
  }
  const auto why = probe_app("http://127.0.0.1:" + std::to_string(port) + "/connect", 2);
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("nothing answers at"), std::string::npos) << *why;
}

// SR documents only the X-RateLimit-* headers, no Retry-After: the plan's 429 without it is
// what a client backing off has to go by, and the correct app is not failed for retrying once.
TEST(CheckClient, RateLimitWithoutRetryAfterCarriesOnlySrsHeaders) {
  ReferenceApp app;
  auto options = app.options();
  options.scenarios = {"client_plan_api_429_no_retry_after"};
  const auto results = check_client(options);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results.front().passed) << explain(results.front());
  int limited = 0;
  for (const auto& e : results.front().trace) {
    if (e.observer != common::party::kResourceServer || e.status != 429) continue;
    ++limited;
    EXPECT_FALSE(e.response_headers.has("Retry-After")) << "trace #" << e.seq;
    EXPECT_EQ(e.response_headers.get_or("X-RateLimit-Remaining", ""), "0") << "trace #" << e.seq;
    EXPECT_TRUE(e.response_headers.has("X-RateLimit-Limit")) << "trace #" << e.seq;
  }
  EXPECT_GE(limited, 1) << "the API never answered 429";
}

struct AppVariant {
  ClientFlaw flaw;
  std::set<Failure> caught_by;
};

using Scenarios = std::vector<std::string>;
const Scenarios kEveryScenario = {"client_plan_allow",
                                  "client_plan_api_429",
                                  "client_plan_api_429_no_retry_after",
                                  "client_plan_api_5xx",
                                  "client_plan_deny",
                                  "client_plan_expired_token",
                                  "client_plan_no_customer_api_access",
                                  "client_plan_refresh_from_two_places",
                                  "client_plan_refresh_refused",
                                  "client_plan_state_altered",
                                  "client_plan_token_empty_json_200",
                                  "client_plan_token_non_json_body",
                                  "client_plan_token_wrong_content_type"};
// The scenarios in which the app redeems a code and calls the API.
const Scenarios kConnected = {"client_plan_allow",
                              "client_plan_api_429",
                              "client_plan_api_429_no_retry_after",
                              "client_plan_api_5xx",
                              "client_plan_expired_token",
                              "client_plan_no_customer_api_access",
                              "client_plan_refresh_from_two_places",
                              "client_plan_refresh_refused",
                              "client_plan_token_empty_json_200",
                              "client_plan_token_non_json_body",
                              "client_plan_token_wrong_content_type"};
// The scenarios in which the API refuses a whole action (ApiErrorIsNotHammered judges them).
const Scenarios kApiRefuses = {"client_plan_api_429", "client_plan_api_429_no_retry_after",
                               "client_plan_api_5xx", "client_plan_no_customer_api_access"};
// The scenarios in which the access token expires and the app must refresh.
const Scenarios kRefreshing = {"client_plan_expired_token", "client_plan_refresh_from_two_places"};
// The scenarios in which the token endpoint answers the code exchange with a quirk once.
const Scenarios kTokenQuirks = {"client_plan_token_empty_json_200",
                                "client_plan_token_non_json_body",
                                "client_plan_token_wrong_content_type"};

// `check` failing at `step` of each of `scenarios`.
std::set<Failure> fails(const Scenarios& scenarios, int step, const std::string& check) {
  std::set<Failure> out;
  for (const auto& s : scenarios) out.emplace(s, step, check);
  return out;
}
// The steps' outcomes that differ from the plan's expectation.
std::set<Failure> outcome_differs(const Scenarios& scenarios, std::vector<int> steps) {
  std::set<Failure> out;
  for (int step : steps) out.merge(fails(scenarios, step, "StepOutcomeMatchesScenario"));
  return out;
}
std::set<Failure> all_of(std::vector<std::set<Failure>> parts) {
  std::set<Failure> out;
  for (auto& p : parts) out.merge(p);
  return out;
}

// The README's table, as the plan proves it: for each flaw, the checks that catch it (the first
// of each row) and what the flaw then breaks downstream, scenario by scenario and step by step.
const std::vector<AppVariant>& app_variants() {
  static const std::vector<AppVariant> kVariants = {
      {ClientFlaw::kNoState,
       all_of({fails(kEveryScenario, 2, "StateCarriesAtLeast128Bits"),
               // With no state to check, the forged callback is taken.
               outcome_differs({"client_plan_state_altered"}, {7, 8, 9, 10}),
               // No state to compare between the two connects: requested, never applied.
               fails({"client_plan_allow"}, 2, "StateIsNeverReused")})},
      {ClientFlaw::kStateNotChecked,
       all_of({fails({"client_plan_state_altered"}, 6, "ClientRefusesCallbackWithWrongState"),
               outcome_differs({"client_plan_state_altered"}, {7, 8, 9, 10})})},
      {ClientFlaw::kCodeRedeemedTwice,
       all_of({fails(kConnected, 7, "CodeIsRedeemedOnce"),
               // SR revokes the first tokens when the code comes again: the API refuses them.
               fails(kConnected, 10, "ApiCallAnswersAsScenarioExpects"),
               outcome_differs(kConnected, {10}),
               fails(kRefreshing, 8, "RefreshRotatesRefreshToken"),
               fails(kRefreshing, 9, "ClientRefreshesAndRetriesOnce"),
               // The API refuses the revoked token before any 429, 503 or 403 could be judged.
               fails(kApiRefuses, 9, "ApiErrorIsNotHammered"),
               // The relabelled answer was real: the second redemption revokes its tokens.
               outcome_differs({"client_plan_token_wrong_content_type"}, {8})})},
      {ClientFlaw::kSecretInQuery,
       all_of({fails(kConnected, 7, "CodeIsSentAsFormBody"),
               fails(kConnected, 7, "ClientAuthenticatesOnce"),
               // SR sees no client authentication: invalid_client, no token, no API call.
               outcome_differs(kConnected, {8, 9, 10}),
               // So every check the plan asks for after step 8 never applies, and says so.
               fails(kConnected, 10, "ApiCallAnswersAsScenarioExpects"),
               fails({"client_plan_allow"}, 9, "GrantedScopeIsRespected"),
               fails(kApiRefuses, 9, "ApiErrorIsNotHammered"),
               fails(kRefreshing, 8, "RefreshRotatesRefreshToken"),
               fails(kRefreshing, 9, "ClientRefreshesAndRetriesOnce"),
               fails({"client_plan_expired_token"}, 10, "ExpiredTokenIsRefusedAsInvalidToken"),
               fails({"client_plan_refresh_refused"}, 7, "ClientReauthorizesAfterInvalidGrant")})},
      {ClientFlaw::kTokenInQuery,
       all_of({fails(kConnected, 9, "BearerTokenSentInAuthorizationHeader"),
               fails(kConnected, 9, "AccessTokenNeverInQueryString"),
               // SR refuses a token in the query with 400, never 401: no refresh is triggered.
               fails(kConnected, 10, "ApiCallAnswersAsScenarioExpects"),
               outcome_differs(kConnected, {10}),
               fails({"client_plan_expired_token"}, 10, "ExpiredTokenIsRefusedAsInvalidToken"),
               // Without a 401 there is no refresh for the refresh checks to judge.
               fails(kRefreshing, 8, "RefreshRotatesRefreshToken"),
               fails(kRefreshing, 9, "ClientRefreshesAndRetriesOnce"),
               fails({"client_plan_refresh_refused"}, 7, "ClientReauthorizesAfterInvalidGrant"),
               // SR answers 400 before it looks at the company: no 403 to judge.
               fails({"client_plan_no_customer_api_access"}, 9, "ApiErrorIsNotHammered")})},
      {ClientFlaw::kRotatedRefreshTokenNotKept,
       // On the wire a second worker refreshing with the token the first one already rotated
       // looks exactly like an app that kept the old token: a rotated-out token comes back.
       all_of({fails(kRefreshing, 7, "ClientKeepsRotatedRefreshToken"),
               // SR revokes the grant when the rotated-out token comes back.
               fails(kRefreshing, 10, "ApiCallAnswersAsScenarioExpects"),
               outcome_differs(kRefreshing, {10})})},
      {ClientFlaw::kRefreshRetriedForever,
       fails({"client_plan_refresh_refused"}, 7, "ClientStopsRefreshingAfterInvalidGrant")},
      {ClientFlaw::kTokenRequestAfterDenial,
       all_of({fails({"client_plan_deny"}, 6, "NoTokenRequestAfterDenial"),
               outcome_differs({"client_plan_deny"}, {7, 8})})},
      {ClientFlaw::kRedirectUriNotSent, fails(kConnected, 7, "RedirectUriMatchesAuthorization")},
      {ClientFlaw::kTokenAnswerNotChecked,
       fails(kTokenQuirks, 9, "BearerTokenSentInAuthorizationHeader")},
      {ClientFlaw::kApiErrorRetriedAtOnce,
       all_of({fails(kApiRefuses, 9, "ApiErrorIsNotHammered"),
               fails({"client_plan_api_429"}, 9, "ClientWaitsRetryAfterBeforeCallingAgain")})},
  };
  return kVariants;
}

class BrokenApp : public ::testing::TestWithParam<AppVariant> {};

TEST_P(BrokenApp, FailsExactlyTheChecksThatCatchItsFlaw) {
  ReferenceApp app({GetParam().flaw});
  auto options = app.options();
  const auto results = check_client(options);
  for (const auto& r : results) EXPECT_TRUE(r.error.empty()) << r.name << ": " << r.error;
  const auto failed = failures_of(results);
  EXPECT_EQ(failed, GetParam().caught_by) << "failing:\n" << describe(failed);
  EXPECT_FALSE(failed.empty());
}

INSTANTIATE_TEST_SUITE_P(Flaws, BrokenApp, ::testing::ValuesIn(app_variants()),
                         [](const ::testing::TestParamInfo<AppVariant>& info) {
                           return std::string(client::flaw_name(info.param.flaw));
                         });

TEST(BrokenApps, EveryFlawHasAVariantRow) {
  std::set<ClientFlaw> listed;
  for (const auto& v : app_variants()) listed.insert(v.flaw);
  for (auto f : client::all_client_flaws()) EXPECT_TRUE(listed.count(f)) << client::flaw_name(f);
}

// check-client --html: the page of a broken app's run draws each plan scenario's exchanges with
// the app's, and points at the exchange its flaw was caught on.
TEST(CheckClientHtmlReport, DrawsEachScenarioAndMarksTheExchangeTheFlawWasCaughtOn) {
  ReferenceApp app({ClientFlaw::kSecretInQuery});
  const auto results = check_client(app.options());
  const std::string page = html_report(results, "oauthsim check-client");
  ASSERT_FALSE(results.empty());
  for (const auto& r : results) {
    const auto at = page.find("data-scenario=\"" + r.name + "\"");
    ASSERT_NE(at, std::string::npos) << r.name;
    const std::string section = page.substr(at, page.find("</details>", at) - at);
    std::size_t exchanges = 0;
    for (const auto& item : replay_items(r.trace))
      exchanges += is_harness_marker(*item.entry) ? 0 : 1;
    std::size_t arrows = 0;
    for (auto a = section.find("<g class=\"arrow"); a != std::string::npos;
         a = section.find("<g class=\"arrow", a + 1)) {
      ++arrows;
    }
    EXPECT_EQ(arrows, exchanges) << r.name;
  }
  const auto allow = page.find("data-scenario=\"client_plan_allow\"");
  ASSERT_NE(allow, std::string::npos);
  const std::string section = page.substr(allow, page.find("</details>", allow) - allow);
  const auto failing = section.find("<g class=\"arrow failing\"");
  ASSERT_NE(failing, std::string::npos);
  const std::string tag = section.substr(failing, section.find('>', failing) - failing);
  EXPECT_NE(tag.find("data-step=\"7-8\""), std::string::npos) << tag;
  EXPECT_NE(section.find("CodeIsSentAsFormBody"), std::string::npos);
  EXPECT_NE(page.find("Client (vendor app)"), std::string::npos);
}

}  // namespace
}  // namespace oauthsim::scenario
