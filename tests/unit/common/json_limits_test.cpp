#include "oauthsim/common/json_limits.h"

#include <gtest/gtest.h>

#include <string>

#include "oauthsim/common/trace.h"
#include "support/text.h"

namespace oauthsim::common {
namespace {

using test_support::contains;

std::string nested(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

TEST(JsonLimits, NestingUpToTheLimitParses) {
  std::string error;
  EXPECT_TRUE(parse_bounded_json(nested(kMaxJsonDepth), &error).is_array()) << error;
}

TEST(JsonLimits, NestingPastTheLimitIsRefusedNamingTheLimit) {
  std::string error;
  EXPECT_TRUE(parse_bounded_json(nested(kMaxJsonDepth + 1), &error).is_discarded());
  EXPECT_EQ(error, "JSON nested deeper than 64 levels");
  EXPECT_TRUE(parse_bounded_json("{\"a\":" + nested(50'000) + "}", &error).is_discarded());
}

TEST(JsonLimits, BracketsInsideStringsDoNotCount) {
  const std::string text = "{\"a\":\"" + std::string(1000, '[') + "\\\"" + "\"}";
  std::string error;
  EXPECT_TRUE(parse_bounded_json(text, &error).is_object()) << error;
}

TEST(JsonLimits, OversizedTextIsRefused) {
  std::string error;
  EXPECT_TRUE(
      parse_bounded_json("\"" + std::string(kMaxJsonBytes, 'a') + "\"", &error).is_discarded());
  EXPECT_TRUE(contains(error, "larger than")) << error;
}

TEST(JsonLimits, MalformedJsonSaysSo) {
  std::string error;
  EXPECT_TRUE(parse_bounded_json("{", &error).is_discarded());
  EXPECT_EQ(error, "malformed JSON");
}

TEST(JsonLimits, DumpReplacesInvalidUtf8InsteadOfThrowing) {
  const nlohmann::json j{{"path", std::string("/\xFF")}};
  EXPECT_EQ(dump_json(j), "{\"path\":\"/\xEF\xBF\xBD\"}");
}

// The crash of issue 12: the trace redacts a JSON request body before anyone authenticates.
TEST(JsonLimits, TraceRedactionOfADeeplyNestedBodyDoesNotRecurse) {
  const auto fields = redacted_body_fields("application/json", "{\"a\":" + nested(50'000) + "}");
  ASSERT_EQ(fields.items().size(), 1u);
  EXPECT_EQ(fields.items()[0].first, "_body");
  EXPECT_EQ(fields.items()[0].second, "[JSON nested deeper than 64 levels]");
}

TEST(JsonLimits, TraceEntryWithInvalidUtf8StillDumps) {
  TraceEntry e;
  e.path = "/\xFF";
  e.form.add("grant_type", "\xFF");
  EXPECT_NO_THROW((void)dump_json(e.to_json()));
}

}  // namespace
}  // namespace oauthsim::common
