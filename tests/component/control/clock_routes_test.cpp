// GET /_oauthsim/clock and POST /_oauthsim/clock/advance over HTTP.
#include <gtest/gtest.h>

#include "control_fixture.h"
#include "oauthsim/control/clock_json.h"

namespace oauthsim::control::testing {
namespace {

using nlohmann::json;

TEST(Rfc3339, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(rfc3339_utc(common::VirtualClock::kDefaultStartMs), "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(rfc3339_utc(common::VirtualClock::kDefaultStartMs + 90'061'005),
            "2026-01-02T01:01:01.005Z");
  EXPECT_EQ(rfc3339_utc(-1), "1969-12-31T23:59:59.999Z");
}

TEST_F(ControlApiTest, ClockReadsTheSharedVirtualClock) {
  auto res = call("GET", "/_oauthsim/clock");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  const auto body = json_of(res);
  EXPECT_EQ(body.at("now_ms"), clock.now_ms());
  EXPECT_EQ(body.at("now"), "2026-01-01T00:00:00.000Z");
}

TEST_F(ControlApiTest, AdvanceMovesTheSharedClockAndAnswersTheNewTime) {
  const auto before = clock.now_ms();
  auto res = post_json("/_oauthsim/clock/advance", {{"seconds", 90}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(clock.now_ms(), before + 90'000);
  EXPECT_EQ(json_of(res).at("now_ms"), before + 90'000);
  EXPECT_EQ(json_of(res).at("now"), "2026-01-01T00:01:30.000Z");
}

TEST_F(ControlApiTest, AdvanceRefusesBadInputNamingTheField) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({})", "/seconds"},
      {R"({"seconds": 0})", "/seconds"},
      {R"({"seconds": -5})", "/seconds"},
      {R"({"seconds": 1.5})", "/seconds"},
      {R"({"seconds": "60"})", "/seconds"},
      {R"({"seconds": 99999999999999999999})", "/seconds"},
      {R"({"seconds": 60, "minutes": 1})", "/minutes"},
      {R"({"seconds": )", "malformed JSON"},
      {R"([60])", "expected a JSON object"},
  };
  const auto before = clock.now_ms();
  for (const auto& [body, named] : cases) {
    auto res = call("POST", "/_oauthsim/clock/advance", body);
    ASSERT_TRUE(res) << body;
    EXPECT_EQ(res->status, 400) << body;
    EXPECT_EQ(json_of(res).value("error", ""), "invalid_request") << body;
    EXPECT_NE(description_of(res).find(named), std::string::npos)
        << body << " -> " << description_of(res);
  }
  EXPECT_EQ(clock.now_ms(), before) << "a refused advance moved the clock";
}

TEST_F(ControlApiTest, AdvancingPastTheLifetimeExpiresAnIssuedAccessTokenExactlyThen) {
  const auto tokens = alice_tokens();
  const std::string access = tokens.at("access_token");
  const int lifetime = tokens.at("expires_in");
  ASSERT_EQ(api_get("/users/me", access)->status, 200);

  ASSERT_EQ(post_json("/_oauthsim/clock/advance", {{"seconds", lifetime - 1}})->status, 200);
  EXPECT_EQ(api_get("/users/me", access)->status, 200) << "expired a second early";
  EXPECT_EQ(json_of(introspect(access)).at("active"), true);

  ASSERT_EQ(post_json("/_oauthsim/clock/advance", {{"seconds", 1}})->status, 200);
  auto refused = api_get("/users/me", access);
  EXPECT_EQ(refused->status, 401);
  EXPECT_NE(refused->get_header_value("WWW-Authenticate").find("invalid_token"), std::string::npos);
  EXPECT_EQ(json_of(introspect(access)).at("active"), false);
  // The refresh token outlives the access token: the client can recover.
  EXPECT_EQ(refresh(tokens.at("refresh_token"))->status, 200);
}

}  // namespace
}  // namespace oauthsim::control::testing
