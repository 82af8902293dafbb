// HTTPS from the command line: `oauthsim certs DIR` writes a CA, server and client certificates,
// mock_authz_server --tls --certs DIR serves https with them, a caller verifying with ca.pem
// gets its answers (and one without it gets none), and a client registered for tls_client_auth
// gets a token with the folder's client certificate and only with it.
#include <gtest/gtest.h>

#include <memory>

#include "child_process.h"
#include "oauthsim/common/certificates.h"
#include "oauthsim/common/socket_http_transport.h"

namespace oauthsim::process_test {
namespace {

constexpr milliseconds kDeadline{15'000};

// Runs `oauthsim certs ARGS...` to its end.
ExitStatus run_certs(const TempDir& dir, const std::string& name, std::vector<std::string> args) {
  std::vector<std::string> argv = {kAppBin, "certs"};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildProcess p(argv, dir.path(), name);
  auto status = p.wait_for_exit(kDeadline);
  if (!status) throw std::runtime_error("oauthsim certs did not finish");
  return *status;
}

TEST(TlsProcess, CertsWritesTheFolderAndPrintsWhatToRegister) {
  TempDir dir;
  const auto certs = dir / "certs";
  const ExitStatus status = run_certs(dir, "certs", {certs.string()});
  ASSERT_TRUE(status.exited_with(0)) << status.describe() << read_file(dir / "certs.err");
  for (const char* f :
       {"ca.pem", "ca-key.pem", "server.pem", "server-key.pem", "client.pem", "client-key.pem"}) {
    EXPECT_TRUE(std::filesystem::is_regular_file(certs / f)) << f;
  }
  const std::string client_pem = read_file(certs / "client.pem");
  const std::string out = read_file(dir / "certs.out");
  EXPECT_NE(out.find(common::certificate_subject_dn(client_pem)), std::string::npos) << out;
  EXPECT_NE(out.find(common::certificate_thumbprint_s256(client_pem)), std::string::npos) << out;
  const auto key_mode = std::filesystem::status(certs / "client-key.pem").permissions();
  EXPECT_EQ(key_mode & std::filesystem::perms::group_read, std::filesystem::perms::none);
}

TEST(TlsProcess, CertsRefusesToOverwriteWithoutForce) {
  TempDir dir;
  const auto certs = dir / "certs";
  ASSERT_TRUE(run_certs(dir, "first", {certs.string()}).exited_with(0));
  const std::string ca_before = read_file(certs / "ca.pem");
  const ExitStatus again = run_certs(dir, "again", {certs.string()});
  EXPECT_TRUE(again.exited_with(2)) << again.describe();
  EXPECT_NE(read_file(dir / "again.err").find("--force"), std::string::npos);
  EXPECT_EQ(read_file(certs / "ca.pem"), ca_before);
  ASSERT_TRUE(run_certs(dir, "forced", {certs.string(), "--force"}).exited_with(0));
  EXPECT_NE(read_file(certs / "ca.pem"), ca_before);
}

TEST(TlsProcess, CertsHelpExplainsTheFilesAndHowToTrustTheCa) {
  TempDir dir;
  ASSERT_TRUE(run_certs(dir, "help", {"--help"}).exited_with(0));
  const std::string help = read_file(dir / "help.out");
  for (const char* word : {"ca.pem", "server.pem", "client.pem", "--cacert", "NODE_EXTRA_CA_CERTS",
                           "verify=", "tls_client_auth_subject_dn", "--force"}) {
    EXPECT_NE(help.find(word), std::string::npos) << word;
  }
}

class HttpsAuthorizationServer : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(run_certs(dir, "certs", {certs.string()}).exited_with(0));
    const std::string dn = common::certificate_subject_dn(read_file(certs / "client.pem"));
    const auto config = dir / "config.json";
    write_file(config, nlohmann::json{{"clients",
                                       {{{"client_id", "mtls-app"},
                                         {"redirect_uris", {"http://localhost:3000/cb"}},
                                         {"scopes", {"user_me_read"}},
                                         {"default_scopes", {"user_me_read"}},
                                         {"token_endpoint_auth_method", "tls_client_auth"},
                                         {"tls_client_auth_subject_dn", dn}}}}}
                           .dump());
    const auto ready = dir / "authz.ready";
    authz = std::make_unique<ChildProcess>(
        std::vector<std::string>{kAuthzBin, "--port", "0", "--tls", "--certs", certs.string(),
                                 "--config", config.string(), "--ready-file", ready.string()},
        dir.path(), "authz");
    url = wait_for_ready_url(*authz, ready, "authorization_server", kDeadline);
  }

  common::HttpResponse token(const common::TlsClientOptions& tls) {
    common::SocketHttpTransport t(5, {}, tls);
    return t.send(common::HttpRequest::post_form(
        url + "/identity/oauth/token",
        {{"grant_type", "client_credentials"}, {"client_id", "mtls-app"}}));
  }
  common::TlsClientOptions verify_with_ca() const {
    common::TlsClientOptions o;
    o.ca_file = (certs / "ca.pem").string();
    return o;
  }

  TempDir dir;
  std::filesystem::path certs = dir / "certs";
  std::unique_ptr<ChildProcess> authz;
  std::string url;
};

TEST_F(HttpsAuthorizationServer, AnswersOverHttpsVerifiedAgainstTheFoldersCa) {
  EXPECT_EQ(url.rfind("https://127.0.0.1:", 0), 0u) << url;
  common::SocketHttpTransport t(5, {}, verify_with_ca());
  const auto r = t.send(common::HttpRequest::get(url + "/.well-known/oauth-authorization-server"));
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("tls_client_auth"), std::string::npos);
}

TEST_F(HttpsAuthorizationServer, ACallerTrustingAnotherCaIsRefusedTheConnection) {
  TempDir other;
  const auto other_certs = other / "certs";
  ASSERT_TRUE(run_certs(other, "certs", {other_certs.string()}).exited_with(0));
  common::TlsClientOptions o;
  o.ca_file = (other_certs / "ca.pem").string();
  common::SocketHttpTransport t(5, {}, o);
  EXPECT_THROW(t.send(common::HttpRequest::get(url + "/.well-known/oauth-authorization-server")),
               common::TransportError);
  // And without any CA an https URL is an error, never an unverified connection.
  EXPECT_THROW(common::SocketHttpTransport(5).send(common::HttpRequest::get(url + "/")),
               common::TransportError);
}

TEST_F(HttpsAuthorizationServer, TheFoldersClientCertificateAuthenticatesTheRegisteredClient) {
  common::TlsClientOptions with_cert = verify_with_ca();
  with_cert.certificate_file = (certs / "client.pem").string();
  with_cert.private_key_file = (certs / "client-key.pem").string();
  const auto granted = token(with_cert);
  EXPECT_EQ(granted.status, 200) << granted.body;
  const auto refused = token(verify_with_ca());
  EXPECT_EQ(refused.status, 401) << refused.body;
  EXPECT_NE(refused.body.find("presented no client certificate"), std::string::npos);
}

TEST(TlsProcessFlags, TlsWithoutCertificatesExitsTwoNamingTheFlags) {
  TempDir dir;
  ChildProcess p({kAuthzBin, "--port", "0", "--tls"}, dir.path(), "authz");
  auto status = p.wait_for_exit(kDeadline);
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->exited_with(2)) << status->describe();
  EXPECT_NE(p.err().find("--certs DIR"), std::string::npos) << p.err();
}

}  // namespace
}  // namespace oauthsim::process_test
