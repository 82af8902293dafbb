#include "oauthsim/authz/pkce.h"

#include <gtest/gtest.h>

namespace oauthsim::authz {
namespace {

// Challenge computed independently (Python hashlib + urlsafe_b64encode, padding stripped).
constexpr const char* kVerifier = "dBjftJeZ4CVP-mJ92K1BfoT1Q4GLyyXlQu2qIOGn3KlV";
constexpr const char* kChallenge = "5hobut1uGiZstnzklSV5joRTwYUtuzoL6MMqZ-syvxk";

TEST(Pkce, S256ChallengeIsBase64urlOfSha256) {
  EXPECT_EQ(s256_challenge(kVerifier), kChallenge);
}

TEST(Pkce, S256VerifierMatchingChallengeIsAccepted) {
  EXPECT_TRUE(verify_pkce(kVerifier, kChallenge, "S256"));
}

TEST(Pkce, S256WrongVerifierIsRejected) {
  std::string other = kVerifier;
  other[0] = 'e';
  EXPECT_FALSE(verify_pkce(other, kChallenge, "S256"));
}

TEST(Pkce, PlainComparesVerbatim) {
  EXPECT_TRUE(verify_pkce(kVerifier, kVerifier, "plain"));
  EXPECT_FALSE(verify_pkce(kVerifier, kChallenge, "plain"));
}

TEST(Pkce, S256ChallengeSentAsPlainVerifierIsRejected) {
  // A client that sends the challenge itself as verifier must not pass an S256 check.
  EXPECT_FALSE(verify_pkce(kChallenge, kChallenge, "S256"));
}

TEST(Pkce, UnknownMethodNeverVerifies) {
  EXPECT_FALSE(verify_pkce(kVerifier, kVerifier, "S512"));
  EXPECT_FALSE(is_supported_pkce_method("s256"));
  EXPECT_TRUE(is_supported_pkce_method("S256"));
  EXPECT_TRUE(is_supported_pkce_method("plain"));
}

TEST(Pkce, VerifierSyntaxIsEnforced) {
  EXPECT_FALSE(is_valid_pkce_value(std::string(42, 'a')));
  EXPECT_TRUE(is_valid_pkce_value(std::string(43, 'a')));
  EXPECT_TRUE(is_valid_pkce_value(std::string(128, '~')));
  EXPECT_FALSE(is_valid_pkce_value(std::string(129, 'a')));
  EXPECT_FALSE(is_valid_pkce_value(std::string(42, 'a') + "+"));
  EXPECT_FALSE(verify_pkce("short", "short", "plain"));
}

}  // namespace
}  // namespace oauthsim::authz
