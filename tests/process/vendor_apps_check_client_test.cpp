// `oauthsim check-client` against vendor web apps oauthsim did not derive from its reference
// client, one per stack, each built its library's way with the library's defaults (compression
// included): Python requests-oauthlib, Node simple-oauth2 + fetch, and the JDK's own
// java.net.http. Each app runs as its own process on a free loopback port. The correct mode of
// each passes the whole plan with no failing check; each broken mode is caught by the check
// named for its flaw at the named step, and the test asserts the exact set of (scenario, step,
// check) that fail: the flaw's check plus what the flaw then breaks as SR reacts to it. The apps
// are in tests/thirdparty/.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "child_process.h"

namespace oauthsim::process_test {
namespace {

const std::filesystem::path kVendorAppsDir =
    std::filesystem::path(__FILE__).parent_path().parent_path() / "thirdparty";
// A JVM compiling the single-file app on a loaded machine needs more than a native server.
constexpr milliseconds kAppReadyDeadline{90'000};

using Failure = std::tuple<std::string, int, std::string>;  // scenario, step, check
using Failures = std::set<Failure>;

std::string url(int port) {
  return "http://127.0.0.1:" + std::to_string(port);
}

struct Stack {
  std::string name;
  std::string secret;
  std::string auth_method;  // token_endpoint_auth_method the app uses by its library's default
  // The command starting the app, before the common flags.
  std::vector<std::string> command;
  // Why the stack might be missing on this machine, or empty when it is there.
  std::string missing;
};

Stack requests_oauthlib() {
  const bool there =
      std::system("/usr/bin/python3 -c 'import requests_oauthlib' >/dev/null 2>&1") == 0;
  return {"requests-oauthlib",
          "python-vendor-secret",
          "client_secret_basic",
          {"/usr/bin/python3", (kVendorAppsDir / "python" / "requests_oauthlib_app.py").string()},
          there ? "" : "python3-requests-oauthlib is not installed: run scripts/bootstrap"};
}

Stack simple_oauth2() {
  const bool there =
      std::filesystem::exists(kVendorAppsDir / "node" / "node_modules" / "simple-oauth2");
  // A space, a slash and a plus: simple-oauth2 form-encodes them before base64 (RFC 6749 2.3.1).
  return {"simple-oauth2",
          "node-vendor secret/with+symbols",
          "client_secret_basic",
          {"/usr/bin/env", "node", (kVendorAppsDir / "node" / "simple_oauth2_app.mjs").string()},
          there ? ""
                : "simple-oauth2 is not installed in tests/thirdparty/node: run scripts/bootstrap"};
}

Stack jdk_http_client() {
  const bool there = std::system("java -version >/dev/null 2>&1") == 0;
  return {"jdk-http-client",
          "java-vendor secret&with=symbols",
          "client_secret_post",
          {"/usr/bin/env", "java", (kVendorAppsDir / "java" / "VendorApp.java").string()},
          there ? "" : "java (openjdk-17-jdk-headless) is not installed: run scripts/bootstrap"};
}

// What check-client's --json reports as failing, and the scenarios that ended in an error.
struct Verdicts {
  Failures failures;
  std::vector<std::string> errors;
  std::size_t scenarios = 0;
};

Verdicts verdicts_of(const nlohmann::json& report) {
  Verdicts v;
  for (const auto& flow : report.at("scenarios")) {
    ++v.scenarios;
    const std::string name = flow.at("name").get<std::string>();
    if (flow.contains("error")) v.errors.push_back(name + ": " + flow["error"].get<std::string>());
    for (const auto& step : flow.at("steps")) {
      for (const auto& check : step.at("checks")) {
        if (check.at("result") != "pass") {
          v.failures.emplace(name, step.at("step").get<int>(), check.at("name").get<std::string>());
        }
      }
    }
  }
  return v;
}

std::string describe(const Failures& failures) {
  std::string out;
  for (const auto& [scenario, step, check] : failures) {
    out += "  {\"" + scenario + "\", " + std::to_string(step) + ", \"" + check + "\"}\n";
  }
  return out.empty() ? "  (none)\n" : out;
}

// Starts `stack`'s app in `mode`, runs check-client against it (the whole plan, or `scenarios`)
// and returns its verdicts; asserts the exit status that `expect_failures` implies.
Verdicts check_app(const Stack& stack, const std::string& mode,
                   const std::vector<std::string>& scenarios, bool expect_failures) {
  if (!stack.missing.empty()) {
    ADD_FAILURE() << stack.missing;
    return {};
  }
  TempDir dir;
  const int app_port = pick_free_port();
  const int authz_port = pick_free_port();
  const int api_port = pick_free_port();
  const auto config = dir / "vendor.json";
  write_file(config, nlohmann::json{{"clients",
                                     {{{"client_id", "acme-" + stack.name},
                                       {"client_secret", stack.secret},
                                       {"name", "Acme ATS on " + stack.name},
                                       {"redirect_uris", {url(app_port) + "/callback"}},
                                       {"scopes", {"user_me_read", "jobs_read"}},
                                       {"default_scopes", {"user_me_read"}},
                                       {"token_endpoint_auth_method", stack.auth_method}}}}}
                         .dump());
  const auto ready = dir / "app.ready";
  std::vector<std::string> app_argv = stack.command;
  for (const std::string& arg :
       {std::string("--port"), std::to_string(app_port), std::string("--authz"), url(authz_port),
        std::string("--api"), url(api_port), std::string("--client-id"), "acme-" + stack.name,
        std::string("--client-secret"), stack.secret, std::string("--mode"), mode,
        std::string("--ready-file"), ready.string()}) {
    app_argv.push_back(arg);
  }
  ChildProcess app(app_argv, dir.path(), "app");
  wait_for_ready_url(app, ready, "client", kAppReadyDeadline);

  const auto json_report = dir / "check.json";
  std::vector<std::string> argv = {kAppBin,        "check-client",
                                   "--config",     config.string(),
                                   "--authz-port", std::to_string(authz_port),
                                   "--api-port",   std::to_string(api_port),
                                   "--start",      url(app_port) + "/connect",
                                   "--action",     url(app_port) + "/action?path=/users/me",
                                   "--json",       json_report.string()};
  for (const auto& s : scenarios) {
    argv.push_back("--scenario");
    argv.push_back(s);
  }
  ChildProcess check(argv, dir.path(), "check");
  const auto status = check.wait_for_exit(kRunDeadline);
  if (!status) {
    ADD_FAILURE() << "check-client still running\n" << check.output_for_diagnosis();
    return {};
  }
  EXPECT_TRUE(status->exited_with(expect_failures ? 1 : 0))
      << stack.name << " --mode " << mode << ": " << status->describe() << "\n"
      << check.output_for_diagnosis() << app.output_for_diagnosis();
  auto report = nlohmann::json::parse(read_file(json_report), nullptr, false);
  if (report.is_discarded()) {
    ADD_FAILURE() << "check-client wrote no JSON report\n" << check.output_for_diagnosis();
    return {};
  }
  Verdicts v = verdicts_of(report);
  EXPECT_TRUE(v.errors.empty()) << v.errors.front() << "\n" << app.output_for_diagnosis();
  if (scenarios.empty()) {
    // The whole plan ran: no scenario was left out for want of --action.
    EXPECT_GE(v.scenarios, 8u) << check.out();
  } else {
    EXPECT_EQ(v.scenarios, scenarios.size()) << check.out();
  }
  return v;
}

void expect_correct_app_passes(const Stack& stack) {
  const Verdicts v = check_app(stack, "correct", {}, /*expect_failures=*/false);
  EXPECT_TRUE(v.failures.empty()) << stack.name << " (correct) failed:\n" << describe(v.failures);
}

void expect_flaw_caught(const Stack& stack, const std::string& mode,
                        const std::vector<std::string>& scenarios, const Failures& expected) {
  const Verdicts v = check_app(stack, mode, scenarios, /*expect_failures=*/true);
  EXPECT_EQ(v.failures, expected) << stack.name << " --mode " << mode << " failed:\n"
                                  << describe(v.failures) << "expected:\n"
                                  << describe(expected);
}

}  // namespace

// ---- Python: requests-oauthlib (HTTP Basic, requests' Accept-Encoding: gzip, deflate) ----

TEST(RequestsOauthlibVendorApp, CorrectAppPassesThePlan) {
  expect_correct_app_passes(requests_oauthlib());
}

TEST(RequestsOauthlibVendorApp, StateNotCheckedIsCaughtAtStep6) {
  expect_flaw_caught(requests_oauthlib(), "state_not_checked", {"client_plan_state_altered"},
                     {{"client_plan_state_altered", 6, "ClientRefusesCallbackWithWrongState"},
                      // The forged callback is taken, so the code is redeemed.
                      {"client_plan_state_altered", 7, "StepOutcomeMatchesScenario"},
                      {"client_plan_state_altered", 8, "StepOutcomeMatchesScenario"}});
}

TEST(RequestsOauthlibVendorApp, CodeRedeemedTwiceIsCaughtAtStep7) {
  expect_flaw_caught(requests_oauthlib(), "code_redeemed_twice", {"client_plan_allow"},
                     {{"client_plan_allow", 7, "CodeIsRedeemedOnce"},
                      // SR revokes the tokens of a replayed code: the API refuses them.
                      {"client_plan_allow", 10, "ApiCallAnswersAsScenarioExpects"},
                      {"client_plan_allow", 10, "StepOutcomeMatchesScenario"}});
}

TEST(RequestsOauthlibVendorApp, RotatedRefreshTokenNotKeptIsCaughtAtStep7) {
  expect_flaw_caught(requests_oauthlib(), "rotated_refresh_token_not_kept",
                     {"client_plan_expired_token"},
                     {{"client_plan_expired_token", 7, "ClientKeepsRotatedRefreshToken"},
                      // SR revokes the grant when the rotated-out token comes back.
                      {"client_plan_expired_token", 10, "ApiCallAnswersAsScenarioExpects"},
                      {"client_plan_expired_token", 10, "StepOutcomeMatchesScenario"}});
}

// ---- Node: simple-oauth2 for the token endpoint, fetch for the API ----

TEST(SimpleOauth2VendorApp, CorrectAppPassesThePlan) {
  expect_correct_app_passes(simple_oauth2());
}

TEST(SimpleOauth2VendorApp, NoStateIsCaughtAtStep2) {
  expect_flaw_caught(simple_oauth2(), "no_state", {"client_plan_deny"},
                     {{"client_plan_deny", 2, "StateCarriesAtLeast128Bits"}});
}

TEST(SimpleOauth2VendorApp, TokenRequestAfterDenialIsCaughtAtStep6) {
  expect_flaw_caught(simple_oauth2(), "token_request_after_denial", {"client_plan_deny"},
                     {{"client_plan_deny", 6, "NoTokenRequestAfterDenial"},
                      {"client_plan_deny", 7, "StepOutcomeMatchesScenario"},
                      {"client_plan_deny", 8, "StepOutcomeMatchesScenario"}});
}

TEST(SimpleOauth2VendorApp, RefreshRetriedForeverIsCaughtAtStep7) {
  expect_flaw_caught(
      simple_oauth2(), "refresh_retried_forever", {"client_plan_refresh_refused"},
      {{"client_plan_refresh_refused", 7, "ClientStopsRefreshingAfterInvalidGrant"}});
}

TEST(SimpleOauth2VendorApp, HammeringAfter429WithoutRetryAfterIsCaughtAtStep9) {
  expect_flaw_caught(simple_oauth2(), "hammer_after_429", {"client_plan_api_429_no_retry_after"},
                     {{"client_plan_api_429_no_retry_after", 9, "ApiErrorIsNotHammered"}});
}

// ---- Java: the JDK's java.net.http.HttpClient, client_secret_post ----

TEST(JdkHttpClientVendorApp, CorrectAppPassesThePlan) {
  expect_correct_app_passes(jdk_http_client());
}

TEST(JdkHttpClientVendorApp, NoStateIsCaughtAtStep2) {
  expect_flaw_caught(jdk_http_client(), "no_state", {"client_plan_allow"},
                     {{"client_plan_allow", 2, "StateCarriesAtLeast128Bits"},
                      // No state to compare between the two connects: requested, never applied.
                      {"client_plan_allow", 2, "StateIsNeverReused"}});
}

TEST(JdkHttpClientVendorApp, TokenInQueryIsCaughtAtStep9) {
  expect_flaw_caught(jdk_http_client(), "token_in_query", {"client_plan_allow"},
                     {{"client_plan_allow", 9, "BearerTokenSentInAuthorizationHeader"},
                      {"client_plan_allow", 9, "AccessTokenNeverInQueryString"},
                      // SR refuses a token in the query with 400.
                      {"client_plan_allow", 10, "ApiCallAnswersAsScenarioExpects"},
                      {"client_plan_allow", 10, "StepOutcomeMatchesScenario"}});
}

TEST(JdkHttpClientVendorApp, HammeringAfter5xxIsCaughtAtStep9) {
  expect_flaw_caught(jdk_http_client(), "hammer_after_5xx", {"client_plan_api_5xx"},
                     {{"client_plan_api_5xx", 9, "ApiErrorIsNotHammered"}});
}

}  // namespace oauthsim::process_test
