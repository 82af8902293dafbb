// `oauthsim check-client` as a real process against the reference app as its own executable
// (oauthsim_client_app): the whole plan passes; an app that is not running, bad usage and --help
// are answered with their exit status and a message that says what to do.
#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "child_process.h"

namespace oauthsim::process_test {
namespace {

std::string local(int port) {
  return "http://127.0.0.1:" + std::to_string(port);
}

// A configuration registering the app's callback exactly as the app sends it.
std::string vendor_config(int app_port) {
  return R"({"clients": [{"client_id": "acme-ats", "client_secret": "acme-secret",
    "name": "Acme ATS", "redirect_uris": [")" +
         local(app_port) + R"(/callback"],
    "scopes": ["user_me_read", "jobs_read"], "default_scopes": ["user_me_read"]}]})";
}

std::unique_ptr<ChildProcess> run_check_client(const TempDir& dir, const std::string& name,
                                               std::vector<std::string> args) {
  std::vector<std::string> argv = {kAppBin, "check-client"};
  argv.insert(argv.end(), args.begin(), args.end());
  return std::make_unique<ChildProcess>(argv, dir.path(), name);
}

// The reference vendor app over http, registered in `dir`/vendor.json and ready, with the
// ports check-client's mock SR is to use.
struct ReferenceApp {
  int app_port = pick_free_port();
  int authz_port = pick_free_port();
  int api_port = pick_free_port();
  std::filesystem::path config;
  std::unique_ptr<ChildProcess> process;
};

ReferenceApp start_reference_app(const TempDir& dir) {
  ReferenceApp app;
  app.config = dir / "vendor.json";
  write_file(app.config, vendor_config(app.app_port));
  const auto ready = dir / "app.ready";
  app.process = std::make_unique<ChildProcess>(
      std::vector<std::string>{kClientBin, "--config", app.config.string(), "--port",
                               std::to_string(app.app_port), "--authz-url", local(app.authz_port),
                               "--api-url", local(app.api_port), "--ready-file", ready.string()},
      dir.path(), "app");
  wait_for_ready_url(*app.process, ready, "client", kReadyDeadline);
  return app;
}

TEST(CheckClientProcess, ReferenceAppExecutablePassesThePlan) {
  TempDir dir;
  const ReferenceApp app = start_reference_app(dir);
  const int app_port = app.app_port;
  const int authz_port = app.authz_port;
  const int api_port = app.api_port;
  const auto& config = app.config;

  const auto junit = dir / "check.xml";
  const auto html = dir / "check.html";
  auto check = run_check_client(
      dir, "check",
      {"--config", config.string(), "--authz-port", std::to_string(authz_port), "--api-port",
       std::to_string(api_port), "--start", local(app_port) + "/connect", "--action",
       local(app_port) + "/action?path=/users/me", "--junit", junit.string(), "--html",
       html.string()});
  const auto status = check->wait_for_exit(kRunDeadline);
  ASSERT_TRUE(status.has_value()) << "check-client still running\n"
                                  << check->output_for_diagnosis();
  EXPECT_TRUE(status->exited_with(0)) << status->describe() << "\n"
                                      << check->output_for_diagnosis();
  const std::string out = check->out();
  EXPECT_NE(out.find(local(authz_port) + "/identity/oauth/token"), std::string::npos) << out;
  EXPECT_NE(out.find(local(app_port) + "/callback"), std::string::npos) << out;
  EXPECT_NE(out.find("13 passed, 0 failed"), std::string::npos) << out;
  // Over plain http the refused-handshake scenario cannot apply, and says so.
  EXPECT_NE(out.find("left out client_plan_tls_refused: it needs https (--tls)"), std::string::npos)
      << out;
  EXPECT_NE(read_file(junit).find("client_plan_refresh_refused"), std::string::npos);
  const std::string page = read_file(html);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("data-scenario=\"client_plan_refresh_refused\""), std::string::npos);
  EXPECT_NE(page.find("<svg class=\"sequence\""), std::string::npos);
}

// RFC 8705 end to end across processes: the mock servers and the app all speak https with one
// `oauthsim certs` folder; the app authenticates with its certificate alone (no secret in its
// registration) and its tokens are bound to that certificate.
TEST(CheckClientProcess, CertificateClientOverHttpsPassesThePlan) {
  TempDir dir;
  const int app_port = pick_free_port();
  const int authz_port = pick_free_port();
  const int api_port = pick_free_port();
  const auto certs = dir / "certs";
  auto https = [](int port) { return "https://127.0.0.1:" + std::to_string(port); };
  const auto config = dir / "vendor.json";
  write_file(config, R"({"clients": [{"client_id": "vendor-app", "name": "Vendor",
    "redirect_uris": [")" +
                         https(app_port) + R"(/callback"],
    "scopes": ["user_me_read"], "default_scopes": ["user_me_read"],
    "token_endpoint_auth_method": "tls_client_auth",
    "tls_client_auth_subject_dn": "CN=oauthsim client,O=oauthsim",
    "tls_client_certificate_bound_access_tokens": true}]})");
  // check-client writes the folder; the app starts after it, using the same one.
  auto certs_run = std::make_unique<ChildProcess>(
      std::vector<std::string>{kAppBin, "certs", certs.string()}, dir.path(), "certs");
  ASSERT_TRUE(certs_run->wait_for_exit(kReadyDeadline).value_or(ExitStatus{}).exited_with(0))
      << certs_run->output_for_diagnosis();

  const auto ready = dir / "app.ready";
  ChildProcess app({kClientBin, "--config", config.string(), "--port", std::to_string(app_port),
                    "--authz-url", https(authz_port), "--api-url", https(api_port), "--tls",
                    "--certs", certs.string(), "--ready-file", ready.string()},
                   dir.path(), "app");
  wait_for_ready_url(app, ready, "client", kReadyDeadline);

  auto check = run_check_client(
      dir, "check",
      {"--config", config.string(), "--authz-port", std::to_string(authz_port), "--api-port",
       std::to_string(api_port), "--start", https(app_port) + "/connect", "--action",
       https(app_port) + "/action?path=/users/me", "--tls", "--certs", certs.string()});
  const auto status = check->wait_for_exit(kRunDeadline);
  ASSERT_TRUE(status.has_value()) << "check-client still running\n"
                                  << check->output_for_diagnosis();
  EXPECT_TRUE(status->exited_with(0))
      << status->describe() << "\n"
      << check->output_for_diagnosis() << app.output_for_diagnosis();
  const std::string out = check->out();
  EXPECT_NE(out.find(https(authz_port) + "/identity/oauth/token"), std::string::npos) << out;
  EXPECT_NE(out.find("14 passed, 0 failed"), std::string::npos) << out;
}

TEST(CheckClientProcess, AppNotRunningFailsWithAClearMessage) {
  TempDir dir;
  const int nobody = pick_free_port();
  auto check = run_check_client(
      dir, "check",
      {"--authz-port", "0", "--api-port", "0", "--start", local(nobody) + "/connect"});
  const auto status = check->wait_for_exit(kRunDeadline);
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(status->exited_with(1)) << status->describe();
  EXPECT_NE(check->err().find("your app is not reachable"), std::string::npos) << check->err();
  EXPECT_NE(check->err().find(local(nobody) + "/connect"), std::string::npos) << check->err();
}

TEST(CheckClientProcess, MissingStartUrlIsBadUsageNamingIt) {
  TempDir dir;
  auto check = run_check_client(dir, "check", {"--action", "http://127.0.0.1:1/x"});
  const auto status = check->wait_for_exit(kRunDeadline);
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(status->exited_with(2)) << status->describe();
  EXPECT_NE(check->err().find("--start"), std::string::npos) << check->err();
}

TEST(CheckClientProcess, UnknownScenarioIsBadUsageListingThePlan) {
  TempDir dir;
  auto check = run_check_client(
      dir, "check", {"--start", "http://127.0.0.1:1/connect", "--scenario", "client_plan_nope"});
  const auto status = check->wait_for_exit(kRunDeadline);
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(status->exited_with(2)) << status->describe();
  EXPECT_NE(check->err().find("client_plan_nope"), std::string::npos) << check->err();
  EXPECT_NE(check->err().find("client_plan_deny"), std::string::npos) << check->err();
}

TEST(CheckClientProcess, UnknownUserIsBadUsageNamingItAndTheConfiguredOnes) {
  TempDir dir;
  auto check = run_check_client(
      dir, "check", {"--start", "http://127.0.0.1:1/connect", "--user", "nobody@x.test"});
  const auto status = check->wait_for_exit(kRunDeadline);
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(status->exited_with(2)) << status->describe();
  EXPECT_NE(check->err().find("nobody@x.test"), std::string::npos) << check->err();
  EXPECT_NE(check->err().find("alice@example.com"), std::string::npos) << check->err();
}

TEST(CheckClientProcess, HelpTeachesWhatToConfigure) {
  TempDir dir;
  auto check = run_check_client(dir, "check", {"--help"});
  const auto status = check->wait_for_exit(kRunDeadline);
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(status->exited_with(0)) << status->describe();
  for (const char* word : {"--start", "--action", "redirect_uris", "/identity/oauth/token"}) {
    EXPECT_NE(check->out().find(word), std::string::npos) << word << "\n" << check->out();
  }
}

// The fingerprints of the codes the mock authorization server issued, in the order of its trace.
std::vector<std::string> code_fingerprints(const std::string& json_report) {
  // The report is indented: a form pair is ["code", "[redacted fp:1a2b3c4d]"] over two lines.
  std::vector<std::string> out;
  const std::regex pair(R"re("code",\s*"\[redacted fp:([0-9a-f]{8})\])re");
  for (std::sregex_iterator it(json_report.begin(), json_report.end(), pair), end; it != end;
       ++it) {
    out.push_back((*it)[1].str());
  }
  return out;
}

// Issue 12: with a fixed default seed every code and token of a run was known in advance to
// any process on the machine. Without --seed a run draws its own; --seed still replays.
TEST(CheckClientProcess, CodesAreUnpredictableUnlessASeedIsGiven) {
  TempDir dir;
  const ReferenceApp app = start_reference_app(dir);
  const int app_port = app.app_port;
  const int authz_port = app.authz_port;
  const int api_port = app.api_port;
  const auto& config = app.config;
  auto run = [&](const std::string& name, std::vector<std::string> extra) {
    const auto report = dir / (name + ".json");
    std::vector<std::string> args = {
        "--config",   config.string(),          "--authz-port", std::to_string(authz_port),
        "--api-port", std::to_string(api_port), "--start",      local(app_port) + "/connect",
        "--json",     report.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    auto check = run_check_client(dir, name, args);
    const auto status = check->wait_for_exit(kRunDeadline);
    EXPECT_TRUE(status && status->exited_with(0)) << check->output_for_diagnosis();
    return code_fingerprints(read_file(report));
  };
  const auto seeded = run("seeded", {"--seed", "1"});
  const auto unseeded = run("unseeded", {});
  ASSERT_FALSE(seeded.empty()) << "no code in the report";
  ASSERT_FALSE(unseeded.empty()) << "no code in the report";
  // Seed 1 was the old default: a run without --seed must not issue its codes.
  EXPECT_NE(seeded.front(), unseeded.front());
}

}  // namespace
}  // namespace oauthsim::process_test
