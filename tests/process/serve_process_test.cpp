// `oauthsim serve` as a real process: ready file, banner, a full browser flow through the
// vendor app, the control API moving the clock until the Customer API refuses a token, the
// trace, clean stops on signals, and exit status 2 for a bad configuration or a port in use.
#include <gtest/gtest.h>

#include <memory>

#include "child_process.h"
#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/socket_http_transport.h"
#include "oauthsim/scenario/browser/user_agent.h"

namespace oauthsim::process_test {
namespace {

struct Served {
  std::unique_ptr<ChildProcess> process;
  nlohmann::json urls;
  std::string authz() const { return urls.at("authorization_server"); }
  std::string api() const { return urls.at("resource_server"); }
  std::string client() const { return urls.at("client"); }
};

Served start_serve(const TempDir& dir, const std::string& name,
                   std::vector<std::string> extra = {}) {
  const auto ready = dir / (name + ".ready");
  std::vector<std::string> argv = {kAppBin,        "serve",       "--authz-port",  "0",
                                   "--api-port",   "0",           "--client-port", "0",
                                   "--ready-file", ready.string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  Served s;
  s.process = std::make_unique<ChildProcess>(argv, dir.path(), name);
  wait_for_ready_url(*s.process, ready, "authorization_server", kReadyDeadline);
  s.urls = nlohmann::json::parse(read_file(ready));
  return s;
}

// "" when it exits 0 after `sig`, else what happened.
std::string stop(ChildProcess& p, int sig) {
  p.send_signal(sig);
  auto status = p.wait_for_exit(kStopDeadline);
  if (!status) return "still running after signal " + std::to_string(sig);
  if (!status->exited_with(0)) return status->describe() + "\n" + p.output_for_diagnosis();
  return "";
}

common::HttpResponse control(common::HttpTransport& http, const Served& s,
                             const std::string& method, const std::string& path,
                             const std::string& body = "") {
  common::HttpRequest r;
  r.method = method;
  r.url = s.authz() + path;
  r.body = body;
  r.content_type = "application/json";
  return http.send(r);
}

TEST(ServeProcess, FullFlowThenTheAdvancedClockMakesTheApiRefuseTheToken) {
  TempDir dir;
  Served served = start_serve(dir, "serve");
  for (const char* key : {"authorization_server", "resource_server", "client"}) {
    ASSERT_TRUE(served.urls.contains(key)) << served.urls;
  }
  const std::string banner = served.process->out();
  EXPECT_NE(banner.find("alice@example.com / wonderland"), std::string::npos) << banner;
  EXPECT_NE(banner.find("client acme-ats (secret from the configuration)"), std::string::npos)
      << banner;
  EXPECT_EQ(banner.find("acme-secret"), std::string::npos) << "the banner shows a client secret";
  EXPECT_NE(banner.find(served.client() + "/connect"), std::string::npos) << banner;
  EXPECT_NE(banner.find(served.authz() + "/_oauthsim/"), std::string::npos) << banner;
  // SR's token endpoint answers on both hosts; the banner names both.
  EXPECT_NE(banner.find(served.authz() + "/identity/oauth/token"), std::string::npos) << banner;
  EXPECT_NE(
      banner.find(served.urls["resource_server"].get<std::string>() + "/identity/oauth/token"),
      std::string::npos)
      << banner;

  common::SocketHttpTransport http;
  scenario::UserAgent browser(http);
  const auto flow = browser.run_flow(
      served.client() + "/connect",
      {"alice@example.com", "wonderland", std::nullopt, scenario::Decision::kAllow});
  ASSERT_FALSE(flow.error) << *flow.error << served.process->output_for_diagnosis();
  ASSERT_EQ(flow.final_response.status, 200) << flow.final_response.body;
  EXPECT_NE(flow.final_response.body.find("Connected as Alice Liddell"), std::string::npos);

  // A token of our own, straight from the token endpoint, to watch the API judge it.
  const auto issued = http.send(common::HttpRequest::post_form(
      served.authz() + "/identity/oauth/token", {{"grant_type", "client_credentials"},
                                                 {"client_id", "acme-ats"},
                                                 {"client_secret", "acme-secret"},
                                                 {"scope", "configuration_read"}}));
  ASSERT_EQ(issued.status, 200) << issued.body;
  const auto token_json = nlohmann::json::parse(issued.body);
  const std::string token = token_json.at("access_token");
  auto call_api = [&] {
    auto r = common::HttpRequest::get(served.api() + "/configuration/company");
    r.headers.add("Authorization", "Bearer " + token);
    return http.send(r);
  };
  ASSERT_EQ(call_api().status, 200);

  const auto clock_before =
      nlohmann::json::parse(control(http, served, "GET", "/_oauthsim/clock").body);
  const int lifetime = token_json.at("expires_in");
  const auto advanced = control(http, served, "POST", "/_oauthsim/clock/advance",
                                nlohmann::json{{"seconds", lifetime}}.dump());
  ASSERT_EQ(advanced.status, 200) << advanced.body;
  EXPECT_EQ(nlohmann::json::parse(advanced.body).at("now_ms").get<std::int64_t>(),
            clock_before.at("now_ms").get<std::int64_t>() + lifetime * 1000LL);

  const auto refused = call_api();
  EXPECT_EQ(refused.status, 401) << refused.body;
  EXPECT_NE(refused.header("WWW-Authenticate").value_or("").find("invalid_token"),
            std::string::npos);

  // The vendor app's token has expired too: it sends it, is refused, refreshes, retries.
  const auto action = browser.get(served.client() + "/action?path=/users/me");
  ASSERT_EQ(action.final_response.status, 200) << action.final_response.body;
  const auto trace = control(http, served, "GET", "/_oauthsim/trace");
  ASSERT_EQ(trace.status, 200);
  bool api_refused_app = false, app_refreshed = false;
  const auto trace_json = nlohmann::json::parse(trace.body);
  for (const auto& e : trace_json.at("entries")) {
    const std::string path = e.value("path", "");
    EXPECT_NE(path.rfind("/_oauthsim", 0), 0u) << "control call in the trace: " << e;
    if (path == "/users/me" && e.value("status", 0) == 401) api_refused_app = true;
    if (path == "/identity/oauth/token" && e.dump().find("refresh_token") != std::string::npos &&
        e.value("status", 0) == 200) {
      app_refreshed = true;
    }
  }
  EXPECT_TRUE(api_refused_app) << trace.body;
  EXPECT_TRUE(app_refreshed) << trace.body;

  EXPECT_EQ(stop(*served.process, SIGTERM), "");
}

TEST(ServeProcess, NoClientServesOnlyTheMockSrAndStopsOnSigint) {
  TempDir dir;
  Served served = start_serve(dir, "serve-no-client", {"--no-client"});
  EXPECT_FALSE(served.urls.contains("client")) << served.urls;
  common::SocketHttpTransport http;
  EXPECT_EQ(control(http, served, "GET", "/_oauthsim/clock").status, 200);
  EXPECT_EQ(served.process->out().find("/connect"), std::string::npos)
      << "no vendor app, so no /connect to open";
  EXPECT_EQ(stop(*served.process, SIGINT), "");
}

TEST(ServeProcess, BadConfigExitsWith2NamingTheFileAndKey) {
  TempDir dir;
  const auto config = dir / "bad.json";
  write_file(config,
             R"({"users": [{"username": "a@example.com", "password": "x", "passwrod": "y"}]})");
  ChildProcess p({kAppBin, "serve", "--config", config.string(), "--authz-port", "0", "--api-port",
                  "0", "--client-port", "0", "--ready-file", (dir / "never.ready").string()},
                 dir.path(), "serve-bad-config");
  auto status = p.wait_for_exit(kStopDeadline);
  ASSERT_TRUE(status) << "still running";
  EXPECT_TRUE(status->exited_with(2)) << status->describe() << p.output_for_diagnosis();
  EXPECT_NE(p.err().find(config.string()), std::string::npos) << p.err();
  EXPECT_NE(p.err().find("/users/0/passwrod"), std::string::npos) << p.err();
  EXPECT_FALSE(std::filesystem::exists(dir / "never.ready"));
}

TEST(ServeProcess, PortInUseExitsWith2NamingHostAndPort) {
  TempDir dir;
  // Hold a listening socket on a port so serve cannot have it.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(fd, 1), 0);
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const std::string port = std::to_string(ntohs(addr.sin_port));

  ChildProcess p({kAppBin, "serve", "--authz-port", "0", "--api-port", port, "--client-port", "0"},
                 dir.path(), "serve-port-in-use");
  auto status = p.wait_for_exit(kStopDeadline);
  ::close(fd);
  ASSERT_TRUE(status) << "still running";
  EXPECT_TRUE(status->exited_with(2)) << status->describe() << p.output_for_diagnosis();
  EXPECT_NE(p.err().find("127.0.0.1:" + port), std::string::npos) << p.err();
}

TEST(ServeProcess, HelpTeachesTheOptionsAndTheControlApi) {
  TempDir dir;
  ChildProcess p({kAppBin, "serve", "--help"}, dir.path(), "serve-help");
  auto status = p.wait_for_exit(kStopDeadline);
  ASSERT_TRUE(status && status->exited_with(0)) << p.output_for_diagnosis();
  for (const char* text :
       {"--config", "--host", "--authz-port", "--api-port", "--client-port", "--ready-file",
        "--no-client", "/_oauthsim/clock/advance", "Example session"}) {
    EXPECT_NE(p.out().find(text), std::string::npos) << "no " << text << " in\n" << p.out();
  }
}

}  // namespace
}  // namespace oauthsim::process_test
