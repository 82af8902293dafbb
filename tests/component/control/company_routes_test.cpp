// PUT/GET /_oauthsim/companies/{name}/customer-api: SR's "No access to feature: Customer API".
#include <gtest/gtest.h>

#include "control_fixture.h"

namespace oauthsim::control::testing {
namespace {

using nlohmann::json;

TEST_F(ControlApiTest, CompanyWithoutCustomerApiGetsSrs403UntilTurnedBackOn) {
  const auto tokens = alice_tokens();  // Alice works for Acme
  const std::string token = tokens.at("access_token");
  ASSERT_EQ(api_get("/users/me", token)->status, 200);
  EXPECT_EQ(json_of(call("GET", "/_oauthsim/companies/Acme/customer-api"))["enabled"], true);

  auto off = call("PUT", "/_oauthsim/companies/Acme/customer-api", R"({"enabled": false})");
  ASSERT_EQ(off->status, 200) << off->body;
  auto refused = api_get("/users/me", token);
  ASSERT_EQ(refused->status, 403);
  EXPECT_EQ(json::parse(refused->body), json({{"message", "No access to feature: Customer API"}}));
  EXPECT_FALSE(refused->has_header("WWW-Authenticate")) << "not an OAuth refusal";
  EXPECT_TRUE(refused->has_header("X-RateLimit-Limit"));
  EXPECT_EQ(api_get("/jobs", token)->status, 403) << "every route";
  EXPECT_TRUE(server->verifier().verify(token).active) << "the token itself stays good";

  ASSERT_EQ(call("PUT", "/_oauthsim/companies/Acme/customer-api", R"({"enabled": true})")->status,
            200);
  EXPECT_EQ(api_get("/users/me", token)->status, 200);
}

TEST_F(ControlApiTest, ResetGivesTheCompanyItsConfiguredCustomerApiAccessBack) {
  ASSERT_EQ(call("PUT", "/_oauthsim/companies/Acme/customer-api", R"({"enabled": false})")->status,
            200);
  ASSERT_EQ(call("POST", "/_oauthsim/reset")->status, 200);
  EXPECT_EQ(json_of(call("GET", "/_oauthsim/companies/Acme/customer-api"))["enabled"], true);
  const std::string token = alice_tokens().at("access_token");
  EXPECT_EQ(api_get("/users/me", token)->status, 200);
}

// The credential (client and user) outlives the reset, its rate window must not.
TEST_F(ControlApiTest, ResetEmptiesTheCustomerApisRateWindows) {
  std::string token = alice_tokens().at("access_token");
  int status = 200;
  for (int i = 0; i < 20 && status == 200; ++i) status = api_get("/users/me", token)->status;
  ASSERT_EQ(status, 429) << "the virtual clock stands still: the window fills";
  ASSERT_EQ(call("POST", "/_oauthsim/reset")->status, 200);
  token = alice_tokens().at("access_token");
  EXPECT_EQ(api_get("/users/me", token)->status, 200);
}

TEST_F(ControlApiTest, CustomerApiSwitchNeedsABooleanEnabled) {
  for (const char* body : {"{}", R"({"enabled": "no"})", R"({"enabled": false, "x": 1})"}) {
    auto res = call("PUT", "/_oauthsim/companies/Acme/customer-api", body);
    EXPECT_EQ(res->status, 400) << body;
  }
  EXPECT_EQ(json_of(call("GET", "/_oauthsim/companies/Acme/customer-api"))["enabled"], true);
}

}  // namespace
}  // namespace oauthsim::control::testing
