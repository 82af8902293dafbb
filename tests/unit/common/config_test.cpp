#include "oauthsim/common/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace oauthsim::common {
namespace {

using nlohmann::json;

constexpr const char* kSource = "test.json";

// The example from the issue's "Configuration" section.
json issue_example() {
  return json::parse(R"({
  "clients": [{"client_id": "acme-ats", "client_secret": "acme-secret", "name": "Acme ATS",
               "redirect_uris": ["http://localhost:9000/callback"],
               "scopes": ["user_me_read", "jobs_read", "candidates_read"],
               "default_scopes": ["user_me_read"]}],
  "users": [{"username": "alice@example.com", "password": "wonderland", "first_name": "Alice",
             "last_name": "Liddell", "company": "Acme", "system_role": "ADMINISTRATOR"}],
  "lifetimes": {"access_token": 1800, "refresh_token": 2419200, "authorization_code": 60}
})");
}

json one_client(json client) {
  client.merge_patch(json{{"client_id", "c1"}, {"client_secret", "s1"}});
  return json{{"clients", json::array({client})}};
}

// Returns the ConfigError message, failing the test if parsing succeeds.
std::string config_error(const json& j) {
  try {
    parse_config(j, kSource);
  } catch (const ConfigError& e) {
    return e.what();
  }
  ADD_FAILURE() << "parse_config accepted " << j.dump();
  return "";
}

void expect_error_at(const json& j, const std::string& pointer) {
  const std::string msg = config_error(j);
  EXPECT_NE(msg.find(kSource), std::string::npos) << "message does not name the file: " << msg;
  EXPECT_NE(msg.find(pointer), std::string::npos)
      << "message does not name " << pointer << ": " << msg;
}

TEST(DefaultConfig, HasAcmeAtsClientAndTwoUsers) {
  Config c = default_config();
  const ClientConfig* acme = c.find_client("acme-ats");
  ASSERT_NE(acme, nullptr);
  EXPECT_EQ(acme->client_secret, "acme-secret");
  EXPECT_FALSE(acme->redirect_uris.empty());
  EXPECT_FALSE(acme->default_scopes.empty());
  EXPECT_EQ(c.users.size(), 2u);
  EXPECT_NE(c.find_user("alice@example.com"), nullptr);
}

TEST(DefaultConfig, ClientScopesAreInTheCatalogAndDefaultsAreGrantable) {
  Config c = default_config();
  for (const auto& cl : c.clients) {
    for (const auto& s : cl.scopes) EXPECT_NE(c.find_scope(s), nullptr) << s;
    for (const auto& s : cl.default_scopes) {
      EXPECT_NE(std::find(cl.scopes.begin(), cl.scopes.end(), s), cl.scopes.end()) << s;
    }
  }
}

TEST(DefaultConfig, UsersHaveDistinctNonEmptyIds) {
  Config c = default_config();
  ASSERT_EQ(c.users.size(), 2u);
  EXPECT_FALSE(c.users[0].id.empty());
  EXPECT_NE(c.users[0].id, c.users[1].id);
}

TEST(DefaultConfig, ParsingItsOwnJsonGivesTheSameConfig) {
  Config c = default_config();
  Config back = parse_config(config_to_json(c), "roundtrip");
  EXPECT_EQ(config_to_json(back), config_to_json(c));
  EXPECT_EQ(back.source, "roundtrip");
}

TEST(Config, FindReturnsNullForUnknownNames) {
  Config c = default_config();
  EXPECT_EQ(c.find_client("nobody"), nullptr);
  EXPECT_EQ(c.find_user("nobody@example.com"), nullptr);
  EXPECT_EQ(c.find_scope("root"), nullptr);
  EXPECT_NE(c.find_scope("user_me_read"), nullptr);
}

TEST(ParseConfig, AcceptsTheIssueExample) {
  Config c = parse_config(issue_example(), kSource);
  EXPECT_EQ(c.source, kSource);
  ASSERT_EQ(c.clients.size(), 1u);
  const ClientConfig& acme = c.clients[0];
  EXPECT_EQ(acme.client_id, "acme-ats");
  EXPECT_EQ(acme.client_secret, "acme-secret");
  EXPECT_EQ(acme.name, "Acme ATS");
  EXPECT_EQ(acme.redirect_uris, std::vector<std::string>{"http://localhost:9000/callback"});
  EXPECT_EQ(acme.scopes.size(), 3u);
  EXPECT_EQ(acme.default_scopes, std::vector<std::string>{"user_me_read"});
  ASSERT_EQ(c.users.size(), 1u);
  EXPECT_EQ(c.users[0].username, "alice@example.com");
  EXPECT_EQ(c.users[0].password, "wonderland");
  EXPECT_EQ(c.users[0].system_role, "ADMINISTRATOR");
  EXPECT_FALSE(c.users[0].id.empty());
  EXPECT_EQ(c.lifetimes.access_token, 1800);
  EXPECT_EQ(c.lifetimes.refresh_token, 2419200);
  EXPECT_EQ(c.lifetimes.authorization_code, 60);
}

TEST(ParseConfig, OmittedKeysTakeTheDefaults) {
  Config c = parse_config(json::object(), kSource);
  Config d = default_config();
  EXPECT_EQ(c.clients.size(), d.clients.size());
  EXPECT_EQ(c.users.size(), d.users.size());
  EXPECT_EQ(c.lifetimes.access_token, d.lifetimes.access_token);
  EXPECT_EQ(c.rate_limit.requests_per_second, d.rate_limit.requests_per_second);
  EXPECT_EQ(c.data_seed, d.data_seed);
}

TEST(ParseConfig, PartialLifetimesKeepOtherDefaults) {
  Config c = parse_config(json{{"lifetimes", {{"access_token", 5}}}}, kSource);
  EXPECT_EQ(c.lifetimes.access_token, 5);
  EXPECT_EQ(c.lifetimes.refresh_token, default_config().lifetimes.refresh_token);
}

TEST(ParseConfig, ClientDefaultsToAllGrantTypesAndNameFromId) {
  Config c = parse_config(one_client({}), kSource);
  ASSERT_EQ(c.clients.size(), 1u);
  EXPECT_EQ(c.clients[0].name, "c1");
  EXPECT_EQ(c.clients[0].grant_types.size(), 3u);
  EXPECT_FALSE(c.clients[0].require_pkce);
}

TEST(ParseConfig, ReadsRateLimitResourceServerAndSeed) {
  json j = {{"rate_limit", {{"requests_per_second", 3}, {"concurrent", 2}}},
            {"resource_server", {{"client_id", "rs"}, {"client_secret", "rs-secret"}}},
            {"data_seed", 42}};
  Config c = parse_config(j, kSource);
  EXPECT_EQ(c.rate_limit.requests_per_second, 3);
  EXPECT_EQ(c.rate_limit.concurrent, 2);
  EXPECT_EQ(c.resource_server.client_id, "rs");
  EXPECT_EQ(c.data_seed, 42u);
}

TEST(ParseConfig, DataSeedAcceptsSignedAndUnsignedNonNegativeIntegers) {
  EXPECT_EQ(parse_config(json{{"data_seed", 7}}, kSource).data_seed, 7u);  // signed literal
  EXPECT_EQ(parse_config(json::parse(R"({"data_seed": 0})"), kSource).data_seed, 0u);
  EXPECT_EQ(parse_config(json::parse(R"({"data_seed": 18446744073709551615})"), kSource).data_seed,
            18446744073709551615u);
}

TEST(ParseConfig, CustomScopeCanBeAddedAndUsed) {
  json j = one_client({{"scopes", {"custom_read"}}});
  j["scopes"] = {{"custom_read", "Read custom things"}};
  Config c = parse_config(j, kSource);
  ASSERT_NE(c.find_scope("custom_read"), nullptr);
  EXPECT_EQ(c.find_scope("custom_read")->description, "Read custom things");
}

TEST(ParseConfig, RefusesUnknownTopLevelKey) {
  expect_error_at(json{{"clinets", json::array()}}, "/clinets");
}

TEST(ParseConfig, RefusesUnknownNestedClientKey) {
  expect_error_at(one_client({{"foo", 1}}), "/clients/0/foo");
}

TEST(ParseConfig, RefusesUnknownUserKey) {
  json j = {{"users", {{{"username", "u@x"}, {"password", "p"}, {"pasword", "p"}}}}};
  expect_error_at(j, "/users/0/pasword");
}

TEST(ParseConfig, RefusesUnknownLifetimeKey) {
  expect_error_at(json{{"lifetimes", {{"acces_token", 1}}}}, "/lifetimes/acces_token");
}

TEST(ParseConfig, RefusesNonObjectTopLevel) {
  EXPECT_NE(config_error(json::array()).find(kSource), std::string::npos);
  EXPECT_NE(config_error(json("text")).find(kSource), std::string::npos);
}

TEST(ParseConfig, RefusesWrongTypesNamingTheKey) {
  expect_error_at(json{{"clients", "acme"}}, "/clients");
  expect_error_at(json{{"clients", {"acme"}}}, "/clients/0");
  expect_error_at(one_client({{"redirect_uris", "http://localhost/cb"}}),
                  "/clients/0/redirect_uris");
  expect_error_at(one_client({{"redirect_uris", {1}}}), "/clients/0/redirect_uris/0");
  expect_error_at(one_client({{"require_pkce", "yes"}}), "/clients/0/require_pkce");
  expect_error_at(json{{"clients", {{{"client_id", 7}, {"client_secret", "s"}}}}},
                  "/clients/0/client_id");
  expect_error_at(json{{"lifetimes", {{"access_token", "1800"}}}}, "/lifetimes/access_token");
  expect_error_at(json{{"lifetimes", {{"access_token", 1.5}}}}, "/lifetimes/access_token");
  expect_error_at(json{{"lifetimes", 60}}, "/lifetimes");
  expect_error_at(json{{"data_seed", -1}}, "/data_seed");
  expect_error_at(json{{"data_seed", "1"}}, "/data_seed");
  expect_error_at(json{{"scopes", {{"x", 1}}}}, "/scopes/x");
  expect_error_at(json{{"scopes", {"x"}}}, "/scopes");
}

TEST(ParseConfig, RefusesOutOfRangeLifetimes) {
  expect_error_at(json{{"lifetimes", {{"access_token", 0}}}}, "/lifetimes/access_token");
  expect_error_at(json{{"lifetimes", {{"authorization_code", -5}}}},
                  "/lifetimes/authorization_code");
  expect_error_at(json{{"rate_limit", {{"requests_per_second", 0}}}},
                  "/rate_limit/requests_per_second");
}

TEST(ParseConfig, RefusesMissingRequiredClientFields) {
  expect_error_at(json{{"clients", {{{"client_secret", "s"}}}}}, "/clients/0/client_id");
  expect_error_at(json{{"clients", {{{"client_id", "c"}}}}}, "/clients/0/client_secret");
  expect_error_at(json{{"clients", {{{"client_id", ""}, {"client_secret", "s"}}}}},
                  "/clients/0/client_id");
}

TEST(ParseConfig, RefusesMissingUserPassword) {
  expect_error_at(json{{"users", {{{"username", "u@x"}}}}}, "/users/0/password");
}

TEST(ParseConfig, RefusesPlainHttpRedirectUriToARealHost) {
  const std::string msg = config_error(one_client({{"redirect_uris", {"http://example.com/cb"}}}));
  EXPECT_NE(msg.find("/clients/0/redirect_uris/0"), std::string::npos) << msg;
  EXPECT_NE(msg.find("http://example.com/cb"), std::string::npos) << msg;
}

TEST(ParseConfig, RefusesLocalhostLookalikeHosts) {
  expect_error_at(one_client({{"redirect_uris", {"http://localhost.evil.com/cb"}}}),
                  "/clients/0/redirect_uris/0");
  expect_error_at(one_client({{"redirect_uris", {"http://localhost@evil.com/cb"}}}),
                  "/clients/0/redirect_uris/0");
}

TEST(ParseConfig, AllowsLoopbackHttpAndHttpsRedirectUris) {
  Config c = parse_config(one_client({{"redirect_uris",
                                       {"http://127.0.0.1:9000/cb", "http://localhost/cb",
                                        "https://vendor.example.com/oauth/cb"}}}),
                          kSource);
  EXPECT_EQ(c.clients[0].redirect_uris.size(), 3u);
}

TEST(ParseConfig, RefusesMoreThanThreeRedirectUris) {
  expect_error_at(one_client({{"redirect_uris",
                               {"https://a.example/cb", "https://b.example/cb",
                                "https://c.example/cb", "https://d.example/cb"}}}),
                  "/clients/0/redirect_uris");
}

TEST(ParseConfig, RefusesRedirectUriWithFragmentOrNoScheme) {
  expect_error_at(one_client({{"redirect_uris", {"https://a.example/cb#x"}}}),
                  "/clients/0/redirect_uris/0");
  expect_error_at(one_client({{"redirect_uris", {"/cb"}}}), "/clients/0/redirect_uris/0");
  expect_error_at(one_client({{"redirect_uris", {"https://a.example/cb", "ftp://x/"}}}),
                  "/clients/0/redirect_uris/1");
}

TEST(ParseConfig, RefusesUnknownScopeNamingIt) {
  const std::string msg = config_error(one_client({{"scopes", {"user_me_read", "root_access"}}}));
  EXPECT_NE(msg.find("/clients/0/scopes/1"), std::string::npos) << msg;
  EXPECT_NE(msg.find("root_access"), std::string::npos) << msg;
}

TEST(ParseConfig, RefusesDefaultScopesThatAreNotAmongTheClientsScopes) {
  expect_error_at(one_client({{"scopes", {"user_me_read"}}, {"default_scopes", {"jobs_read"}}}),
                  "/clients/0/default_scopes/0");
}

TEST(ParseConfig, RefusesUnknownAuthMethodAndGrantType) {
  expect_error_at(one_client({{"token_endpoint_auth_method", "private_key_jwt"}}),
                  "/clients/0/token_endpoint_auth_method");
  expect_error_at(one_client({{"grant_types", {"authorization_code", "password"}}}),
                  "/clients/0/grant_types/1");
}

TEST(ParseConfig, CertificateClientsNeedTheirRegistrationButNoSecret) {
  const json dn_client = {{"client_id", "mtls"},
                          {"token_endpoint_auth_method", "tls_client_auth"},
                          {"tls_client_auth_subject_dn", "CN=vendor app,O=Acme"},
                          {"tls_client_certificate_bound_access_tokens", true}};
  const Config c = parse_config(json{{"clients", {dn_client}}}, kSource);
  const ClientConfig& mtls = c.clients.at(0);
  EXPECT_TRUE(mtls.uses_client_certificate());
  EXPECT_TRUE(mtls.client_secret.empty());
  EXPECT_EQ(mtls.tls_client_auth_subject_dn, "CN=vendor app,O=Acme");
  EXPECT_TRUE(mtls.tls_client_certificate_bound_access_tokens);
  // The registration survives a round trip through JSON.
  const Config again = parse_config(config_to_json(c), kSource);
  EXPECT_EQ(again.clients.at(0).tls_client_auth_subject_dn, "CN=vendor app,O=Acme");
  EXPECT_TRUE(again.clients.at(0).tls_client_certificate_bound_access_tokens);

  json no_dn = dn_client;
  no_dn.erase("tls_client_auth_subject_dn");
  expect_error_at(json{{"clients", {no_dn}}}, "/clients/0/tls_client_auth_subject_dn");
  const json self_signed = {{"client_id", "self"},
                            {"token_endpoint_auth_method", "self_signed_tls_client_auth"},
                            {"tls_client_certificate_s256", "too-short"}};
  expect_error_at(json{{"clients", {self_signed}}}, "/clients/0/tls_client_certificate_s256");
  // A secret client still needs its secret, and it may not be empty.
  expect_error_at(json{{"clients", {{{"client_id", "c"}, {"client_secret", ""}}}}},
                  "/clients/0/client_secret");
}

TEST(ParseConfig, RefusesDuplicateClientIds) {
  json c = {{"client_id", "dup"}, {"client_secret", "s"}};
  const std::string msg = config_error(json{{"clients", {c, c}}});
  EXPECT_NE(msg.find("/clients/1/client_id"), std::string::npos) << msg;
  EXPECT_NE(msg.find("dup"), std::string::npos) << msg;
}

TEST(ParseConfig, RefusesDuplicateUsernames) {
  json u = {{"username", "u@x"}, {"password", "p"}};
  expect_error_at(json{{"users", {u, u}}}, "/users/1/username");
}

TEST(ParseConfig, ErrorMessageNeverContainsAClientSecret) {
  const std::string msg = config_error(json{{"clients",
                                             {{{"client_id", "c"},
                                               {"client_secret", "super-s3cret"},
                                               {"redirect_uris", {"http://example.com/"}}}}}});
  EXPECT_EQ(msg.find("super-s3cret"), std::string::npos) << msg;
}

class ConfigFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("oauthsim-config-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    const auto path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(ConfigFile, LoadsAValidFileAndRecordsItsPath) {
  const std::string path = write("ok.json", issue_example().dump(2));
  Config c = load_config_file(path);
  EXPECT_EQ(c.source, path);
  EXPECT_EQ(c.clients.at(0).client_id, "acme-ats");
}

TEST_F(ConfigFile, MissingFileErrorNamesThePath) {
  const std::string path = (dir_ / "missing.json").string();
  try {
    load_config_file(path);
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}

TEST_F(ConfigFile, InvalidJsonErrorNamesFileAndLine) {
  const std::string path = write("bad.json", "{\n  \"clients\": [],\n  \"users\": [,]\n}\n");
  try {
    load_config_file(path);
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(path + ":3"), std::string::npos) << e.what();
  }
}

TEST_F(ConfigFile, EmptyFileIsAnError) {
  const std::string path = write("empty.json", "");
  EXPECT_THROW(load_config_file(path), ConfigError);
}

TEST_F(ConfigFile, UnknownKeyInFileNamesFileAndPointer) {
  const std::string path = write("unknown.json", R"({"lifetimes": {"access_tokn": 1}})");
  try {
    load_config_file(path);
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(path), std::string::npos) << msg;
    EXPECT_NE(msg.find("/lifetimes/access_tokn"), std::string::npos) << msg;
  }
}

TEST_F(ConfigFile, DirectoryInsteadOfFileIsAConfigError) {
  EXPECT_THROW(load_config_file(dir_.string()), ConfigError);
}

}  // namespace
}  // namespace oauthsim::common
