// Scenario files: every key read strictly, every error naming the file, the key and what was
// expected.
#include "oauthsim/scenario/runner/scenario_file.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "oauthsim/scenario/judging/check_registry.h"
#include "oauthsim/scenario/runner/builtin_catalog.h"
#include "oauthsim/scenario/runner/scenario_runner.h"

namespace oauthsim::scenario {
namespace {

using nlohmann::json;
using Kind = StepExpectation::Kind;

json minimal() {
  return json{{"name", "s"}};
}

// The error message parsing `j` gives, or "" when it parses.
std::string error_of(const json& j, const std::string& source = "dir/s.json") {
  try {
    parse_scenarios(j, source);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

void expect_error(const json& j, const std::string& pointer, const std::string& what) {
  const std::string message = error_of(j);
  EXPECT_EQ(message.rfind("dir/s.json: " + pointer + ": ", 0), 0u) << message;
  EXPECT_NE(message.find(what), std::string::npos) << message;
}

TEST(ScenarioFile, MinimalScenarioDefaultsToAliceAllowingOneConnectAndAllStepsPassing) {
  const auto specs = parse_scenarios(minimal(), "s.json");
  ASSERT_EQ(specs.size(), 1u);
  const ScenarioSpec& s = specs[0];
  EXPECT_EQ(s.name, "s");
  EXPECT_EQ(s.source, "s.json");
  EXPECT_EQ(s.user.username, "alice@example.com");
  EXPECT_EQ(s.user.password, "wonderland");
  EXPECT_FALSE(s.user.wrong_password_first);
  EXPECT_EQ(s.user.decision, Decision::kAllow);
  ASSERT_EQ(s.actions.size(), 1u);
  EXPECT_EQ(s.actions[0].kind, ScenarioAction::Kind::kConnect);
  EXPECT_TRUE(s.faults.empty());
  for (const auto& x : s.expected) EXPECT_EQ(x.kind, Kind::kPass);
  EXPECT_TRUE(s.checks.empty());
  EXPECT_FALSE(s.seed);
  EXPECT_TRUE(s.world.refresh_ahead);
  EXPECT_FALSE(s.world.use_pkce);
  EXPECT_EQ(s.world.config.clients.size(), common::default_config().clients.size());
}

TEST(ScenarioFile, FullExampleReadsEveryKey) {
  const json j = json::parse(R"({
    "name": "full", "description": "every key", "tags": ["a", "b"],
    "world": {"config": {"lifetimes": {"access_token": 60}},
              "client_id": "acme-ats", "scopes": ["user_me_read", "jobs_read"], "pkce": true,
              "auth_method": "client_secret_basic", "refresh_ahead": false, "seed": 7},
    "user": {"username": "bob@example.com", "password": "builder",
             "wrong_password_first": "x", "decision": "deny"},
    "actions": [{"do": "connect"}, {"do": "advance_clock", "seconds": 61},
                {"do": "call_api", "path": "/users/me"}, {"do": "reuse_previous_refresh_token"}],
    "faults": [{"at": "redirect_back", "kind": "replace_code", "value": "c"},
               {"at": "redirect_back", "kind": "replace_state", "value": "forged"},
               {"at": "redirect_back", "kind": "drop_state"}],
    "expect": {"steps": {"5": {"refused": "access_denied"}, "6": {"refused": ""},
                         "7": "not_reached", "8": "pass"},
               "checks": ["ExpiredTokenIsRefusedAsInvalidToken", "RefreshRotatesRefreshToken"]}
  })");
  const ScenarioSpec s = parse_scenarios(j, "full.json").at(0);
  EXPECT_EQ(s.description, "every key");
  EXPECT_EQ(s.tags, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(s.world.config.lifetimes.access_token, 60);
  EXPECT_EQ(s.world.config.lifetimes.refresh_token, common::Lifetimes{}.refresh_token);
  EXPECT_EQ(s.world.client_id, "acme-ats");
  EXPECT_EQ(s.world.scopes, (std::vector<std::string>{"user_me_read", "jobs_read"}));
  EXPECT_TRUE(s.world.use_pkce);
  EXPECT_EQ(s.world.auth_method, client::ClientAuthMethod::kClientSecretBasic);
  EXPECT_FALSE(s.world.refresh_ahead);
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(s.user.username, "bob@example.com");
  EXPECT_EQ(s.user.password, "builder");
  EXPECT_EQ(s.user.wrong_password_first, "x");
  EXPECT_EQ(s.user.decision, Decision::kDeny);
  ASSERT_EQ(s.actions.size(), 4u);
  EXPECT_EQ(s.actions[1].kind, ScenarioAction::Kind::kAdvanceClock);
  EXPECT_EQ(s.actions[1].seconds, 61);
  EXPECT_EQ(s.actions[2].kind, ScenarioAction::Kind::kCallApi);
  EXPECT_EQ(s.actions[2].path, "/users/me");
  EXPECT_EQ(s.actions[3].kind, ScenarioAction::Kind::kReusePreviousRefreshToken);
  ASSERT_EQ(s.faults.size(), 3u);
  EXPECT_EQ(s.faults[0].kind, ScenarioFault::Kind::kReplaceCode);
  EXPECT_EQ(s.faults[0].value, "c");
  EXPECT_EQ(s.faults[1].kind, ScenarioFault::Kind::kReplaceState);
  EXPECT_EQ(s.faults[2].kind, ScenarioFault::Kind::kDropState);
  EXPECT_EQ(s.expected[4].kind, Kind::kRefused);
  EXPECT_EQ(s.expected[4].error, "access_denied");
  EXPECT_EQ(s.expected[5].kind, Kind::kRefused);
  EXPECT_EQ(s.expected[5].error, "");
  EXPECT_EQ(s.expected[6].kind, Kind::kNotReached);
  EXPECT_EQ(s.expected[7].kind, Kind::kPass);
  EXPECT_EQ(s.expected[9].kind, Kind::kPass);
  EXPECT_EQ(s.checks.size(), 2u);
}

TEST(ScenarioFile, Step8MayNameTheTokenEndpointsRefusalReason) {
  json j = minimal();
  j["expect"] = {
      {"steps", {{"8", {{"refused", "invalid_grant"}, {"reason", "code_verifier_mismatch"}}}}}};
  const auto spec = parse_scenarios(j, "s.json").at(0);
  EXPECT_EQ(spec.expected[7].kind, Kind::kRefused);
  EXPECT_EQ(spec.expected[7].error, "invalid_grant");
  EXPECT_EQ(spec.expected[7].reason, "code_verifier_mismatch");

  j["expect"]["steps"]["8"]["reason"] = "verifier_wrong";
  expect_error(j, "/expect/steps/8/reason", "unknown refusal reason \"verifier_wrong\"");
  expect_error(j, "/expect/steps/8/reason", "code_verifier_mismatch");  // the known ones listed
  j["expect"]["steps"] = {{"6", {{"refused", "access_denied"}, {"reason", "code_unknown"}}}};
  expect_error(j, "/expect/steps/6/reason", "judged only at step 8");
}

TEST(ScenarioFile, ToFlowCarriesExpectationsChecksAndWorldOptions) {
  json j = minimal();
  j["world"] = {{"refresh_ahead", false}, {"seed", 9}};
  j["expect"] = {{"steps", {{"7", "not_reached"}}}, {"checks", {"RefreshRotatesRefreshToken"}}};
  const MissionFlow f = to_flow(parse_scenarios(j, "s.json").at(0));
  EXPECT_EQ(f.name, "s");
  EXPECT_EQ(f.expected[6].kind, Kind::kNotReached);
  ASSERT_EQ(f.extra_checks.size(), 1u);
  EXPECT_EQ(f.extra_checks[0]->name(), "RefreshRotatesRefreshToken");
  WorldOptions o;
  o.seed = 3;
  f.configure(o);
  EXPECT_FALSE(o.refresh_ahead);
  EXPECT_EQ(o.seed, 9u);  // the scenario's own seed wins over the runner's
}

TEST(ScenarioFile, RunnerSeedIsKeptWhenTheScenarioHasNone) {
  const MissionFlow f = to_flow(parse_scenarios(minimal(), "s.json").at(0));
  WorldOptions o;
  o.seed = 3;
  f.configure(o);
  EXPECT_EQ(o.seed, 3u);
}

TEST(ScenarioFile, ListOfScenariosIsRead) {
  json second = minimal();
  second["name"] = "t";
  const auto specs = parse_scenarios(json::array({minimal(), second}), "l.json");
  ASSERT_EQ(specs.size(), 2u);
  EXPECT_EQ(specs[1].name, "t");
}

TEST(ScenarioFile, ErrorsNameFilePointerAndExpectation) {
  auto with = [](const std::string& key, json value) {
    json j = minimal();
    j[key] = std::move(value);
    return j;
  };
  expect_error(json::array({minimal(), minimal()}), "/1/name", "duplicate scenario name");
  expect_error(json::array({json{{"name", "s"}, {"bogus", 1}}}), "/0/bogus", "unknown key");
  expect_error(json::array(), "/", "at least one scenario");
  expect_error(json(42), "/", "expected a scenario object or an array");
  expect_error(json::object(), "/name", "required string is missing");
  expect_error(with("name", ""), "/name", "non-empty");
  expect_error(with("color", "red"), "/color", "unknown key");
  expect_error(with("tags", "mission"), "/tags", "expected an array of strings");
  expect_error(with("tags", {1}), "/tags/0", "expected a string");
  expect_error(with("world", 3), "/world", "expected an object");
  expect_error(with("world", {{"pkce", "yes"}}), "/world/pkce", "expected true or false");
  expect_error(with("world", {{"auth_method", "mtls"}}), "/world/auth_method",
               "expected one of \"client_secret_basic\", \"client_secret_post\"");
  expect_error(with("world", {{"client_id", "nobody"}}), "/world/client_id", "no client 'nobody'");
  expect_error(with("world", {{"seed", -1}}), "/world/seed", "expected an integer from 0");
  expect_error(with("world", {{"config", {{"lifetimes", {{"access_token", "long"}}}}}}),
               "/world/config/lifetimes/access_token", "expected an integer");
  expect_error(with("world", {{"config", {{"nope", 1}}}}), "/world/config/nope", "unknown key");
  expect_error(with("world", {{"config", 5}}), "/world/config", "expected an object");
  expect_error(with("user", {{"decision", "maybe"}}), "/user/decision",
               "expected one of \"allow\", \"deny\", got \"maybe\"");
  expect_error(with("user", {{"wrong_password_first", 1}}), "/user/wrong_password_first",
               "expected a string");
  expect_error(with("actions", json::array({"connect"})), "/actions/0", "expected an object");
  expect_error(with("actions", json::array({{{"do", "dance"}}})), "/actions/0/do",
               "expected one of");
  expect_error(with("actions", json::array({json::object()})), "/actions/0/do",
               "required string is missing");
  expect_error(with("actions", json::array({{{"do", "advance_clock"}}})), "/actions/0/seconds",
               "required integer is missing");
  expect_error(with("actions", json::array({{{"do", "advance_clock"}, {"seconds", 0}}})),
               "/actions/0/seconds", "expected an integer from 1");
  expect_error(with("actions", json::array({{{"do", "call_api"}, {"path", "users"}}})),
               "/actions/0/path", "starting with a single '/'");
  expect_error(with("actions", json::array({{{"do", "connect"}, {"path", "/x"}}})),
               "/actions/0/path", "unknown key");
  expect_error(with("actions", "connect"), "/actions", "expected an array");
  expect_error(with("faults", json::array({{{"at", "moon"}, {"kind", "drop_state"}}})),
               "/faults/0/at",
               "expected one of \"api\", \"api_request\", \"authorization_request\"");
  // A kind that cannot happen at that point names the ones that can.
  expect_error(with("faults", json::array({{{"at", "token_endpoint"}, {"kind", "drop_state"}}})),
               "/faults/0/kind",
               "expected one of \"answer\", \"delay\", \"empty_json_200\", \"non_json_body\", "
               "\"tls_handshake_refused\", \"wrong_content_type\", got \"drop_state\"");
  expect_error(with("faults", json::array({{{"at", "token_endpoint"}, {"kind", "answer"}}})),
               "/faults/0/status", "required integer is missing");
  expect_error(
      with("faults", json::array({{{"at", "token_endpoint"}, {"kind", "answer"}, {"status", 42}}})),
      "/faults/0/status", "expected an integer from 100");
  expect_error(
      with("faults",
           json::array({{{"at", "token_endpoint"}, {"kind", "delay"}, {"delay_ms", 60000}}})),
      "/faults/0/delay_ms", "expected an integer from 1 to 5000");
  expect_error(with("faults", json::array({{{"at", "api"}, {"kind", "answer"}, {"status", 503}}})),
               "/faults/0/path", "required string is missing");
  expect_error(
      with(
          "faults",
          json::array({{{"at", "token_request"}, {"kind", "use_client"}, {"value", "globex-hr"}}})),
      "/faults/0/value", "no client 'globex-hr'");
  expect_error(with("faults",
                    json::array({{{"at", "redirect_back"}, {"kind", "drop_state"}, {"times", 2}}})),
               "/faults/0/times", "unknown key");
  expect_error(
      with("actions", json::array({{{"do", "call_api"}, {"path", "/jobs"}, {"body", {{"a", 1}}}}})),
      "/actions/0/body", "only with \"method\": \"POST\"");
  expect_error(
      with("actions", json::array({{{"do", "call_api"}, {"path", "/jobs"}, {"method", "DELETE"}}})),
      "/actions/0/method", "expected one of \"GET\", \"POST\"");
  expect_error(
      with("actions", json::array({{{"do", "call_api"}, {"path", "/jobs"}, {"expect", 200}}})),
      "/actions/0/expect", "expected an object");
  expect_error(
      with("actions",
           json::array({{{"do", "call_api"}, {"path", "/jobs"}, {"expect", {{"error", "x"}}}}})),
      "/actions/0/expect/status", "required integer is missing");
  expect_error(
      with("actions", json::array({{{"do", "client_credentials"}, {"expect", {{"status", 200}}}}})),
      "/actions/0/expect", "needs a \"path\"");
  expect_error(with("actions", json::array({{{"do", "revoke"}, {"token", "id_token"}}})),
               "/actions/0/token", "expected one of \"access_token\", \"refresh_token\"");
  expect_error(with("expect", {{"failing_checks", {"ClientRefreshesAndRetriesOnce"}}}),
               "/expect/failing_checks/0", "unknown check");
  expect_error(with("faults", json::array({{{"at", "redirect_back"}, {"kind", "flip"}}})),
               "/faults/0/kind", "expected one of");
  expect_error(with("faults", json::array({{{"at", "redirect_back"}, {"kind", "replace_code"}}})),
               "/faults/0/value", "required string is missing");
  expect_error(with("expect", {{"steps", {{"11", "pass"}}}}), "/expect/steps/11",
               "expected a step number from 1 to 10");
  expect_error(with("expect", {{"steps", {{"0", "pass"}}}}), "/expect/steps/0",
               "expected a step number from 1 to 10");
  expect_error(with("expect", {{"steps", {{"07", "pass"}}}}), "/expect/steps/07",
               "expected a step number");
  expect_error(with("expect", {{"steps", {{"two", "pass"}}}}), "/expect/steps/two",
               "expected a step number");
  expect_error(with("expect", {{"steps", {{"3", "passes"}}}}), "/expect/steps/3",
               "expected \"pass\", \"not_reached\"");
  expect_error(with("expect", {{"steps", {{"3", 1}}}}), "/expect/steps/3",
               "expected \"pass\", \"not_reached\"");
  expect_error(with("expect", {{"steps", {{"3", {{"refused", 1}}}}}}), "/expect/steps/3/refused",
               "expected a string");
  expect_error(with("expect", {{"steps", {{"3", {{"refusd", "x"}}}}}}), "/expect/steps/3/refused",
               "required string is missing");
  expect_error(with("expect", {{"steps", json::array()}}), "/expect/steps",
               "expected an object of step number");
  expect_error(with("expect", {{"checks", {"NoSuchCheck"}}}), "/expect/checks/0",
               "unknown check \"NoSuchCheck\"; expected one of ApiErrorIsNotHammered");
}

TEST(ScenarioFile, FaultsActionsAndCallExpectationsAreRead) {
  const json j = {
      {"name", "s"},
      {"actions",
       {{{"do", "connect"}},
        {{"do", "call_api"},
         {"method", "POST"},
         {"path", "/candidates"},
         {"body", {{"firstName", "Ada"}}},
         {"expect", {{"status", 201}}}},
        {{"do", "revoke"}, {"token", "access_token"}},
        {{"do", "client_credentials"}, {"scopes", {"jobs_read"}}, {"path", "/jobs"}},
        {{"do", "delete_user"}, {"username", "bob@example.com"}},
        {{"do", "call_api_with_token_in_query"},
         {"path", "/users/me"},
         {"expect", {{"status", 400}, {"error", "invalid_request"}}}}}},
      {"faults",
       {{{"at", "token_endpoint"},
         {"kind", "answer"},
         {"status", 503},
         {"retry_after", 2},
         {"times", 2}},
        {{"at", "api"}, {"kind", "delay"}, {"delay_ms", 5}, {"path", "/jobs"}, {"method", "GET"}},
        {{"at", "token_request"}, {"kind", "advance_clock"}, {"seconds", 601}},
        {{"at", "authorization_request"}, {"kind", "replace_client_id"}, {"value", "x"}},
        {{"at", "api_request"}, {"kind", "tamper_access_token"}, {"times", 3}}}},
      {"expect", {{"failing_checks", {"CodeIsRedeemedOnce"}}}}};
  const ScenarioSpec s = parse_scenarios(j, "s.json").at(0);
  using A = ScenarioAction::Kind;
  using F = ScenarioFault::Kind;
  ASSERT_EQ(s.actions.size(), 6u);
  EXPECT_EQ(s.actions[1].kind, A::kCallApi);
  EXPECT_EQ(s.actions[1].method, "POST");
  EXPECT_EQ(json::parse(s.actions[1].body), (json{{"firstName", "Ada"}}));
  ASSERT_TRUE(s.actions[1].expect);
  EXPECT_EQ(s.actions[1].expect->status, 201);
  EXPECT_EQ(s.actions[2].token, "access_token");
  EXPECT_EQ(s.actions[3].scopes, std::vector<std::string>{"jobs_read"});
  EXPECT_EQ(s.actions[4].username, "bob@example.com");
  EXPECT_EQ(s.actions[5].expect->error, "invalid_request");
  ASSERT_EQ(s.faults.size(), 5u);
  EXPECT_EQ(s.faults[4].kind, F::kTamperAccessToken);
  EXPECT_EQ(s.faults[4].times, 3);
  EXPECT_EQ(s.faults[0].kind, F::kAnswer);
  EXPECT_EQ(s.faults[0].status, 503);
  EXPECT_EQ(s.faults[0].retry_after, 2);
  EXPECT_EQ(s.faults[0].times, 2);
  EXPECT_EQ(s.faults[1].at, ScenarioFault::Point::kApi);
  EXPECT_EQ(s.faults[1].delay_ms, 5);
  EXPECT_EQ(s.faults[1].path, "/jobs");
  EXPECT_EQ(s.faults[2].seconds, 601);
  EXPECT_EQ(s.faults[3].value, "x");
  EXPECT_EQ(s.failing_checks, std::vector<std::string>{"CodeIsRedeemedOnce"});

  const MissionFlow flow = to_flow(s);
  EXPECT_EQ(flow.expected_failures, s.failing_checks);
  // One per-call expectation for each action that states one.
  int per_call = 0;
  for (const auto& c : flow.extra_checks)
    per_call += c->name() == "ApiCallAnswersAsScenarioExpects";
  EXPECT_EQ(per_call, 2);
}

TEST(ScenarioFile, BadJsonTextNamesTheFile) {
  try {
    parse_scenario_text("{\"name\": ", "broken.json");
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("broken.json: /: not valid JSON", 0), 0u) << e.what();
  }
}

TEST(ScenarioFile, MissingFileNamesThePath) {
  try {
    load_scenario_file("/nonexistent/dir/s.json");
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()), "/nonexistent/dir/s.json: cannot read the file");
  }
}

TEST(ScenarioFile, FileOnDiskIsLoadedWithItsPathAsSource) {
  const std::string path = ::testing::TempDir() + "scenario_file_test.json";
  {
    std::ofstream out(path);
    out << R"({"name": "disk", "user": {"decision": "deny"}})";
  }
  const auto specs = load_scenario_file(path);
  std::remove(path.c_str());
  ASSERT_EQ(specs.size(), 1u);
  EXPECT_EQ(specs[0].source, path);
  EXPECT_EQ(specs[0].user.decision, Decision::kDeny);
}

TEST(CheckRegistry, KnowsTheRefreshAndClientPlanChecksByName) {
  EXPECT_EQ(
      extra_check_names(),
      (std::vector<std::string>{
          "ApiErrorIsNotHammered", "ClientAnswersEveryUserRequest",
          "ClientReauthorizesAfterInvalidGrant", "ClientRefreshesAndRetriesOnce",
          "ExpiredTokenIsRefusedAsInvalidToken", "GrantedScopeIsRespected",
          "RefreshRotatesRefreshToken", "RotatedOutRefreshTokenIsRefused", "StateIsNeverReused"}));
  for (const auto& name : extra_check_names()) EXPECT_EQ(make_extra_check(name)->name(), name);
  EXPECT_EQ(make_extra_check("StateIsEchoedUnchanged"), nullptr);
}

TEST(BuiltinCatalog, EveryFileParsesAndNamesAreUnique) {
  const auto catalog = builtin_catalog();
  ASSERT_GE(catalog.size(), 4u);
  std::set<std::string> names;
  for (const auto& [file, text] : catalog) {
    for (const auto& spec : parse_scenario_text(text, file)) {
      EXPECT_TRUE(names.insert(spec.name).second) << spec.name;
      EXPECT_EQ(file, spec.name + ".json") << "one scenario per file, named after it";
    }
  }
  EXPECT_GE(names.size(), 30u) << "the issue asks for at least 30 catalog scenarios";
  for (const char* mission : {"allow", "deny", "invalid_code", "expired_token"}) {
    EXPECT_TRUE(names.count(mission)) << mission;
  }
}

TEST(ScenarioFile, ClientFlawsAreReadIntoTheWorldAndReachTheFlow) {
  json j = minimal();
  j["world"] = {{"client_flaws", {"no_state", "token_in_query"}}};
  const ScenarioSpec s = parse_scenarios(j, "s.json").at(0);
  EXPECT_EQ(s.world.client_flaws,
            (std::set<client::ClientFlaw>{client::ClientFlaw::kNoState,
                                          client::ClientFlaw::kTokenInQuery}));
  WorldOptions o;
  to_flow(s).configure(o);
  EXPECT_EQ(o.client_flaws, s.world.client_flaws);
  EXPECT_TRUE(parse_scenarios(minimal(), "s.json").at(0).world.client_flaws.empty())
      << "the correct client by default";
}

TEST(ScenarioFile, UnknownClientFlawIsNamedWithTheKnownOnes) {
  json j = minimal();
  j["world"] = {{"client_flaws", {"no_state", "state_forgotten"}}};
  expect_error(j, "/world/client_flaws/1", "unknown client flaw \"state_forgotten\"");
  const std::string message = error_of(j);
  for (auto f : client::all_client_flaws()) {
    EXPECT_NE(message.find(std::string(client::flaw_name(f))), std::string::npos) << message;
  }
  j["world"] = {{"client_flaws", "no_state"}};
  expect_error(j, "/world/client_flaws", "expected an array of strings");
  j["world"] = {{"client_flaws", {7}}};
  expect_error(j, "/world/client_flaws/0", "expected a string");
}

TEST(BuiltinCatalog, EveryClientFlawHasABrokenClientScenarioThatBreaksChecks) {
  std::set<std::string> covered;
  for (const auto& spec : builtin_scenarios()) {
    if (spec.name.rfind("broken_client_", 0) != 0) continue;
    ASSERT_EQ(spec.world.client_flaws.size(), 1u) << spec.name;
    const auto flaw = std::string(client::flaw_name(*spec.world.client_flaws.begin()));
    EXPECT_EQ(spec.name, "broken_client_" + flaw);
    EXPECT_FALSE(spec.failing_checks.empty()) << spec.name;
    covered.insert(flaw);
  }
  for (auto f : client::all_client_flaws()) {
    EXPECT_TRUE(covered.count(std::string(client::flaw_name(f)))) << client::flaw_name(f);
  }
}

}  // namespace
}  // namespace oauthsim::scenario

namespace oauthsim::scenario {
namespace {

TEST(ScenarioFile, WorldTlsAndTheOtherCertificateActionAreRead) {
  const json j = json::parse(R"({
    "name": "tls", "world": {"tls": {"client_authentication": "self_signed_tls_client_auth",
                                     "certificate": "expired", "bound_access_tokens": true,
                                     "versions": "1.2"}},
    "actions": [{"do": "connect"},
                {"do": "call_api_with_other_certificate", "path": "/users/me",
                 "certificate": "none", "expect": {"status": 401}}]
  })");
  const ScenarioSpec s = parse_scenarios(j, "tls.json").at(0);
  ASSERT_TRUE(s.world.tls.has_value());
  EXPECT_EQ(s.world.tls->client_authentication, "self_signed_tls_client_auth");
  EXPECT_EQ(s.world.tls->certificate, AppCertificate::kExpired);
  EXPECT_TRUE(s.world.tls->bound_access_tokens);
  EXPECT_EQ(s.world.tls->versions, common::TlsVersions::kTls12Only);
  EXPECT_FALSE(s.world.auth_method.has_value());  // the registration decides
  ASSERT_EQ(s.actions.size(), 2u);
  EXPECT_EQ(s.actions[1].kind, ScenarioAction::Kind::kCallApiWithOtherCertificate);
  EXPECT_EQ(s.actions[1].certificate, AppCertificate::kNone);
  ASSERT_TRUE(s.actions[1].expect.has_value());
  EXPECT_EQ(s.actions[1].expect->status, 401);
}

TEST(ScenarioFile, WorldTlsErrorsNameTheKey) {
  const json base = json::parse(R"({"name": "tls"})");
  auto expect_tls_error = [&](json tls, const std::string& pointer, const std::string& words) {
    json j = base;
    j["world"] = {{"tls", std::move(tls)}};
    try {
      parse_scenarios(j, "tls.json");
      ADD_FAILURE() << "accepted " << j.dump();
    } catch (const ScenarioError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(pointer), std::string::npos) << what;
      EXPECT_NE(what.find(words), std::string::npos) << what;
    }
  };
  expect_tls_error({{"client_authentication", "mtls"}}, "/world/tls/client_authentication",
                   "\"tls_client_auth\"");
  expect_tls_error({{"certificate", "stolen"}}, "/world/tls/certificate", "\"foreign\"");
  expect_tls_error({{"versions", "1.3"}}, "/world/tls/versions", "\"1.2\"");
  expect_tls_error({{"pin", true}}, "/world/tls/pin", "unknown key");
}

TEST(ScenarioFile, QuirkFaultsAndTheCustomerApiSwitchAreRead) {
  auto spec = parse_scenarios(json::parse(R"({"name": "s",
      "faults": [{"at": "token_endpoint", "kind": "empty_json_200", "times": 2},
                 {"at": "api", "path": "/jobs", "kind": "wrong_content_type"}],
      "actions": [{"do": "customer_api_access", "company": "Acme", "enabled": false}]})"),
                              "s.json")
                  .at(0);
  ASSERT_EQ(spec.faults.size(), 2u);
  EXPECT_EQ(spec.faults[0].kind, ScenarioFault::Kind::kQuirk);
  EXPECT_EQ(spec.faults[0].quirk, common::FaultQuirk::kEmptyJson200);
  EXPECT_EQ(spec.faults[0].times, 2);
  EXPECT_EQ(spec.faults[1].quirk, common::FaultQuirk::kWrongContentType);
  ASSERT_EQ(spec.actions.size(), 1u);
  EXPECT_EQ(spec.actions[0].kind, ScenarioAction::Kind::kCustomerApiAccess);
  EXPECT_EQ(spec.actions[0].company, "Acme");
  EXPECT_FALSE(spec.actions[0].enabled);

  expect_error(
      json::parse(R"({"name": "s", "faults": [{"at": "redirect_back", "kind": "non_json_body"}]})"),
      "/faults/0/kind", "non_json_body");
  expect_error(
      json::parse(
          R"({"name": "s", "actions": [{"do": "customer_api_access", "company": "Acme"}]})"),
      "/actions/0/enabled", "required boolean");
}

}  // namespace
}  // namespace oauthsim::scenario
