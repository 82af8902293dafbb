#include "oauthsim/common/tls_flags.h"

#include <gmock/gmock.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <vector>

namespace oauthsim::common {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

class TlsFlagsTest : public ::testing::Test {
 protected:
  TlsFlagsTest()
      : dir_(fs::temp_directory_path() /
             ("oauthsim-tls-flags-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    fs::create_directories(dir_);
  }
  ~TlsFlagsTest() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Parses `args` with every TLS flag (or those of `role`) and reads them.
  TlsSetup setup(std::vector<std::string> args, TlsRole role = TlsRole::kServerAndClient) {
    ArgParser p("prog", "test");
    add_tls_options(p, role);
    std::vector<const char*> argv{"prog"};
    for (const auto& a : args) argv.push_back(a.c_str());
    p.parse(static_cast<int>(argv.size()), argv.data());
    return tls_setup_from(p);
  }
  std::string usage_error(std::vector<std::string> args, TlsRole role = TlsRole::kServerAndClient) {
    try {
      setup(std::move(args), role);
    } catch (const UsageError& e) {
      return e.what();
    }
    ADD_FAILURE() << "no UsageError";
    return "";
  }
  std::string file(const std::string& name) {
    std::ofstream(dir_ / name) << "pem";
    return (dir_ / name).string();
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

TEST_F(TlsFlagsTest, NoFlagsMeansPlainHttpAndNoHttpsCalls) {
  const TlsSetup s = setup({});
  EXPECT_FALSE(s.server);
  EXPECT_FALSE(s.client);
  EXPECT_FALSE(s.folder);
}

TEST_F(TlsFlagsTest, TlsWithAMissingCertsFolderCreatesItAndUsesIt) {
  const std::string certs = path("certs");
  const TlsSetup s = setup({"--tls", "--certs", certs});
  EXPECT_TRUE(s.created);
  ASSERT_TRUE(s.server);
  EXPECT_EQ(s.server->certificate_file, certs + "/server.pem");
  EXPECT_EQ(s.server->private_key_file, certs + "/server-key.pem");
  EXPECT_EQ(s.server->client_ca_file, certs + "/ca.pem");
  EXPECT_EQ(s.server->versions, TlsVersions::kTls12And13);
  ASSERT_TRUE(s.client);
  EXPECT_EQ(s.client->ca_file, certs + "/ca.pem");
  EXPECT_EQ(s.client->certificate_file, certs + "/client.pem");
  EXPECT_EQ(s.client->private_key_file, certs + "/client-key.pem");
  for (const char* f : {"ca.pem", "server.pem", "server-key.pem", "client.pem", "client-key.pem"}) {
    EXPECT_TRUE(fs::is_regular_file(fs::path(certs) / f)) << f;
  }
}

TEST_F(TlsFlagsTest, AnExistingCertsFolderIsReusedNotRewritten) {
  const std::string certs = path("certs");
  setup({"--certs", certs});
  std::ifstream in(certs + "/ca.pem");
  const std::string before((std::istreambuf_iterator<char>(in)), {});
  const TlsSetup again = setup({"--tls", "--certs", certs});
  EXPECT_FALSE(again.created);
  std::ifstream in2(certs + "/ca.pem");
  EXPECT_EQ(before, std::string((std::istreambuf_iterator<char>(in2)), {}));
}

TEST_F(TlsFlagsTest, AHalfWrittenFolderIsAnErrorNamingTheMissingFile) {
  const std::string certs = path("certs");
  setup({"--certs", certs});
  fs::remove(certs + "/server-key.pem");
  const std::string e = usage_error({"--tls", "--certs", certs});
  EXPECT_THAT(e, HasSubstr("server-key.pem is missing"));
  EXPECT_THAT(e, HasSubstr("--force"));
}

TEST_F(TlsFlagsTest, CertsWithoutTlsOnlyVerifiesPeers) {
  const TlsSetup s = setup({"--certs", path("certs")});
  EXPECT_FALSE(s.server);
  ASSERT_TRUE(s.client);
  EXPECT_EQ(s.client->ca_file, path("certs") + "/ca.pem");
}

TEST_F(TlsFlagsTest, OwnFilesServeHttpsAndVerifyAgainstTheirCa) {
  const TlsSetup s = setup({"--tls", "--cert", file("s.pem"), "--key", file("k.pem"), "--ca",
                            file("ca.pem"), "--tls12-only"});
  ASSERT_TRUE(s.server);
  EXPECT_EQ(s.server->certificate_file, path("s.pem"));
  EXPECT_EQ(s.server->private_key_file, path("k.pem"));
  EXPECT_EQ(s.server->client_ca_file, path("ca.pem"));
  EXPECT_EQ(s.server->versions, TlsVersions::kTls12Only);
  ASSERT_TRUE(s.client);
  EXPECT_EQ(s.client->ca_file, path("ca.pem"));
  EXPECT_EQ(s.client->certificate_file, "");
  EXPECT_EQ(s.client->versions, TlsVersions::kTls12Only);
}

TEST_F(TlsFlagsTest, ClientCertificateReplacesTheFoldersOne) {
  const TlsSetup s = setup({"--certs", path("certs"), "--client-cert", file("mine.pem"),
                            "--client-key", file("mine-key.pem")});
  ASSERT_TRUE(s.client);
  EXPECT_EQ(s.client->certificate_file, path("mine.pem"));
  EXPECT_EQ(s.client->private_key_file, path("mine-key.pem"));
}

TEST_F(TlsFlagsTest, TlsWithoutCertificatesIsAnError) {
  EXPECT_THAT(usage_error({"--tls"}), HasSubstr("--tls needs certificates"));
  EXPECT_THAT(usage_error({"--tls", "--cert", file("s.pem"), "--key", file("k.pem")}),
              HasSubstr("--tls needs certificates"));
}

TEST_F(TlsFlagsTest, HalfAPairIsAnErrorNamingTheOtherHalf) {
  EXPECT_THAT(usage_error({"--tls", "--cert", file("s.pem"), "--ca", file("ca.pem")}),
              HasSubstr("--cert needs --key"));
  EXPECT_THAT(usage_error({"--key", file("k.pem")}), HasSubstr("--key needs --cert"));
  EXPECT_THAT(usage_error({"--ca", file("ca.pem"), "--client-cert", file("c.pem")}),
              HasSubstr("--client-cert needs --client-key"));
}

TEST_F(TlsFlagsTest, MissingFilesAreNamedWithTheirFlag) {
  const std::string e = usage_error(
      {"--tls", "--cert", path("nope.pem"), "--key", file("k.pem"), "--ca", file("ca.pem")});
  EXPECT_THAT(e, HasSubstr("--cert " + path("nope.pem") + ": no such file"));
  EXPECT_THAT(usage_error({"--ca", path("gone.pem")}), HasSubstr("--ca " + path("gone.pem")));
  EXPECT_THAT(usage_error({"--ca", file("ca.pem"), "--client-cert", file("c.pem"), "--client-key",
                           path("no-key.pem")}),
              HasSubstr("--client-key " + path("no-key.pem")));
}

TEST_F(TlsFlagsTest, CertsAndOwnFilesExcludeEachOther) {
  EXPECT_THAT(usage_error({"--certs", path("certs"), "--ca", file("ca.pem")}),
              HasSubstr("--certs and --ca exclude each other"));
}

TEST_F(TlsFlagsTest, ClientCertificateWithoutACaIsAnError) {
  EXPECT_THAT(usage_error({"--client-cert", file("c.pem"), "--client-key", file("k.pem")}),
              HasSubstr("--client-cert needs --certs or --ca"));
}

TEST_F(TlsFlagsTest, OwnServerCertificateWithoutTlsIsAnError) {
  EXPECT_THAT(usage_error({"--cert", file("s.pem"), "--key", file("k.pem"), "--ca", file("c.pem")}),
              HasSubstr("only with --tls"));
}

TEST_F(TlsFlagsTest, RolesAddOnlyTheirFlags) {
  ArgParser server("s", "");
  add_tls_options(server, TlsRole::kServer);
  EXPECT_THAT(server.help(), HasSubstr("--tls "));
  EXPECT_THAT(server.help(), ::testing::Not(HasSubstr("--client-cert")));
  ArgParser client("c", "");
  add_tls_options(client, TlsRole::kClient);
  EXPECT_THAT(client.help(), HasSubstr("--client-cert"));
  EXPECT_THAT(client.help(), ::testing::Not(HasSubstr("--tls ")));
  EXPECT_THAT(client.help(), ::testing::Not(HasSubstr("--key ")));
  // A client-only command rejects the server flags as unknown options.
  EXPECT_THROW(setup({"--tls"}, TlsRole::kClient), UsageError);
}

TEST(TlsFolderOptions, ServerAndClientOptionsComeFromTheFolder) {
  const CertificateFolder f = certificate_folder_paths("/x");
  const TlsServerOptions s = server_options(f, TlsVersions::kTls12Only);
  EXPECT_EQ(s.certificate_file, "/x/server.pem");
  EXPECT_EQ(s.client_ca_file, "/x/ca.pem");
  EXPECT_EQ(s.versions, TlsVersions::kTls12Only);
  const TlsClientOptions without = client_options(f, false);
  EXPECT_EQ(without.ca_file, "/x/ca.pem");
  EXPECT_EQ(without.certificate_file, "");
  const TlsClientOptions with = client_options(f, true);
  EXPECT_EQ(with.certificate_file, "/x/client.pem");
  EXPECT_EQ(with.private_key_file, "/x/client-key.pem");
}

}  // namespace
}  // namespace oauthsim::common
