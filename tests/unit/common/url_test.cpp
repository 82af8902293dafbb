#include "oauthsim/common/url.h"

#include <gtest/gtest.h>

namespace oauthsim::common {
namespace {

Url parse_url_ok(std::string_view s) {
  std::string error;
  auto u = parse_url(s, &error);
  EXPECT_TRUE(u.has_value()) << s << ": " << error;
  return u.value_or(Url{});
}

std::string parse_url_error(std::string_view s) {
  std::string error;
  auto u = parse_url(s, &error);
  EXPECT_FALSE(u.has_value()) << s << " parsed unexpectedly";
  return error;
}

TEST(ParseUrl, SplitsHttpUrlIntoParts) {
  Url u = parse_url_ok("http://localhost:9000/callback?code=abc&state=xyz#frag");
  EXPECT_EQ(u.scheme, "http");
  EXPECT_EQ(u.host, "localhost");
  EXPECT_EQ(u.port, 9000);
  EXPECT_EQ(u.path, "/callback");
  EXPECT_EQ(u.query, "code=abc&state=xyz");
  EXPECT_EQ(u.fragment, "frag");
}

TEST(ParseUrl, DefaultsHttpPortTo80AndHttpsTo443) {
  EXPECT_EQ(parse_url_ok("http://example.com/").port, 80);
  EXPECT_EQ(parse_url_ok("https://example.com/").port, 443);
}

TEST(ParseUrl, EmptyPathBecomesSlash) {
  EXPECT_EQ(parse_url_ok("https://example.com").path, "/");
  Url u = parse_url_ok("https://example.com?x=1");
  EXPECT_EQ(u.path, "/");
  EXPECT_EQ(u.query, "x=1");
  EXPECT_EQ(parse_url_ok("https://example.com#f").fragment, "f");
}

TEST(ParseUrl, LowerCasesSchemeAndHost) {
  Url u = parse_url_ok("HTTPS://Example.COM/Path");
  EXPECT_EQ(u.scheme, "https");
  EXPECT_EQ(u.host, "example.com");
  EXPECT_EQ(u.path, "/Path");  // paths are case sensitive
}

TEST(ParseUrl, StripsBracketsFromIpv6Host) {
  Url u = parse_url_ok("http://[::1]:8080/x");
  EXPECT_EQ(u.host, "::1");
  EXPECT_EQ(u.port, 8080);
  EXPECT_EQ(u.path, "/x");
  Url d = parse_url_ok("https://[2001:db8::1]/");
  EXPECT_EQ(d.host, "2001:db8::1");
  EXPECT_EQ(d.port, 443);
}

TEST(ParseUrl, QuestionMarkInFragmentStaysInFragment) {
  Url u = parse_url_ok("http://h/p#a?b=c");
  EXPECT_EQ(u.query, "");
  EXPECT_EQ(u.fragment, "a?b=c");
}

TEST(ParseUrl, KeepsQueryRaw) {
  EXPECT_EQ(parse_url_ok("http://h/p?a=%20b+c").query, "a=%20b+c");
}

TEST(ParseUrl, RefusesMissingScheme) {
  EXPECT_FALSE(parse_url_error("localhost:9000/cb").empty());
  EXPECT_FALSE(parse_url_error("/callback").empty());
  EXPECT_FALSE(parse_url_error("").empty());
}

TEST(ParseUrl, RefusesUnsupportedSchemeNamingIt) {
  EXPECT_NE(parse_url_error("ftp://example.com/").find("ftp"), std::string::npos);
  EXPECT_FALSE(parse_url_error("javascript://alert(1)").empty());
}

TEST(ParseUrl, RefusesMissingHost) {
  EXPECT_NE(parse_url_error("http:///path").find("host"), std::string::npos);
  EXPECT_FALSE(parse_url_error("http://:8080/").empty());
  EXPECT_FALSE(parse_url_error("http://").empty());
  EXPECT_FALSE(parse_url_error("http://[]:80/").empty());
}

TEST(ParseUrl, RefusesBadPortNamingIt) {
  EXPECT_NE(parse_url_error("http://h:abc/").find("abc"), std::string::npos);
  for (const char* bad : {"http://h:0/", "http://h:65536/", "http://h:-1/", "http://h:80x/",
                          "http://h:99999999999999999999/", "http://[::1]:x/"}) {
    parse_url_error(bad);
  }
}

TEST(ParseUrl, AcceptsHighestPort) {
  EXPECT_EQ(parse_url_ok("http://h:65535/").port, 65535);
}

TEST(ParseUrl, RefusesUnterminatedIpv6) {
  EXPECT_FALSE(parse_url_error("http://[::1/").empty());
}

TEST(ParseUrl, RefusesTextAfterIpv6Bracket) {
  parse_url_error("http://[::1]x/");
}

TEST(ParseUrl, RefusesColonsOrBracketsInAHostOutsideBrackets) {
  EXPECT_NE(parse_url_error("http://a:b:80/").find("invalid host 'a:b'"), std::string::npos);
  parse_url_error("https://x]:/?q");
  parse_url_error("https://x[y/");
}

TEST(ParseUrl, RefusesUserInfoThatCouldDisguiseTheHost) {
  // http://localhost@evil.com/ goes to evil.com; it must not pass as localhost.
  parse_url_error("http://localhost@evil.com/cb");
  parse_url_error("http://user:pass@example.com/");
}

TEST(ParseUrl, WorksWithoutErrorPointer) {
  EXPECT_FALSE(parse_url("nonsense").has_value());
  EXPECT_TRUE(parse_url("http://h/").has_value());
}

TEST(UrlOrigin, OmitsDefaultPort) {
  EXPECT_EQ(parse_url_ok("http://example.com:80/x").origin(), "http://example.com");
  EXPECT_EQ(parse_url_ok("https://example.com:443/x").origin(), "https://example.com");
}

TEST(UrlOrigin, KeepsNonDefaultPort) {
  EXPECT_EQ(parse_url_ok("http://127.0.0.1:9000/x?y#z").origin(), "http://127.0.0.1:9000");
  EXPECT_EQ(parse_url_ok("https://example.com:80/").origin(), "https://example.com:80");
  EXPECT_EQ(parse_url_ok("http://example.com:443/").origin(), "http://example.com:443");
}

TEST(UrlOrigin, BracketsIpv6Host) {
  EXPECT_EQ(parse_url_ok("http://[::1]:8080/").origin(), "http://[::1]:8080");
}

TEST(UrlOrigin, SameOriginForDifferentSpellings) {
  EXPECT_EQ(parse_url_ok("HTTP://LOCALHOST:80/a").origin(),
            parse_url_ok("http://localhost/b").origin());
}

TEST(Url, PathAndQueryIsTheRequestTarget) {
  EXPECT_EQ(parse_url_ok("http://h/a/b?x=1#f").path_and_query(), "/a/b?x=1");
  EXPECT_EQ(parse_url_ok("http://h/a/b#f").path_and_query(), "/a/b");
}

TEST(Url, ToStringRoundTrips) {
  for (const char* s : {"http://localhost:9000/callback?code=abc&state=xyz#frag",
                        "https://example.com/", "http://[::1]:8080/x?y=1"}) {
    EXPECT_EQ(parse_url_ok(s).to_string(), s);
  }
}

TEST(Url, QueryParamsDecodesTheQuery) {
  Params p = parse_url_ok("http://h/cb?code=a%2Fb&state=x+y").query_params();
  EXPECT_EQ(p.get("code"), "a/b");
  EXPECT_EQ(p.get("state"), "x y");
}

TEST(Url, QueryParamsKeepsInvalidEscapesVerbatim) {
  Params p = parse_url_ok("http://h/cb?code=%zz&state=s").query_params();
  EXPECT_EQ(p.get("code"), "%zz");
  EXPECT_EQ(p.get("state"), "s");
}

TEST(Url, QueryParamsStillDecodesValidPiecesNextToAnInvalidOne) {
  Params p = parse_url_ok("http://h/cb?error_description=Access%20denied&bad=%&&x").query_params();
  EXPECT_EQ(p.get("error_description"), "Access denied");
  EXPECT_EQ(p.get("bad"), "%");
  EXPECT_EQ(p.items().size(), 3u) << "empty pieces are skipped as in parse_params";
}

TEST(AppendQuery, StartsQueryWithQuestionMark) {
  EXPECT_EQ(append_query("http://h/cb", {{"code", "a b"}, {"state", "s"}}),
            "http://h/cb?code=a%20b&state=s");
}

TEST(AppendQuery, AppendsToExistingQueryWithAmpersand) {
  EXPECT_EQ(append_query("http://h/cb?tenant=1", {{"code", "c"}}), "http://h/cb?tenant=1&code=c");
}

TEST(AppendQuery, InsertsBeforeFragment) {
  EXPECT_EQ(append_query("http://h/cb#frag", {{"code", "c"}}), "http://h/cb?code=c#frag");
  EXPECT_EQ(append_query("http://h/cb?a=1#frag", {{"code", "c"}}), "http://h/cb?a=1&code=c#frag");
}

TEST(AppendQuery, QuestionMarkInFragmentDoesNotCountAsQuery) {
  EXPECT_EQ(append_query("http://h/cb#x?y", {{"code", "c"}}), "http://h/cb?code=c#x?y");
}

TEST(AppendQuery, NoParamsLeavesBaseUnchanged) {
  EXPECT_EQ(append_query("http://h/cb", {}), "http://h/cb");
}

TEST(AppendQuery, ResultParsesBackToTheSameParams) {
  Params p{{"error", "access_denied"},
           {"error_description", "The user said no & left"},
           {"state", "s/+="}};
  auto u = parse_url(append_query("http://localhost:9000/callback?x=1", p));
  ASSERT_TRUE(u);
  Params back = u->query_params();
  EXPECT_EQ(back.get("x"), "1");
  EXPECT_EQ(back.get("error_description"), "The user said no & left");
  EXPECT_EQ(back.get("state"), "s/+=");
}

}  // namespace
}  // namespace oauthsim::common
