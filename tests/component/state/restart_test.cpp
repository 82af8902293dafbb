// The authorization server over HTTP with a state file: what a client holds before a restart
// behaves after it exactly as it would have without one.
#include <gtest/gtest.h>

#include "component/state/persistent_server_fixture.h"

namespace oauthsim::state::testing {
namespace {

TEST_F(PersistentServerTest, TokensIssuedBeforeARestartWorkAfterIt) {
  const auto tokens = alice_tokens();
  restart();
  EXPECT_TRUE(active(tokens.at("access_token")));
  auto rotated = refresh(tokens.at("refresh_token"));
  ASSERT_EQ(rotated->status, 200) << rotated->body;
  const std::string next = json_of(rotated).at("refresh_token");
  EXPECT_TRUE(active(json_of(rotated).at("access_token")));

  restart();
  EXPECT_EQ(refresh(next)->status, 200) << "the rotated refresh token was lost in the restart";
}

TEST_F(PersistentServerTest, ARotatedOutRefreshTokenIsStillReuseAfterARestart) {
  const auto tokens = alice_tokens();
  auto rotated = refresh(tokens.at("refresh_token"));
  ASSERT_EQ(rotated->status, 200) << rotated->body;
  restart();
  auto reused = refresh(tokens.at("refresh_token"));
  EXPECT_EQ(reused->status, 400);
  EXPECT_EQ(json_of(reused).value("error", ""), "invalid_grant");
  // Reuse revokes the grant: the successor dies with it.
  EXPECT_EQ(refresh(json_of(rotated).at("refresh_token"))->status, 400);
  EXPECT_FALSE(active(json_of(rotated).at("access_token")));
}

TEST_F(PersistentServerTest, ACodeRedeemedBeforeARestartIsAReplayAfterIt) {
  const std::string code = obtain_code();
  auto first = exchange(code);
  ASSERT_EQ(first->status, 200) << first->body;
  restart();
  auto replay = exchange(code);
  EXPECT_EQ(replay->status, 400) << replay->body;
  EXPECT_EQ(json_of(replay).value("error", ""), "invalid_grant");
  EXPECT_FALSE(active(json_of(first).at("access_token")))
      << "a replayed code must revoke what its first redemption issued";
}

TEST_F(PersistentServerTest, ACodeIssuedBeforeARestartCanBeRedeemedAfterIt) {
  const std::string code = obtain_code();
  restart();
  auto res = exchange(code);
  EXPECT_EQ(res->status, 200) << res->body;
}

TEST_F(PersistentServerTest, TheClockAdvancedThroughTheControlApiResumesAfterARestart) {
  const std::int64_t before = clock.now_ms();
  auto res = control_post("/_oauthsim/clock/advance", {{"seconds", 600}});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(file->clock_ms(), before + 600'000);
  restart();
  EXPECT_EQ(clock.now_ms(), before + 600'000);
}

TEST_F(PersistentServerTest, TokensExpireAfterARestartOnTheResumedClock) {
  const auto tokens = alice_tokens();
  const int lifetime = tokens.at("expires_in");
  ASSERT_EQ(control_post("/_oauthsim/clock/advance", {{"seconds", lifetime - 1}})->status, 200);
  restart();
  EXPECT_TRUE(active(tokens.at("access_token")));
  ASSERT_EQ(control_post("/_oauthsim/clock/advance", {{"seconds", 1}})->status, 200);
  EXPECT_FALSE(active(tokens.at("access_token")));
}

TEST_F(PersistentServerTest, ResetEmptiesTheFileButKeepsTheClock) {
  const auto tokens = alice_tokens();
  ASSERT_EQ(control_post("/_oauthsim/clock/advance", {{"seconds", 60}})->status, 200);
  const std::int64_t advanced = clock.now_ms();
  ASSERT_EQ(control_post("/_oauthsim/reset")->status, 200);
  const StateSummary s = file->summary(clock.now_ms());
  EXPECT_EQ(s.grants, 0);
  EXPECT_EQ(s.access_tokens, 0);
  EXPECT_EQ(s.refresh_tokens, 0);
  restart();
  EXPECT_FALSE(active(tokens.at("access_token")));
  EXPECT_EQ(refresh(tokens.at("refresh_token"))->status, 400);
  EXPECT_EQ(clock.now_ms(), advanced);
}

TEST_F(PersistentServerTest, UserGrantsRevokedThroughTheControlApiStayRevokedAfterARestart) {
  const auto tokens = alice_tokens();
  auto revoked = control_post("/_oauthsim/users/alice@example.com/revoke-grants");
  ASSERT_EQ(revoked->status, 200) << revoked->body;
  restart();
  EXPECT_FALSE(active(tokens.at("access_token")));
  EXPECT_EQ(refresh(tokens.at("refresh_token"))->status, 400);
  EXPECT_EQ(file->summary(clock.now_ms()).grants, 0);
}

}  // namespace
}  // namespace oauthsim::state::testing
