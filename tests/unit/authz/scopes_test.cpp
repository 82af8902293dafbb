#include "oauthsim/authz/scopes.h"

#include <gmock/gmock.h>

namespace oauthsim::authz {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const std::vector<std::string> kAllowed = {"user_me_read", "jobs_read", "candidates_read"};
const std::vector<std::string> kDefaults = {"user_me_read"};

TEST(SplitScopes, SplitsOnSpacesAndSkipsEmptyPieces) {
  EXPECT_THAT(split_scopes("  jobs_read  user_me_read "), ElementsAre("jobs_read", "user_me_read"));
  EXPECT_THAT(split_scopes(""), IsEmpty());
}

TEST(JoinScopes, JoinsWithSingleSpaces) {
  EXPECT_EQ(join_scopes({"a", "b", "c"}), "a b c");
  EXPECT_EQ(join_scopes({}), "");
}

TEST(ResolveScopes, AbsentScopeGivesClientDefaults) {
  const auto r = resolve_scopes(std::nullopt, kAllowed, kDefaults);
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(r.scopes, ElementsAre("user_me_read"));
}

TEST(ResolveScopes, PresentButEmptyScopeIsInvalid) {
  EXPECT_FALSE(resolve_scopes(std::string(""), kAllowed, kDefaults).ok());
  EXPECT_FALSE(resolve_scopes(std::string("   "), kAllowed, kDefaults).ok());
}

TEST(ResolveScopes, ScopeOutsideRegistrationIsInvalidAndNamed) {
  const auto r = resolve_scopes(std::string("jobs_read users_manage"), kAllowed, kDefaults);
  EXPECT_FALSE(r.ok());
  EXPECT_THAT(r.error, ::testing::HasSubstr("users_manage"));
  EXPECT_THAT(r.scopes, IsEmpty());
}

TEST(ResolveScopes, DuplicatesAreDroppedInRequestOrder) {
  const auto r =
      resolve_scopes(std::string("jobs_read user_me_read jobs_read"), kAllowed, kDefaults);
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(r.scopes, ElementsAre("jobs_read", "user_me_read"));
}

TEST(ResolveScopes, NoScopeAndNoDefaultsIsInvalid) {
  EXPECT_FALSE(resolve_scopes(std::nullopt, kAllowed, {}).ok());
}

TEST(ResolveScopes, ScopeNamesAreCaseSensitive) {
  EXPECT_FALSE(resolve_scopes(std::string("JOBS_READ"), kAllowed, kDefaults).ok());
}

}  // namespace
}  // namespace oauthsim::authz
