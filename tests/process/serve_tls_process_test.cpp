// `oauthsim serve --tls` as a real process: every URL it announces is https, a browser that
// trusts the folder's CA runs the whole flow through the vendor app, the control API answers
// over https, the metadata lists the RFC 8705 methods, and a caller that does not trust the CA
// is refused the connection rather than served.
#include <gtest/gtest.h>

#include <memory>

#include "child_process.h"
#include "oauthsim/common/certificates.h"
#include "oauthsim/common/socket_http_transport.h"
#include "oauthsim/scenario/browser/user_agent.h"

namespace oauthsim::process_test {
namespace {

struct ServedOverTls {
  std::unique_ptr<ChildProcess> process;
  nlohmann::json urls;
  common::CertificateFolder certs;
};

ServedOverTls start_serve_tls(const TempDir& dir, std::vector<std::string> extra = {}) {
  const auto ready = dir / "serve.ready";
  const auto certs = dir / "certs";
  std::vector<std::string> argv = {
      kAppBin,      "serve", "--tls",         "--certs", certs.string(), "--authz-port", "0",
      "--api-port", "0",     "--client-port", "0",       "--ready-file", ready.string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  ServedOverTls s;
  s.process = std::make_unique<ChildProcess>(argv, dir.path(), "serve");
  wait_for_ready_url(*s.process, ready, "authorization_server", kReadyDeadline);
  s.urls = nlohmann::json::parse(read_file(ready));
  s.certs = common::certificate_folder_paths(certs.string());
  return s;
}

common::TlsClientOptions trusting(const common::CertificateFolder& certs) {
  common::TlsClientOptions o;
  o.ca_file = certs.ca;
  return o;
}

TEST(ServeTlsProcess, WholeFlowRunsOverVerifiedHttps) {
  TempDir dir;
  auto served = start_serve_tls(dir);
  for (const char* key : {"authorization_server", "resource_server", "client"}) {
    EXPECT_EQ(served.urls.at(key).get<std::string>().rfind("https://127.0.0.1:", 0), 0u)
        << served.urls;
  }
  const std::string banner = served.process->out();
  EXPECT_NE(banner.find("--cacert " + served.certs.ca), std::string::npos) << banner;

  common::SocketHttpTransport https(10, {}, trusting(served.certs));
  scenario::UserAgent browser(https);
  const auto flow = browser.run_flow(
      served.urls.at("client").get<std::string>() + "/connect",
      {"alice@example.com", "wonderland", std::nullopt, scenario::Decision::kAllow});
  ASSERT_FALSE(flow.error) << *flow.error << served.process->output_for_diagnosis();
  ASSERT_EQ(flow.final_response.status, 200) << flow.final_response.body;
  EXPECT_NE(flow.final_response.body.find("Connected as Alice Liddell"), std::string::npos);

  const std::string authz = served.urls.at("authorization_server");
  const auto metadata =
      https.send(common::HttpRequest::get(authz + "/.well-known/oauth-authorization-server"));
  ASSERT_EQ(metadata.status, 200);
  const auto methods =
      nlohmann::json::parse(metadata.body)["token_endpoint_auth_methods_supported"];
  EXPECT_NE(std::find(methods.begin(), methods.end(), "tls_client_auth"), methods.end())
      << metadata.body;

  const auto clock = https.send(common::HttpRequest::get(authz + "/_oauthsim/clock"));
  EXPECT_EQ(clock.status, 200) << clock.body;

  served.process->send_signal(SIGTERM);
  const auto status = served.process->wait_for_exit(kStopDeadline);
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(status->exited_with(0)) << status->describe();
}

TEST(ServeTlsProcess, CallerTrustingAnotherCaIsRefusedTheConnection) {
  TempDir dir;
  auto served = start_serve_tls(dir);
  const auto other = dir / "other-certs";
  const auto other_folder = common::write_certificate_folder(other.string());
  common::SocketHttpTransport stranger(10, {}, trusting(other_folder));
  EXPECT_THROW(stranger.send(common::HttpRequest::get(
                   served.urls.at("authorization_server").get<std::string>() +
                   "/.well-known/oauth-authorization-server")),
               common::TransportError);
  served.process->send_signal(SIGTERM);
  EXPECT_TRUE(served.process->wait_for_exit(kStopDeadline).has_value());
}

TEST(ServeTlsProcess, TlsWithoutCertificatesExitsTwoNamingTheFlags) {
  TempDir dir;
  ChildProcess p(
      {kAppBin, "serve", "--tls", "--authz-port", "0", "--api-port", "0", "--client-port", "0"},
      dir.path(), "serve");
  const auto status = p.wait_for_exit(kStopDeadline);
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(status->exited_with(2)) << status->describe();
  EXPECT_NE(p.err().find("--certs DIR"), std::string::npos) << p.err();
}

}  // namespace
}  // namespace oauthsim::process_test
