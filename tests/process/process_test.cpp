// The party executables as real, separate processes: the browser flow across three of them, token
// checks by introspection over HTTP, clean stops on signals, and exit codes for bad usage.
#include <gtest/gtest.h>

#include <memory>

#include "child_process.h"
#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/socket_http_transport.h"
#include "oauthsim/common/trace.h"
#include "oauthsim/scenario/browser/user_agent.h"
#include "oauthsim/scenario/runner/scenario_runner.h"

namespace oauthsim::process_test {
namespace {

// Wall-clock deadlines: these are real processes (sanitizer builds, a loaded 2-core machine), and
// no virtual clock reaches across processes.
constexpr milliseconds kCommandDeadline{10'000};

// acme-ats may ask for jobs_read and configuration_read; its redirect URI is the client app's.
nlohmann::json test_config(int client_port) {
  return {
      {"clients",
       {{{"client_id", "acme-ats"},
         {"client_secret", "acme-secret"},
         {"name", "Acme ATS"},
         {"redirect_uris", {"http://127.0.0.1:" + std::to_string(client_port) + "/callback"}},
         {"scopes", {"user_me_read", "jobs_read", "candidates_read", "configuration_read"}},
         {"default_scopes", {"user_me_read"}}}}},
      {"users",
       {{{"username", "alice@example.com"},
         {"password", "wonderland"},
         {"first_name", "Alice"},
         {"last_name", "Liddell"},
         {"company", "Acme"},
         {"system_role", "ADMINISTRATOR"}}}},
  };
}

struct CommandResult {
  ExitStatus status;
  std::string out, err;
};

// Runs a command that should end by itself; a hang is reported as such (and the child killed).
CommandResult run_to_completion(std::vector<std::string> argv, const TempDir& dir,
                                const std::string& name, milliseconds timeout = kCommandDeadline) {
  ChildProcess child(std::move(argv), dir.path(), name);
  auto status = child.wait_for_exit(timeout);
  if (!status) {
    throw std::runtime_error(name + " still ran after " + std::to_string(timeout.count()) +
                             " ms\n" + child.output_for_diagnosis());
  }
  return {*status, child.out(), child.err()};
}

std::string describe(const CommandResult& r) {
  return r.status.describe() + "\n--- stdout ---\n" + r.out + "--- stderr ---\n" + r.err;
}

// The authorization server, the Customer API and the vendor app, each its own process.
struct ThreeParties {
  std::unique_ptr<ChildProcess> authz, rs, client;
  std::string authz_url, rs_url, client_url;

  std::vector<ChildProcess*> all() const { return {authz.get(), rs.get(), client.get()}; }

  // Sends `sig` to each; returns "" when every one exited 0 within the deadline, else what went
  // wrong for each that did not.
  std::string stop_all(int sig) const {
    for (auto* p : all()) p->send_signal(sig);
    std::string problems;
    for (auto* p : all()) {
      auto status = p->wait_for_exit(kStopDeadline);
      if (!status) {
        problems += p->name() + " still ran " + std::to_string(kStopDeadline.count()) +
                    " ms after signal " + std::to_string(sig) + "\n" + p->output_for_diagnosis();
      } else if (!status->exited_with(0)) {
        problems += p->name() + " stopped on signal " + std::to_string(sig) + " with " +
                    status->describe() + " instead of exit status 0\n" + p->output_for_diagnosis();
      }
    }
    return problems;
  }
};

// The client app's port must be in the redirect URI the authorization server is configured with,
// so it is picked before anything starts; should another process take it in between, the app
// cannot bind and the whole set is started again on a new port.
std::unique_ptr<ThreeParties> start_three_parties(const TempDir& dir, const std::string& scope) {
  constexpr int kAttempts = 3;
  std::string last_failure;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    const std::string tag = std::to_string(attempt);
    const int client_port = pick_free_port();
    const auto config = dir / ("config-" + tag + ".json");
    write_file(config, test_config(client_port).dump(2));

    auto parties = std::make_unique<ThreeParties>();
    const auto authz_ready = dir / ("authz-" + tag + ".ready");
    parties->authz = std::make_unique<ChildProcess>(
        std::vector<std::string>{kAuthzBin, "--port", "0", "--config", config.string(),
                                 "--ready-file", authz_ready.string()},
        dir.path(), "mock_authz_server-" + tag);
    parties->authz_url =
        wait_for_ready_url(*parties->authz, authz_ready, "authorization_server", kReadyDeadline);

    const auto rs_ready = dir / ("rs-" + tag + ".ready");
    parties->rs = std::make_unique<ChildProcess>(
        std::vector<std::string>{kRsBin, "--port", "0", "--config", config.string(), "--authz-url",
                                 parties->authz_url, "--ready-file", rs_ready.string()},
        dir.path(), "mock_resource_server-" + tag);
    parties->rs_url = wait_for_ready_url(*parties->rs, rs_ready, "resource_server", kReadyDeadline);

    const auto client_ready = dir / ("client-" + tag + ".ready");
    parties->client = std::make_unique<ChildProcess>(
        std::vector<std::string>{kClientBin, "--port", std::to_string(client_port), "--config",
                                 config.string(), "--authz-url", parties->authz_url, "--api-url",
                                 parties->rs_url, "--scope", scope, "--ready-file",
                                 client_ready.string()},
        dir.path(), "oauthsim_client_app-" + tag);
    try {
      parties->client_url =
          wait_for_ready_url(*parties->client, client_ready, "client", kReadyDeadline);
    } catch (const std::runtime_error& e) {
      // Only a lost port race is worth another attempt; anything else is the finding.
      auto status = parties->client->poll_exit();
      if (!status || !status->exited_with(1)) throw;
      last_failure = e.what();
      continue;
    }
    return parties;
  }
  throw std::runtime_error("the client app could not start in " + std::to_string(kAttempts) +
                           " attempts; last:\n" + last_failure);
}

// Codes and state in the URLs are redacted: failure output is a log too.
std::string describe(const scenario::BrowseResult& r) {
  std::string out = r.error ? "user agent error: " + *r.error + "\n" : "";
  for (const auto& v : r.visits) {
    out += v.method + " " + common::redact_url(v.url) + " -> " + std::to_string(v.status) + "\n";
  }
  out += "final " + common::redact_url(r.final_url) + " " +
         std::to_string(r.final_response.status) + ":\n" + r.final_response.body;
  return out;
}

std::string diagnosis(const ThreeParties& p) {
  std::string out;
  for (auto* c : p.all()) out += c->output_for_diagnosis();
  return out;
}

TEST(ProcessFlow, FullFlowAcrossThreeProcesses) {
  TempDir dir;
  auto parties = start_three_parties(dir, "user_me_read jobs_read");
  const std::string app = parties->client_url;

  common::SocketHttpTransport transport;
  scenario::UserAgent browser(transport);
  const auto flow = browser.run_flow(app + "/connect", {"alice@example.com", "wonderland",
                                                        std::nullopt, scenario::Decision::kAllow});
  ASSERT_FALSE(flow.error) << describe(flow) << diagnosis(*parties);
  EXPECT_TRUE(flow.consent_shown) << describe(flow);
  EXPECT_EQ(flow.final_url.rfind(app + "/callback", 0), 0u) << describe(flow);
  ASSERT_EQ(flow.final_response.status, 200) << describe(flow) << diagnosis(*parties);
  EXPECT_NE(flow.final_response.body.find("Connected as Alice Liddell"), std::string::npos)
      << describe(flow);

  // The app's session cookie rides along, so the app calls /jobs with the token it holds, and the
  // separate Customer API checks that token at the authorization server.
  const auto jobs = browser.get(app + "/action?path=/jobs");
  ASSERT_FALSE(jobs.error) << describe(jobs);
  ASSERT_EQ(jobs.final_response.status, 200) << describe(jobs) << diagnosis(*parties);
  EXPECT_NE(jobs.final_response.body.find("<span id=\"status\">200</span>"), std::string::npos)
      << describe(jobs) << diagnosis(*parties);

  const std::string problems = parties->stop_all(SIGTERM);
  EXPECT_EQ(problems, "");
}

TEST(ProcessFlow, DenyAcrossProcesses) {
  TempDir dir;
  auto parties = start_three_parties(dir, "user_me_read");
  const std::string app = parties->client_url;

  common::SocketHttpTransport transport;
  scenario::UserAgent browser(transport);
  const auto flow = browser.run_flow(app + "/connect", {"alice@example.com", "wonderland",
                                                        std::nullopt, scenario::Decision::kDeny});
  ASSERT_FALSE(flow.error) << describe(flow) << diagnosis(*parties);
  EXPECT_TRUE(flow.consent_shown) << describe(flow);
  EXPECT_EQ(flow.final_url.rfind(app + "/callback", 0), 0u) << describe(flow);
  EXPECT_NE(flow.final_url.find("error=access_denied"), std::string::npos) << describe(flow);
  ASSERT_EQ(flow.final_response.status, 200) << describe(flow) << diagnosis(*parties);
  const std::string& page = flow.final_response.body;
  EXPECT_NE(page.find("denied"), std::string::npos) << describe(flow);
  // The app answers a denial without a token request; a failed one would say so on the page.
  EXPECT_EQ(page.find("Token request failed"), std::string::npos) << describe(flow);
  EXPECT_EQ(page.find("Connected as"), std::string::npos) << describe(flow);

  // Not connected, so there is no token to call the API with.
  const auto action = browser.get(app + "/action?path=/users/me");
  EXPECT_EQ(action.final_response.status, 409) << describe(action);

  const std::string problems = parties->stop_all(SIGINT);
  EXPECT_EQ(problems, "");
}

TEST(ProcessFlow, RevocationIsSeenAtOnceBySeparateApi) {
  TempDir dir;
  auto parties = start_three_parties(dir, "user_me_read");
  common::SocketHttpTransport http;

  const auto token_response = http.send(common::HttpRequest::post_form(
      parties->authz_url + "/identity/oauth/token", {{"grant_type", "client_credentials"},
                                                     {"client_id", "acme-ats"},
                                                     {"client_secret", "acme-secret"},
                                                     {"scope", "configuration_read"}}));
  ASSERT_EQ(token_response.status, 200) << token_response.body;
  const auto token_json = nlohmann::json::parse(token_response.body, nullptr, false);
  ASSERT_TRUE(token_json.is_object() && token_json.contains("access_token") &&
              token_json["access_token"].is_string())
      << token_response.body;
  const std::string token = token_json["access_token"].get<std::string>();

  auto call_api = [&] {
    auto request = common::HttpRequest::get(parties->rs_url + "/configuration/company");
    request.headers.add("Authorization", "Bearer " + token);
    return http.send(request);
  };
  const auto before = call_api();
  ASSERT_EQ(before.status, 200) << before.body << diagnosis(*parties);

  const auto revoke = http.send(common::HttpRequest::post_form(
      parties->authz_url + "/identity/oauth/revoke", {{"token", token},
                                                      {"token_type_hint", "access_token"},
                                                      {"client_id", "acme-ats"},
                                                      {"client_secret", "acme-secret"}}));
  ASSERT_EQ(revoke.status, 200) << revoke.body;

  const auto after = call_api();
  EXPECT_EQ(after.status, 401) << after.body << diagnosis(*parties);
  const auto challenge = after.header("WWW-Authenticate");
  ASSERT_TRUE(challenge.has_value()) << "no WWW-Authenticate on the 401";
  EXPECT_NE(challenge->find("error=\"invalid_token\""), std::string::npos) << *challenge;

  EXPECT_EQ(parties->stop_all(SIGTERM), "");
}

// Arguments each party needs besides the ones under test, so the check in question is reached.
std::vector<std::vector<std::string>> party_commands(const std::vector<std::string>& extra) {
  std::vector<std::vector<std::string>> out = {
      {kAuthzBin},
      {kRsBin, "--authz-url", "http://127.0.0.1:1"},
      {kClientBin, "--authz-url", "http://127.0.0.1:1", "--api-url", "http://127.0.0.1:2"},
  };
  for (auto& argv : out) argv.insert(argv.end(), extra.begin(), extra.end());
  return out;
}

std::string program_name(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

TEST(ProcessUsage, BadConfigExitsWith2NamingTheKey) {
  TempDir dir;
  auto config_json = test_config(9000);
  config_json["clients"][0]["bogus"] = 1;
  const auto config = dir / "bad-config.json";
  write_file(config, config_json.dump(2));

  for (const auto& argv : party_commands({"--port", "0", "--config", config.string(),
                                          "--ready-file", (dir / "never.ready").string()})) {
    const std::string name = program_name(argv[0]);
    const auto r = run_to_completion(argv, dir, name + "-bad-config");
    EXPECT_TRUE(r.status.exited_with(2)) << name << ": " << describe(r);
    EXPECT_NE(r.err.find(config.string()), std::string::npos)
        << name << " does not name the file: " << describe(r);
    EXPECT_NE(r.err.find("/clients/0/bogus"), std::string::npos)
        << name << " does not name the key: " << describe(r);
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "never.ready"))
      << "a party wrote its ready file despite a bad configuration";
}

TEST(ProcessUsage, HelpExitsZeroAndTeaches) {
  TempDir dir;
  // --help alone: it must not demand the required options first.
  for (const auto& bin : {kAuthzBin, kRsBin, kClientBin}) {
    const std::string name = program_name(bin);
    const auto r = run_to_completion({bin, "--help"}, dir, name + "-help");
    EXPECT_TRUE(r.status.exited_with(0)) << name << ": " << describe(r);
    for (const char* option : {"--config", "--port", "--ready-file", "--host"}) {
      EXPECT_NE(r.out.find(option), std::string::npos)
          << name << " --help does not mention " << option << ": " << describe(r);
    }
  }
}

TEST(ProcessUsage, UnknownOptionExitsWith2) {
  TempDir dir;
  for (const auto& argv : party_commands({"--port", "0", "--frobnicate"})) {
    const std::string name = program_name(argv[0]);
    const auto r = run_to_completion(argv, dir, name + "-unknown-option");
    EXPECT_TRUE(r.status.exited_with(2)) << name << ": " << describe(r);
    EXPECT_NE(r.err.find("--frobnicate"), std::string::npos)
        << name << " does not name the unknown option: " << describe(r);
  }
}

TEST(ProcessUsage, BadPortExitsWith2) {
  TempDir dir;
  for (const auto& argv : party_commands({"--port", "65536"})) {
    const std::string name = program_name(argv[0]);
    const auto r = run_to_completion(argv, dir, name + "-bad-port");
    EXPECT_TRUE(r.status.exited_with(2)) << name << ": " << describe(r);
    EXPECT_NE(r.err.find("--port"), std::string::npos)
        << name << " does not name --port: " << describe(r);
  }
}

TEST(ProcessUsage, ResourceServerRequiresAuthzUrl) {
  TempDir dir;
  const auto r = run_to_completion({kRsBin, "--port", "0"}, dir, "rs-no-authz-url");
  EXPECT_TRUE(r.status.exited_with(2)) << describe(r);
  EXPECT_NE(r.err.find("--authz-url"), std::string::npos) << describe(r);
}

TEST(ProcessUsage, OauthsimRunExitsZero) {
  TempDir dir;
  const auto run = run_to_completion({kAppBin, "run"}, dir, "oauthsim-run", kRunDeadline);
  EXPECT_TRUE(run.status.exited_with(0)) << describe(run);
  // Every scenario of the built-in catalog, each in its own world of four parties.
  const std::string all_pass =
      std::to_string(scenario::builtin_scenarios().size()) + " passed, 0 failed";
  EXPECT_NE(run.out.find(all_pass), std::string::npos) << describe(run);

  const auto no_match =
      run_to_completion({kAppBin, "run", "--filter", "nomatch"}, dir, "oauthsim-run-nomatch");
  EXPECT_TRUE(no_match.status.exited_with(2)) << describe(no_match);
  EXPECT_NE(no_match.err.find("nomatch"), std::string::npos) << describe(no_match);

  const auto bogus = run_to_completion({kAppBin, "bogus"}, dir, "oauthsim-bogus");
  EXPECT_TRUE(bogus.status.exited_with(2)) << describe(bogus);
  EXPECT_NE(bogus.err.find("bogus"), std::string::npos) << describe(bogus);
}

TEST(ProcessUsage, OauthsimRunExitsOneNamingTheStepAndCheckAScenarioGotWrong) {
  TempDir dir;
  // The allow flow succeeds at step 8; expecting invalid_grant there is deliberately wrong.
  const auto file = dir.path() / "wrong.json";
  write_file(file, R"({"name": "allow_expected_to_fail",
                       "expect": {"steps": {"8": {"refused": "invalid_grant"}}}})");
  const auto run =
      run_to_completion({kAppBin, "run", file.string()}, dir, "oauthsim-run-wrong", kRunDeadline);
  EXPECT_TRUE(run.status.exited_with(1)) << describe(run);
  EXPECT_NE(run.out.find("step 8"), std::string::npos) << describe(run);
  EXPECT_NE(run.out.find("StepOutcomeMatchesScenario"), std::string::npos) << describe(run);
  EXPECT_NE(run.out.find("0 passed, 1 failed"), std::string::npos) << describe(run);
}

TEST(ProcessUsage, OauthsimRunExitsTwoNamingTheFileAndKeyOfAMalformedScenario) {
  TempDir dir;
  const auto file = dir.path() / "malformed.json";
  write_file(file, R"({"name": "x", "expect": {"steps": {"11": "pass"}}})");
  const auto run = run_to_completion({kAppBin, "run", file.string()}, dir, "oauthsim-run-bad");
  EXPECT_TRUE(run.status.exited_with(2)) << describe(run);
  EXPECT_NE(run.err.find(file.string()), std::string::npos) << describe(run);
  EXPECT_NE(run.err.find("/expect/steps/11"), std::string::npos) << describe(run);
}

}  // namespace
}  // namespace oauthsim::process_test
