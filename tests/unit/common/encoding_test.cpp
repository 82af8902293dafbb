#include "oauthsim/common/encoding.h"

#include <gtest/gtest.h>

#include <string>

namespace oauthsim::common {
namespace {

using namespace std::string_literals;

TEST(UrlEncode, KeepsUnreservedCharactersVerbatim) {
  EXPECT_EQ(url_encode("AZaz09-._~"), "AZaz09-._~");
}

TEST(UrlEncode, EscapesReservedCharactersWithUpperCaseHex) {
  EXPECT_EQ(url_encode(" +&=?/#%:"), "%20%2B%26%3D%3F%2F%23%25%3A");
}

TEST(UrlEncode, EscapesNulAndHighBytes) {
  EXPECT_EQ(url_encode("\0\xff\x80"s), "%00%FF%80");
}

TEST(UrlDecode, RoundTripsEveryByteValue) {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  const auto decoded = url_decode(url_encode(all));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, all);
}

TEST(UrlDecode, TreatsPlusAsSpaceByDefault) {
  EXPECT_EQ(url_decode("a+b"), "a b");
}

TEST(UrlDecode, KeepsPlusWhenAskedNotToDecodeIt) {
  EXPECT_EQ(url_decode("a+b", /*plus_as_space=*/false), "a+b");
}

TEST(UrlDecode, DecodesEscapedPlusAsPlusNotSpace) {
  EXPECT_EQ(url_decode("a%2Bb"), "a+b");
}

TEST(UrlDecode, AcceptsLowerAndUpperCaseHex) {
  EXPECT_EQ(url_decode("%2f%2F"), "//");
}

TEST(UrlDecode, DecodesEscapeAtTheVeryEnd) {
  EXPECT_EQ(url_decode("ab%41"), "abA");
}

TEST(UrlDecode, DecodesEscapedNul) {
  EXPECT_EQ(url_decode("a%00b"), "a\0b"s);
}

TEST(UrlDecode, EmptyInputDecodesToEmpty) {
  EXPECT_EQ(url_decode(""), "");
}

TEST(UrlDecode, RejectsMalformedEscapes) {
  for (const char* bad : {"%", "%4", "%zz", "%4g", "%g4", "abc%", "abc%4", "%%41", "% 41"}) {
    EXPECT_EQ(url_decode(bad), std::nullopt) << bad;
  }
}

struct B64Vector {
  const char* plain;
  const char* padded;
  const char* url;
};

// RFC 4648 section 10.
constexpr B64Vector kRfc4648[] = {
    {"", "", ""},
    {"f", "Zg==", "Zg"},
    {"fo", "Zm8=", "Zm8"},
    {"foo", "Zm9v", "Zm9v"},
    {"foob", "Zm9vYg==", "Zm9vYg"},
    {"fooba", "Zm9vYmE=", "Zm9vYmE"},
    {"foobar", "Zm9vYmFy", "Zm9vYmFy"},
};

TEST(Base64, EncodesRfc4648TestVectors) {
  for (const auto& v : kRfc4648) EXPECT_EQ(base64_encode(v.plain), v.padded) << v.plain;
}

TEST(Base64, DecodesRfc4648TestVectors) {
  for (const auto& v : kRfc4648) EXPECT_EQ(base64_decode(v.padded), v.plain) << v.padded;
}

TEST(Base64Url, EncodesRfc4648TestVectorsWithoutPadding) {
  for (const auto& v : kRfc4648) EXPECT_EQ(base64url_encode(v.plain), v.url) << v.plain;
}

TEST(Base64Url, DecodesRfc4648TestVectors) {
  for (const auto& v : kRfc4648) EXPECT_EQ(base64url_decode(v.url), v.plain) << v.url;
}

TEST(Base64, UsesPlusAndSlashWhereBase64UrlUsesDashAndUnderscore) {
  const std::string bytes = "\xfb\xff\xbf"s;
  EXPECT_EQ(base64_encode(bytes), "+/+/");
  EXPECT_EQ(base64url_encode(bytes), "-_-_");
  EXPECT_EQ(base64_decode("+/+/"), bytes);
  EXPECT_EQ(base64url_decode("-_-_"), bytes);
}

TEST(Base64, RoundTripsEveryByteValue) {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  for (std::size_t len = 0; len <= 5; ++len) {
    const std::string s = all.substr(0, 250 + len);
    EXPECT_EQ(base64_decode(base64_encode(s)), s);
    EXPECT_EQ(base64url_decode(base64url_encode(s)), s);
  }
}

TEST(Base64, RejectsCharactersOutsideTheAlphabet) {
  for (const char* bad : {"Zm9v!", "Zm9-", "Zm9_", "Zm 9v", "Zm9v\n"}) {
    EXPECT_EQ(base64_decode(bad), std::nullopt) << bad;
  }
}

TEST(Base64, RejectsMissingOrExcessPadding) {
  for (const char* bad : {"Zg", "Zg=", "Zg===", "Zm8", "Zm8==", "Z===", "====", "=", "Zm9vY"}) {
    EXPECT_EQ(base64_decode(bad), std::nullopt) << bad;
  }
}

TEST(Base64, RejectsPaddingInTheMiddle) {
  EXPECT_EQ(base64_decode("Zg==Zg=="), std::nullopt);
  EXPECT_EQ(base64_decode("Z=g="), std::nullopt);
}

TEST(Base64, RejectsNonCanonicalTrailingBits) {
  // "Zh==" and "Zm9=" carry non-zero bits after the last byte: a second spelling of "f"/"fo".
  EXPECT_EQ(base64_decode("Zh=="), std::nullopt);
  EXPECT_EQ(base64_decode("Zm9="), std::nullopt);
}

TEST(Base64Url, RejectsStandardAlphabetCharacters) {
  EXPECT_EQ(base64url_decode("+/+/"), std::nullopt);
}

TEST(Base64Url, RejectsImpossibleLength) {
  EXPECT_EQ(base64url_decode("Z"), std::nullopt);
  EXPECT_EQ(base64url_decode("Zm9vY"), std::nullopt);
}

TEST(Base64Url, RejectsNonCanonicalTrailingBits) {
  EXPECT_EQ(base64url_decode("Zh"), std::nullopt);
  EXPECT_EQ(base64url_decode("Zm9"), std::nullopt);
}

TEST(Sha256, MatchesKnownVectors) {
  EXPECT_EQ(hex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, ReturnsThirtyTwoRawBytes) {
  EXPECT_EQ(sha256("anything").size(), 32u);
}

TEST(Sha256, Rfc7636PkceS256Example) {
  // RFC 7636 appendix B: code_verifier -> code_challenge.
  EXPECT_EQ(base64url_encode(sha256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(Hex, EncodesLowerCaseTwoDigitsPerByte) {
  EXPECT_EQ(hex("\x00\x0f\xab\xff"s), "000fabff");
  EXPECT_EQ(hex(""), "");
}

TEST(ConstantTimeEquals, EqualStringsCompareEqual) {
  EXPECT_TRUE(constant_time_equals("acme-secret", "acme-secret"));
}

TEST(ConstantTimeEquals, EmptyStringsCompareEqual) {
  EXPECT_TRUE(constant_time_equals("", ""));
}

TEST(ConstantTimeEquals, DifferentStringsOfSameLengthCompareUnequal) {
  EXPECT_FALSE(constant_time_equals("acme-secret", "acme-secreT"));
  EXPECT_FALSE(constant_time_equals("Acme-secret", "acme-secret"));
}

TEST(ConstantTimeEquals, PrefixDoesNotMatch) {
  EXPECT_FALSE(constant_time_equals("acme", "acme-secret"));
  EXPECT_FALSE(constant_time_equals("acme-secret", "acme"));
  EXPECT_FALSE(constant_time_equals("", "x"));
}

TEST(ConstantTimeEquals, EmbeddedNulIsSignificant) {
  EXPECT_FALSE(constant_time_equals("a\0b"s, "a\0c"s));
  EXPECT_FALSE(constant_time_equals("a"s, "a\0"s));
}

TEST(Params, GetReturnsFirstValueOfRepeatedName) {
  Params p{{"a", "1"}, {"b", "2"}, {"a", "3"}};
  EXPECT_EQ(p.get("a"), "1");
  EXPECT_EQ(p.count("a"), 2u);
  EXPECT_EQ(p.count("b"), 1u);
  EXPECT_EQ(p.count("c"), 0u);
}

TEST(Params, GetOfAbsentNameIsNullopt) {
  Params p{{"a", "1"}};
  EXPECT_EQ(p.get("b"), std::nullopt);
  EXPECT_FALSE(p.has("b"));
  EXPECT_EQ(p.get_or("b", "fallback"), "fallback");
  EXPECT_EQ(p.get_or("a", "fallback"), "1");
}

TEST(Params, EmptyValueIsPresentNotAbsent) {
  Params p{{"scope", ""}};
  EXPECT_TRUE(p.has("scope"));
  EXPECT_EQ(p.get("scope"), "");
  EXPECT_EQ(p.get_or("scope", "x"), "");
}

TEST(Params, NamesAreCaseSensitive) {
  Params p{{"Code", "1"}};
  EXPECT_FALSE(p.has("code"));
}

TEST(Params, SetReplacesEveryEarlierValue) {
  Params p{{"a", "1"}, {"b", "2"}, {"a", "3"}};
  p.set("a", "9");
  EXPECT_EQ(p.count("a"), 1u);
  EXPECT_EQ(p.get("a"), "9");
  EXPECT_EQ(p.encode(), "b=2&a=9");
}

TEST(Params, SetAddsAbsentName) {
  Params p;
  p.set("a", "1");
  EXPECT_EQ(p.encode(), "a=1");
}

TEST(Params, EraseRemovesEveryValueAndKeepsTheOthersInOrder) {
  Params p{{"a", "1"}, {"b", "2"}, {"a", "3"}, {"c", "4"}};
  p.erase("a");
  EXPECT_FALSE(p.has("a"));
  EXPECT_EQ(p.encode(), "b=2&c=4");
  p.erase("missing");
  EXPECT_EQ(p.items().size(), 2u);
}

TEST(Params, EncodeKeepsInsertionOrderAndDuplicates) {
  Params p;
  p.add("z", "1");
  p.add("a", "2");
  p.add("z", "3");
  EXPECT_EQ(p.encode(), "z=1&a=2&z=3");
}

TEST(Params, EncodePercentEncodesNamesAndValues) {
  Params p{{"redirect uri", "http://x/cb?a=1&b=2"}, {"scope", "a b"}};
  EXPECT_EQ(p.encode(), "redirect%20uri=http%3A%2F%2Fx%2Fcb%3Fa%3D1%26b%3D2&scope=a%20b");
}

TEST(Params, EncodeOfEmptyIsEmpty) {
  EXPECT_EQ(Params{}.encode(), "");
  EXPECT_TRUE(Params{}.empty());
}

TEST(ParseParams, ParsesNamesAndValuesInOrder) {
  auto p = parse_params("b=2&a=1");
  ASSERT_TRUE(p);
  ASSERT_EQ(p->items().size(), 2u);
  EXPECT_EQ(p->items()[0], (std::pair<std::string, std::string>{"b", "2"}));
  EXPECT_EQ(p->items()[1], (std::pair<std::string, std::string>{"a", "1"}));
}

TEST(ParseParams, DecodesPlusAndEscapes) {
  auto p = parse_params("scope=user_me_read+jobs_read&redirect_uri=http%3A%2F%2Flocalhost%2Fcb");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->get("scope"), "user_me_read jobs_read");
  EXPECT_EQ(p->get("redirect_uri"), "http://localhost/cb");
}

TEST(ParseParams, SkipsEmptyPieces) {
  auto p = parse_params("&&a=1&&b=2&");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->encode(), "a=1&b=2");
}

TEST(ParseParams, EmptyStringGivesNoParams) {
  auto p = parse_params("");
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->empty());
}

TEST(ParseParams, PieceWithoutEqualsIsNameWithEmptyValue) {
  auto p = parse_params("flag&a=1");
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->has("flag"));
  EXPECT_EQ(p->get("flag"), "");
}

TEST(ParseParams, OnlyTheFirstEqualsSplits) {
  auto p = parse_params("state=a=b==");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->get("state"), "a=b==");
}

TEST(ParseParams, EmptyNameIsKept) {
  auto p = parse_params("=value");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->get(""), "value");
}

TEST(ParseParams, KeepsDuplicateNamesSoCallersCanRefuseThem) {
  auto p = parse_params("client_id=a&client_id=b");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->count("client_id"), 2u);
  EXPECT_EQ(p->get("client_id"), "a");
}

TEST(ParseParams, MalformedEscapeInValueFailsWithMessageNamingTheParameter) {
  std::string error;
  EXPECT_EQ(parse_params("a=1&code=%zz", &error), std::nullopt);
  EXPECT_EQ(error, "malformed percent-escape in parameter 'code'");
}

TEST(ParseParams, MalformedEscapeInNameFails) {
  std::string error;
  EXPECT_EQ(parse_params("%4=1", &error), std::nullopt);
  EXPECT_FALSE(error.empty());
}

TEST(ParseParams, MalformedEscapeWithoutErrorPointerDoesNotCrash) {
  EXPECT_EQ(parse_params("a=%"), std::nullopt);
}

TEST(ParseParams, ErrorMessageIsBoundedForHugeInput) {
  std::string error;
  const std::string huge = "a=" + std::string(100000, 'x') + "%";
  EXPECT_EQ(parse_params(huge, &error), std::nullopt);
  EXPECT_LT(error.size(), 200u);
}

TEST(ParseParams, RoundTripsEncode) {
  Params p{{"a b", "c&d"}, {"e", ""}, {"=", "+"}, {"a b", "2"}};
  auto back = parse_params(p.encode());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->items(), p.items());
}

}  // namespace
}  // namespace oauthsim::common

namespace oauthsim::common {
namespace {

TEST(BasicAuthorization, EncodesEachPartBeforeJoiningSoAColonSurvives) {
  const std::string header = basic_authorization("my:client", "p a+s/s");
  ASSERT_EQ(header.rfind("Basic ", 0), 0u);
  EXPECT_EQ(base64_decode(header.substr(6)), "my%3Aclient:p%20a%2Bs%2Fs");
}

TEST(BasicAuthorization, PlainCredentialsAreTheUsualHeader) {
  EXPECT_EQ(basic_authorization("acme-ats", "acme-secret"),
            "Basic " + base64_encode("acme-ats:acme-secret"));
}

// Issue 12: the error quoted the raw piece, and so the secret or token it carried.
TEST(ParseParams, MalformedEscapeErrorNamesTheParameterNeverItsValue) {
  std::string error;
  EXPECT_FALSE(parse_params("client_id=acme&client_secret=s3cr3t-value%zz", &error));
  EXPECT_EQ(error, "malformed percent-escape in parameter 'client_secret'");
  EXPECT_FALSE(parse_params("token=2YotnFZFEjr1zCsicMWpAA%zz", &error));
  EXPECT_EQ(error.find("2YotnFZFEjr1zCsicMWpAA"), std::string::npos) << error;
  EXPECT_FALSE(parse_params("s3cr3t%zz=x", &error));
  EXPECT_EQ(error, "malformed percent-escape in a parameter name");
}

TEST(ParseParams, InvalidUtf8IsRefusedNamingTheParameter) {
  std::string error;
  EXPECT_FALSE(parse_params("grant_type=%FF", &error));
  EXPECT_EQ(error, "parameter 'grant_type' is not valid UTF-8");
  EXPECT_FALSE(parse_params("%C0%AF=1", &error));  // an overlong '/'
  EXPECT_EQ(error, "a parameter name is not valid UTF-8");
  EXPECT_TRUE(parse_params("name=%C3%A9l%C3%A8ve%F0%9F%94%91"));
}

TEST(ParseParams, MoreThanTheFieldLimitIsRefused) {
  std::string many;
  for (std::size_t i = 0; i <= kMaxParams; ++i) many += "a" + std::to_string(i) + "=1&";
  std::string error;
  EXPECT_FALSE(parse_params(many, &error));
  EXPECT_EQ(error, "more than 256 parameters");
}

TEST(IsValidUtf8, AcceptsUtf8AndRefusesWhatIsNot) {
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x94\x91"));
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_FALSE(is_valid_utf8("\xC3"));              // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE2\x28\xA1"));      // a bad continuation byte
}

}  // namespace
}  // namespace oauthsim::common
