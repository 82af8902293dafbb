#include "oauthsim/authz/csrf_tokens.h"

#include <gtest/gtest.h>

namespace oauthsim::authz {
namespace {

class CsrfTokensTest : public ::testing::Test {
 protected:
  common::SeededRandom random{7};
  CsrfTokens csrf{random};
};

TEST_F(CsrfTokensTest, TokenWorksForItsSessionAndRequest) {
  const auto t = csrf.issue("sess-a", "req-1", 1000);
  EXPECT_EQ(t.size(), 43u);
  EXPECT_TRUE(csrf.consume(t, "sess-a", "req-1", 10));
}

TEST_F(CsrfTokensTest, TokenWorksOnlyOnce) {
  const auto t = csrf.issue("sess-a", "req-1", 1000);
  ASSERT_TRUE(csrf.consume(t, "sess-a", "req-1", 10));
  EXPECT_FALSE(csrf.consume(t, "sess-a", "req-1", 11));
}

TEST_F(CsrfTokensTest, TokenFromAnotherSessionIsRefused) {
  const auto t = csrf.issue("sess-a", "req-1", 1000);
  EXPECT_FALSE(csrf.consume(t, "sess-b", "req-1", 10));
  // ...and the refused attempt did not spend it for its rightful owner.
  EXPECT_TRUE(csrf.consume(t, "sess-a", "req-1", 10));
}

TEST_F(CsrfTokensTest, TokenForAnotherRequestIsRefused) {
  const auto t = csrf.issue("sess-a", "req-1", 1000);
  EXPECT_FALSE(csrf.consume(t, "sess-a", "req-2", 10));
}

TEST_F(CsrfTokensTest, ExpiredTokenIsRefused) {
  const auto t = csrf.issue("sess-a", "req-1", 1000);
  EXPECT_FALSE(csrf.consume(t, "sess-a", "req-1", 1000));
}

TEST_F(CsrfTokensTest, EmptyOrUnknownTokenIsRefused) {
  csrf.issue("", "req-1", 1000);
  EXPECT_FALSE(csrf.consume("", "", "req-1", 10));
  EXPECT_FALSE(csrf.consume("made-up", "", "req-1", 10));
}

TEST_F(CsrfTokensTest, EachIssueGivesAFreshToken) {
  EXPECT_NE(csrf.issue("", "req-1", 1000), csrf.issue("", "req-1", 1000));
}

}  // namespace
}  // namespace oauthsim::authz
