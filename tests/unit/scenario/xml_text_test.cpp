// xml_text / xml_attribute: what the JUnit report puts between and inside its tags.
#include "oauthsim/scenario/reports/xml_text.h"

#include <gtest/gtest.h>

namespace oauthsim::scenario {
namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";

TEST(XmlText, EscapesMarkupButLeavesQuotesAndNewlinesReadable) {
  EXPECT_EQ(xml_text("a<b>&\"c'\n\td"), "a&lt;b&gt;&amp;\"c'\n\td");
}

TEST(XmlText, KeepsCarriageReturnAsAReference) {
  EXPECT_EQ(xml_text("a\r\nb"), "a&#13;\nb");
}

TEST(XmlAttribute, EscapesQuotesAndWhitespaceThatNormalisationWouldLose) {
  EXPECT_EQ(xml_attribute("a<b>&\"c'\n\t\r"), "a&lt;b&gt;&amp;&quot;c&apos;&#10;&#9;&#13;");
}

TEST(XmlText, ReplacesControlCharactersXml10Forbids) {
  EXPECT_EQ(xml_text(std::string("a\x01") + '\0' + "\x1f\x0b" + "b"),
            std::string("a") + kReplacement + kReplacement + kReplacement + kReplacement + "b");
}

TEST(XmlText, KeepsWellFormedMultibyteUtf8) {
  EXPECT_EQ(xml_text("Zo\xC3\xAB \xE2\x82\xAC \xF0\x9F\x94\x91"),
            "Zo\xC3\xAB \xE2\x82\xAC \xF0\x9F\x94\x91");
}

TEST(XmlText, ReplacesMalformedUtf8ByteByByte) {
  // a stray continuation byte, a truncated sequence, an overlong '/', a UTF-8 surrogate
  EXPECT_EQ(xml_text("\x80"), kReplacement);
  EXPECT_EQ(xml_text("x\xE2\x82"), std::string("x") + kReplacement + kReplacement);
  EXPECT_EQ(xml_text("\xC0\xAF"), std::string(kReplacement) + kReplacement);
  EXPECT_EQ(xml_text("\xED\xA0\x80"), std::string(kReplacement) + kReplacement + kReplacement);
}

TEST(XmlText, ReplacesNonCharactersFffeAndFfff) {
  EXPECT_EQ(xml_text("\xEF\xBF\xBE\xEF\xBF\xBF"), std::string(kReplacement) + kReplacement);
}

}  // namespace
}  // namespace oauthsim::scenario
