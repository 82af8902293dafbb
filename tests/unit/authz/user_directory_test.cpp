#include "oauthsim/authz/user_directory.h"

#include <gtest/gtest.h>

#include "unit/authz/test_config.h"

namespace oauthsim::authz {
namespace {

TEST(UserDirectory, RightPasswordAuthenticates) {
  UserDirectory users(testing::test_config().users);
  EXPECT_TRUE(users.authenticate("alice@example.com", "wonderland"));
}

TEST(UserDirectory, WrongPasswordOrUnknownUserIsRefused) {
  UserDirectory users(testing::test_config().users);
  EXPECT_FALSE(users.authenticate("alice@example.com", "wonderlanD"));
  EXPECT_FALSE(users.authenticate("alice@example.com", ""));
  EXPECT_FALSE(users.authenticate("mallory@example.com", "wonderland"));
}

TEST(UserDirectory, RemovedUserCannotLogIn) {
  UserDirectory users(testing::test_config().users);
  EXPECT_TRUE(users.remove("alice@example.com"));
  EXPECT_FALSE(users.remove("alice@example.com"));
  EXPECT_FALSE(users.exists("alice@example.com"));
  EXPECT_FALSE(users.authenticate("alice@example.com", "wonderland"));
  EXPECT_TRUE(users.exists("bob@example.com"));
}

}  // namespace
}  // namespace oauthsim::authz
