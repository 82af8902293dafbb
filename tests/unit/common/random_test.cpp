#include "oauthsim/common/random.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <thread>
#include <vector>

#include "oauthsim/common/encoding.h"

namespace oauthsim::common {
namespace {

TEST(SeededRandom, SameSeedGivesSameSequence) {
  SeededRandom a(7), b(7);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(a.token(), b.token());
}

TEST(SeededRandom, DifferentSeedsGiveDifferentTokens) {
  SeededRandom a(7), b(8);
  EXPECT_NE(a.token(), b.token());
}

TEST(SeededRandom, SuccessiveTokensDiffer) {
  SeededRandom r(1);
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(r.token());
  EXPECT_EQ(seen.size(), 100u);
}

TEST(SeededRandom, FillAcrossBlockBoundariesIsStillDeterministic) {
  SeededRandom a(3), b(3);
  unsigned char x[100], y[100];
  a.fill(x, sizeof x);
  b.fill(y, sizeof y);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(x), 100),
            std::string(reinterpret_cast<char*>(y), 100));
  // Not all zero, not a repeated block.
  EXPECT_NE(std::string(reinterpret_cast<char*>(x), 32),
            std::string(reinterpret_cast<char*>(x) + 32, 32));
}

TEST(SeededRandom, ConcurrentUseGivesDistinctTokens) {
  SeededRandom r(5);
  std::vector<std::vector<std::string>> per_thread(4);
  std::vector<std::thread> threads;
  for (auto& out : per_thread) {
    threads.emplace_back([&r, &out] {
      for (int i = 0; i < 200; ++i) out.push_back(r.token(16));
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> all;
  for (const auto& v : per_thread) all.insert(v.begin(), v.end());
  EXPECT_EQ(all.size(), 800u);
}

TEST(RandomToken, ThirtyTwoBytesGiveFortyThreeBase64UrlCharacters) {
  SeededRandom r(1);
  const std::string t = r.token(32);
  EXPECT_EQ(t.size(), 43u);
  EXPECT_TRUE(std::regex_match(t, std::regex("[A-Za-z0-9_-]{43}"))) << t;
  auto bytes = base64url_decode(t);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(bytes->size(), 32u);
}

TEST(RandomToken, DefaultIsThirtyTwoBytes) {
  SeededRandom r(1);
  EXPECT_EQ(r.token().size(), 43u);
}

TEST(RandomToken, SixteenBytesGiveTwentyTwoCharacters) {
  SeededRandom r(1);
  EXPECT_EQ(r.token(16).size(), 22u);
  EXPECT_EQ(r.token(0), "");
}

TEST(OpenSslRandom, ProducesDistinctTokens) {
  OpenSslRandom r;
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) seen.insert(r.token());
  EXPECT_EQ(seen.size(), 50u);
}

TEST(OpenSslRandom, TokenHasFullLength) {
  OpenSslRandom r;
  EXPECT_EQ(r.token(32).size(), 43u);
}

TEST(OpenSslRandom, TwoInstancesDoNotRepeatEachOther) {
  OpenSslRandom a, b;
  EXPECT_NE(a.token(), b.token());
}

}  // namespace
}  // namespace oauthsim::common
