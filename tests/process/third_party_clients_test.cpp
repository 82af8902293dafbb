// Vendors use OAuth client libraries oauthsim did not write. Two of them, Python's
// requests-oauthlib and npm's simple-oauth2, run the whole flow against `oauthsim serve`: the
// code exchange (client_secret_post and client_secret_basic), an API call, a refresh with
// rotation, and the rotated-out refresh token refused. The scripts are in tests/thirdparty/.
#include <gtest/gtest.h>

#include <httplib.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "child_process.h"

namespace oauthsim::process_test {
namespace {

constexpr milliseconds kClientDeadline{60'000};

// The sources sit beside this file; Ninja and Make both compile it by its absolute path.
const std::filesystem::path kThirdParty =
    std::filesystem::path(__FILE__).parent_path().parent_path() / "thirdparty";

class ThirdPartyClients : public ::testing::Test {
 protected:
  void SetUp() override {
    ready_ = dir_ / "serve.ready";
    serve_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{kAppBin, "serve", "--no-client", "--authz-port", "0", "--api-port",
                                 "0", "--config", (kThirdParty / "vendors_config.json").string(),
                                 "--ready-file", ready_.string()},
        dir_.path(), "oauthsim-serve");
    authz_url_ = wait_for_ready_url(*serve_, ready_, "authorization_server", kReadyDeadline);
  }

  void TearDown() override {
    if (!serve_) return;
    serve_->send_signal(SIGTERM);
    auto status = serve_->wait_for_exit(kStopDeadline);
    ASSERT_TRUE(status) << "oauthsim serve did not stop on SIGTERM";
    EXPECT_TRUE(status->exited_with(0)) << status->describe() << serve_->output_for_diagnosis();
  }

  // Runs a client script to its end; its stderr names the leg that went wrong.
  void expect_flow_passes(std::vector<std::string> argv, const std::string& name) {
    ChildProcess client(std::move(argv), dir_.path(), name);
    auto status = client.wait_for_exit(kClientDeadline);
    ASSERT_TRUE(status) << name << " still ran after " << kClientDeadline.count() << " ms\n"
                        << client.output_for_diagnosis();
    EXPECT_TRUE(status->exited_with(0)) << status->describe() << "\n"
                                        << client.output_for_diagnosis();
    EXPECT_NE(client.out().find("refresh with rotation: ok"), std::string::npos) << client.out();
  }

  // The token endpoint's answers as `oauthsim serve` traced them.
  std::vector<nlohmann::json> traced_token_answers() {
    httplib::Client c(authz_url_);
    auto res = c.Get("/_oauthsim/trace");
    if (!res || res->status != 200) {
      ADD_FAILURE() << "GET /_oauthsim/trace failed";
      return {};
    }
    std::vector<nlohmann::json> out;
    const auto trace = nlohmann::json::parse(res->body);
    for (const auto& e : trace["entries"]) {
      if (e["path"] == "/identity/oauth/token") out.push_back(e);
    }
    return out;
  }

  static std::string pair_value(const nlohmann::json& entry, const char* list,
                                const std::string& name) {
    if (!entry.contains(list)) return {};
    for (const auto& kv : entry[list]) {
      if (kv[0] == name) return kv[1];
    }
    return {};
  }

  TempDir dir_;
  std::string authz_url_;
  std::filesystem::path ready_;
  std::unique_ptr<ChildProcess> serve_;
};

TEST_F(ThirdPartyClients, RequestsOauthlibExchangesCallsAndRefreshesWithClientSecretPost) {
  ASSERT_TRUE(std::filesystem::exists("/usr/bin/python3"));
  ASSERT_EQ(std::system("/usr/bin/python3 -c 'import requests_oauthlib' 2>/dev/null"), 0)
      << "python3-requests-oauthlib is not installed: run scripts/bootstrap";
  expect_flow_passes(
      {"/usr/bin/python3", (kThirdParty / "requests_oauthlib_flow.py").string(), ready_.string(),
       "python-vendor", "python-vendor-secret", "http://127.0.0.1:8765/callback"},
      "requests-oauthlib");
  // Python requests asks for "gzip, deflate": every answer of the token endpoint (the code
  // exchange, the refresh, the refused rotated-out refresh) left gzipped, and the trace still
  // holds its fields, which check-client's verdicts read.
  const auto answers = traced_token_answers();
  ASSERT_EQ(answers.size(), 3u);
  for (const auto& e : answers) {
    SCOPED_TRACE(e.dump());
    EXPECT_EQ(pair_value(e, "response_headers", "Content-Encoding"), "gzip");
    if (e["status"] == 200) {
      EXPECT_EQ(pair_value(e, "response_fields", "token_type"), "Bearer");
      EXPECT_EQ(pair_value(e, "response_fields", "expires_in"), "1800");
      EXPECT_TRUE(pair_value(e, "response_fields", "access_token").starts_with("[redacted fp:"));
      EXPECT_TRUE(pair_value(e, "response_fields", "refresh_token").starts_with("[redacted fp:"));
    } else {
      EXPECT_EQ(pair_value(e, "response_fields", "error"), "invalid_grant");
    }
    EXPECT_EQ(pair_value(e, "form", "client_id"), "python-vendor");
  }
}

// curl --compressed asks for br among others; cpp-httplib answers with brotli.
TEST_F(ThirdPartyClients, CurlCompressedTokenAnswerIsTracedDecoded) {
  ASSERT_TRUE(std::filesystem::exists("/usr/bin/curl")) << "curl is not installed";
  ChildProcess curl({"/usr/bin/curl", "-sS", "--compressed", "-o", "/dev/null", "-w",
                     "%{http_code}", "-d", "grant_type=client_credentials", "-d",
                     "client_id=acme-ats", "-d", "client_secret=acme-secret", "-d",
                     "scope=configuration_read", authz_url_ + "/identity/oauth/token"},
                    dir_.path(), "curl");
  auto status = curl.wait_for_exit(kClientDeadline);
  ASSERT_TRUE(status && status->exited_with(0)) << curl.output_for_diagnosis();
  EXPECT_EQ(curl.out(), "200");
  const auto answers = traced_token_answers();
  ASSERT_EQ(answers.size(), 1u);
  const auto& e = answers[0];
  EXPECT_EQ(pair_value(e, "response_headers", "Content-Encoding"), "br") << e.dump();
  EXPECT_EQ(pair_value(e, "response_fields", "token_type"), "Bearer") << e.dump();
  EXPECT_EQ(pair_value(e, "response_fields", "expires_in"), "1800") << e.dump();
  EXPECT_TRUE(pair_value(e, "response_fields", "access_token").starts_with("[redacted fp:"));
  EXPECT_EQ(pair_value(e, "form", "client_secret"), "[redacted]");
}

TEST_F(ThirdPartyClients, SimpleOauth2ExchangesCallsAndRefreshesWithClientSecretBasic) {
  ASSERT_TRUE(std::filesystem::exists(kThirdParty / "node" / "node_modules" / "simple-oauth2"))
      << "simple-oauth2 is not installed in tests/thirdparty/node: run scripts/bootstrap";
  // The secret has a space, a slash and a plus: RFC 6749 2.3.1 form-encodes it before base64.
  expect_flow_passes(
      {"/usr/bin/env", "node", (kThirdParty / "node" / "simple_oauth2_flow.mjs").string(),
       ready_.string(), "node-vendor", "node-vendor secret/with+symbols",
       "http://127.0.0.1:8766/callback"},
      "simple-oauth2");
}

TEST_F(ThirdPartyClients, PythonRequestsPagesFiltersAndReadsSrErrorBodiesAtTheCustomerApi) {
  ASSERT_EQ(std::system("/usr/bin/python3 -c 'import requests' 2>/dev/null"), 0);
  ChildProcess probe({"/usr/bin/python3", (kThirdParty / "customer_api_probe.py").string(),
                      ready_.string(), "acme-ats", "acme-secret"},
                     dir_.path(), "customer-api-probe");
  auto status = probe.wait_for_exit(kClientDeadline);
  ASSERT_TRUE(status) << probe.output_for_diagnosis();
  EXPECT_TRUE(status->exited_with(0)) << status->describe() << "\n" << probe.output_for_diagnosis();
  for (const char* leg :
       {"token endpoint on the Customer API host: ok", "jobs paging: ok", "offset refused: ok",
        "repeated tag filter: ok", "duplicate candidate: ok"}) {
    EXPECT_NE(probe.out().find(leg), std::string::npos) << leg << "\n" << probe.out();
  }
}

// POST /_oauthsim/reset gives a company its configured Customer API access back; a quirk queued
// on the token endpoint meets a vendor posting to the Customer API's host, and the trace names
// that host; a fault queued on the resource server at the token path fires only there.
TEST_F(ThirdPartyClients, PythonRequestsSeesResetAndTokenEndpointFaultsOnTheApiHost) {
  ASSERT_EQ(std::system("/usr/bin/python3 -c 'import requests' 2>/dev/null"), 0);
  // A client_credentials token acts for the client's own organisation, named after the client.
  ChildProcess probe(
      {"/usr/bin/python3", (kThirdParty / "reset_and_token_faults_probe.py").string(),
       ready_.string(), "acme-ats", "acme-secret", "Acme ATS"},
      dir_.path(), "reset-and-token-faults-probe");
  auto status = probe.wait_for_exit(kClientDeadline);
  ASSERT_TRUE(status) << probe.output_for_diagnosis();
  EXPECT_TRUE(status->exited_with(0)) << status->describe() << "\n" << probe.output_for_diagnosis();
  for (const char* leg : {"reset restores customer api access: ok",
                          "token fault on the api host: ok", "fault named for the api host: ok"}) {
    EXPECT_NE(probe.out().find(leg), std::string::npos) << leg << "\n" << probe.out();
  }
}

}  // namespace
}  // namespace oauthsim::process_test
