#include "oauthsim/rs/paging.h"

#include <gtest/gtest.h>

namespace oauthsim::rs {
namespace {

std::string bad_parameter_of_limit(const std::string& raw) {
  try {
    parse_limit(raw);
  } catch (const BadParameter& e) {
    return e.parameter();
  }
  return "";
}

TEST(PagingTest, LimitDefaultsToTen) {
  EXPECT_EQ(parse_limit(std::nullopt), 10);
}

TEST(PagingTest, LimitAcceptsOneToHundred) {
  EXPECT_EQ(parse_limit("1"), 1);
  EXPECT_EQ(parse_limit("100"), 100);
}

TEST(PagingTest, LimitOutOfRangeOrNotANumberNamesLimit) {
  for (const char* raw : {"0", "101", "-1", "abc", "", "10 ", "1e2", "99999999999999999999"}) {
    EXPECT_EQ(bad_parameter_of_limit(raw), "limit") << raw;
  }
}

TEST(PagingTest, PageIdRoundTrips) {
  auto id = encode_page_id("5f0c-uuid");
  EXPECT_EQ(decode_page_id(id), "5f0c-uuid");
  EXPECT_EQ(id.find("5f0c"), std::string::npos) << "page ids should be opaque";
}

TEST(PagingTest, TamperedOrForeignPageIdIsRejected) {
  auto id = encode_page_id("abc");
  EXPECT_FALSE(decode_page_id("abc"));
  EXPECT_FALSE(decode_page_id(""));
  EXPECT_FALSE(decode_page_id("!!!"));
  std::string flipped = id;
  flipped[0] = flipped[0] == 'A' ? 'B' : 'A';  // breaks the prefix
  EXPECT_FALSE(decode_page_id(flipped));
  EXPECT_FALSE(decode_page_id(encode_page_id("")));
}

}  // namespace
}  // namespace oauthsim::rs
