#include "oauthsim/common/token_info.h"

#include <gtest/gtest.h>

namespace oauthsim::common {
namespace {

TokenInfo with_scope(std::string scope) {
  TokenInfo t;
  t.active = true;
  t.scope = std::move(scope);
  return t;
}

TEST(TokenInfo, DefaultsToInactiveBearer) {
  TokenInfo t;
  EXPECT_FALSE(t.active);
  EXPECT_EQ(t.token_type, "Bearer");
}

TEST(TokenInfo, ScopesSplitsOnSpacesInOrder) {
  EXPECT_EQ(with_scope("user_me_read jobs_read").scopes(),
            (std::vector<std::string>{"user_me_read", "jobs_read"}));
}

TEST(TokenInfo, ScopesIgnoresRepeatedLeadingAndTrailingSpaces) {
  EXPECT_EQ(with_scope("  a   b ").scopes(), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(with_scope("").scopes().empty());
  EXPECT_TRUE(with_scope("   ").scopes().empty());
}

TEST(TokenInfo, HasScopeMatchesWholeNamesOnly) {
  TokenInfo t = with_scope("jobs_read candidates_read");
  EXPECT_TRUE(t.has_scope("jobs_read"));
  EXPECT_TRUE(t.has_scope("candidates_read"));
  EXPECT_FALSE(t.has_scope("jobs"));
  EXPECT_FALSE(t.has_scope("jobs_read_all"));
  EXPECT_FALSE(t.has_scope("read"));
  EXPECT_FALSE(t.has_scope("Jobs_read"));
}

TEST(TokenInfo, EmptyScopeNameIsNeverGranted) {
  EXPECT_FALSE(with_scope("a  b").has_scope(""));
  EXPECT_FALSE(with_scope(" a").has_scope(""));
  EXPECT_FALSE(with_scope("").has_scope(""));
}

TEST(TokenInfo, HasScopeWithExtraSpaces) {
  EXPECT_TRUE(with_scope("  a   b ").has_scope("b"));
}

}  // namespace
}  // namespace oauthsim::common
