#include "oauthsim/common/content_coding.h"

#include <gtest/gtest.h>

#include "support/compress.h"
#include "support/text.h"

namespace oauthsim::common {
namespace {

using test_support::contains;

const std::string kCodedTokenJson =
    R"({"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":1800})";

TEST(ContentCoding, GzipIsUndone) {
  const auto d = decode_content("gzip", test_support::gzip(kCodedTokenJson));
  ASSERT_TRUE(d.body) << d.error;
  EXPECT_EQ(*d.body, kCodedTokenJson);
}

TEST(ContentCoding, XGzipAndAnyCaseAreGzip) {
  for (const char* name : {"x-gzip", "GZIP", " Gzip "}) {
    const auto d = decode_content(name, test_support::gzip(kCodedTokenJson));
    ASSERT_TRUE(d.body) << name << ": " << d.error;
    EXPECT_EQ(*d.body, kCodedTokenJson) << name;
  }
}

TEST(ContentCoding, DeflateIsUndoneZlibWrappedOrRaw) {
  for (const auto& body :
       {test_support::deflate_zlib(kCodedTokenJson), test_support::deflate_raw(kCodedTokenJson)}) {
    const auto d = decode_content("deflate", body);
    ASSERT_TRUE(d.body) << d.error;
    EXPECT_EQ(*d.body, kCodedTokenJson);
  }
}

TEST(ContentCoding, BrotliIsUndone) {
  const auto d = decode_content("br", test_support::brotli(kCodedTokenJson));
  ASSERT_TRUE(d.body) << d.error;
  EXPECT_EQ(*d.body, kCodedTokenJson);
}

TEST(ContentCoding, IdentityAndNoCodingLeaveTheBodyAlone) {
  for (const char* name : {"", "identity"}) {
    const auto d = decode_content(name, kCodedTokenJson);
    ASSERT_TRUE(d.body) << d.error;
    EXPECT_EQ(*d.body, kCodedTokenJson);
  }
}

TEST(ContentCoding, AListIsUndoneLastAppliedFirst) {
  // Applied gzip first, then br: the outer layer is br.
  const auto d =
      decode_content("gzip, br", test_support::brotli(test_support::gzip(kCodedTokenJson)));
  ASSERT_TRUE(d.body) << d.error;
  EXPECT_EQ(*d.body, kCodedTokenJson);
  EXPECT_FALSE(
      decode_content("br, gzip", test_support::brotli(test_support::gzip(kCodedTokenJson))).body);
}

TEST(ContentCoding, AnUnsupportedCodingIsNamed) {
  const auto d = decode_content("zstd", "whatever");
  EXPECT_FALSE(d.body);
  EXPECT_TRUE(contains(d.error, "zstd")) << d.error;
}

TEST(ContentCoding, ATruncatedOrCorruptBodyIsAnErrorNotAGuess) {
  const std::string gz = test_support::gzip(kCodedTokenJson);
  const auto truncated = decode_content("gzip", gz.substr(0, gz.size() / 2));
  EXPECT_FALSE(truncated.body);
  EXPECT_TRUE(contains(truncated.error, "gzip")) << truncated.error;
  EXPECT_FALSE(decode_content("gzip", kCodedTokenJson).body);  // said gzip, sent plain
  const std::string br = test_support::brotli(kCodedTokenJson);
  EXPECT_FALSE(decode_content("br", br.substr(0, br.size() - 3)).body);
  EXPECT_FALSE(decode_content("deflate", "not deflate at all").body);
}

TEST(ContentCoding, ABodyDecodingPastTheLimitIsRefused) {
  const std::string big(64 * 1024, 'a');  // compresses to a few hundred bytes
  for (const auto& [name, body] :
       {std::pair<std::string, std::string>{"gzip", test_support::gzip(big)},
        {"br", test_support::brotli(big)},
        {"deflate", test_support::deflate_zlib(big)}}) {
    const auto d = decode_content(name, body, 1024);
    EXPECT_FALSE(d.body) << name;
    EXPECT_TRUE(contains(d.error, "more than 1024")) << name << ": " << d.error;
    EXPECT_TRUE(decode_content(name, body, big.size()).body) << name;
  }
}

}  // namespace
}  // namespace oauthsim::common
