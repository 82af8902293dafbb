#include "oauthsim/scenario/browser/cookie_jar.h"

#include <gtest/gtest.h>

#include "oauthsim/common/clock.h"

namespace oauthsim::scenario {
namespace {

common::Url url(const std::string& s) {
  auto u = common::parse_url(s);
  EXPECT_TRUE(u.has_value()) << s;
  return u.value_or(common::Url{});
}

TEST(CookieJar, SendsACookieBackOnlyToTheHostThatSetIt) {
  CookieJar jar;
  ASSERT_TRUE(jar.store(url("http://127.0.0.1:8080/identity/oauth/login"), "sid=s1; Path=/"));
  EXPECT_EQ(jar.cookie_header_for(url("http://127.0.0.1:8080/anything")), "sid=s1");
  EXPECT_EQ(jar.cookie_header_for(url("http://localhost:9000/callback")), "");
  EXPECT_EQ(jar.cookie_header_for(url("http://sub.127.0.0.1:8080/")), "");
}

TEST(CookieJar, IgnoresThePortAsBrowsersDo) {
  CookieJar jar;
  jar.store(url("http://127.0.0.1:8080/"), "sid=s1");
  EXPECT_EQ(jar.cookie_header_for(url("http://127.0.0.1:9000/")), "sid=s1");
}

TEST(CookieJar, DefaultPathIsTheDirectoryOfTheRequest) {
  CookieJar jar;
  jar.store(url("http://h/identity/oauth/allow?x=1"), "a=1");
  EXPECT_EQ(jar.find("a", "h")->path, "/identity/oauth");
  EXPECT_EQ(jar.cookie_header_for(url("http://h/identity/oauth/login")), "a=1");
  EXPECT_EQ(jar.cookie_header_for(url("http://h/identity/other")), "");
  jar.store(url("http://h/top"), "b=2");
  EXPECT_EQ(jar.find("b", "h")->path, "/");
}

TEST(CookieJar, PathMatchesOnlyAtSegmentBoundaries) {
  CookieJar jar;
  jar.store(url("http://h/"), "a=1; Path=/id");
  EXPECT_EQ(jar.cookie_header_for(url("http://h/id")), "a=1");
  EXPECT_EQ(jar.cookie_header_for(url("http://h/id/x")), "a=1");
  EXPECT_EQ(jar.cookie_header_for(url("http://h/identity")), "");
  EXPECT_EQ(jar.cookie_header_for(url("http://h/")), "");
}

TEST(CookieJar, RelativePathAttributeFallsBackToTheDefault) {
  CookieJar jar;
  jar.store(url("http://h/a/b"), "c=1; Path=relative");
  EXPECT_EQ(jar.find("c", "h")->path, "/a");
}

TEST(CookieJar, LongerPathsComeFirstThenOlderCookies) {
  CookieJar jar;
  jar.store(url("http://h/"), "root=1; Path=/");
  jar.store(url("http://h/"), "deep=2; Path=/a/b");
  jar.store(url("http://h/"), "mid=3; Path=/a");
  jar.store(url("http://h/"), "root2=4; Path=/");
  EXPECT_EQ(jar.cookie_header_for(url("http://h/a/b/c")), "deep=2; mid=3; root=1; root2=4");
}

TEST(CookieJar, SameNameHostAndPathReplacesTheValueInPlace) {
  CookieJar jar;
  jar.store(url("http://h/"), "a=1; Path=/");
  jar.store(url("http://h/"), "b=2; Path=/");
  jar.store(url("http://h/"), "a=3; Path=/");
  EXPECT_EQ(jar.cookie_header_for(url("http://h/")), "a=3; b=2");
  jar.store(url("http://h/"), "a=4; Path=/other");
  EXPECT_EQ(jar.all().size(), 3u);
}

TEST(CookieJar, MaxAgeZeroDeletesEvenWithoutAClock) {
  CookieJar jar;
  jar.store(url("http://h/"), "sid=s1; Path=/");
  ASSERT_TRUE(jar.store(url("http://h/"), "sid=; Path=/; Max-Age=0"));
  EXPECT_EQ(jar.cookie_header_for(url("http://h/")), "");
}

TEST(CookieJar, MaxAgeExpiresOnTheClock) {
  common::VirtualClock clock;
  CookieJar jar(&clock);
  jar.store(url("http://h/"), "short=1; Max-Age=60");
  jar.store(url("http://h/"), "session=2");
  clock.advance_seconds(59);
  EXPECT_EQ(jar.cookie_header_for(url("http://h/")), "short=1; session=2");
  clock.advance_seconds(1);
  EXPECT_EQ(jar.cookie_header_for(url("http://h/")), "session=2");
}

TEST(CookieJar, ExpiresIsHonouredAndMaxAgeWinsOverIt) {
  common::VirtualClock clock;  // 2026-01-01
  CookieJar jar(&clock);
  jar.store(url("http://h/"), "old=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
  jar.store(url("http://h/"), "future=2; Expires=Fri, 01 Jan 2027 00:00:00 GMT");
  jar.store(url("http://h/"), "both=3; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=10");
  EXPECT_EQ(jar.cookie_header_for(url("http://h/")), "future=2; both=3");
}

TEST(CookieJar, DomainAttributeCoversSubdomains) {
  CookieJar jar;
  ASSERT_TRUE(jar.store(url("http://www.example.com/"), "d=1; Domain=.Example.com"));
  EXPECT_EQ(jar.cookie_header_for(url("http://api.example.com/")), "d=1");
  EXPECT_EQ(jar.cookie_header_for(url("http://example.com/")), "d=1");
  EXPECT_EQ(jar.cookie_header_for(url("http://notexample.com/")), "");
}

TEST(CookieJar, RejectsADomainTheHostDoesNotBelongTo) {
  CookieJar jar;
  EXPECT_FALSE(jar.store(url("http://127.0.0.1:8080/"), "evil=1; Domain=localhost"));
  EXPECT_FALSE(jar.store(url("http://a.example.com/"), "evil=1; Domain=b.example.com"));
  EXPECT_TRUE(jar.store(url("http://127.0.0.1:8080/"), "ok=1; Domain=127.0.0.1"));
  EXPECT_EQ(jar.cookie_header_for(url("http://localhost/")), "");
}

TEST(CookieJar, SecureCookieIsNotSentOverPlainHttp) {
  CookieJar jar;
  jar.store(url("https://h/"), "s=1; Secure");
  EXPECT_EQ(jar.cookie_header_for(url("http://h/")), "");
  EXPECT_EQ(jar.cookie_header_for(url("https://h/")), "s=1");
}

TEST(CookieJar, RecordsHttpOnlyAndSameSite) {
  CookieJar jar;
  jar.store(url("http://h/"), "sid=s1; HttpOnly; SameSite=Lax; Path=/");
  auto c = jar.find("sid", "h");
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(c->http_only);
  EXPECT_EQ(c->same_site, "Lax");
  EXPECT_TRUE(c->host_only);
}

TEST(CookieJar, IgnoresHeadersWithoutANameValuePair) {
  CookieJar jar;
  EXPECT_FALSE(jar.store(url("http://h/"), "justtext"));
  EXPECT_FALSE(jar.store(url("http://h/"), "=value"));
  EXPECT_FALSE(jar.store(url("http://h/"), ""));
  EXPECT_TRUE(jar.store(url("http://h/"), " spaced = v ; Max-Age=abc"));
  EXPECT_EQ(jar.cookie_header_for(url("http://h/")), "spaced=v");
}

TEST(CookieDate, ReadsTheFormatsServersSend) {
  EXPECT_EQ(parse_cookie_date("Wed, 21 Oct 2015 07:28:00 GMT"), 1445412480000);
  EXPECT_EQ(parse_cookie_date("Sunday, 06-Nov-94 08:49:37 GMT"), 784111777000);
  EXPECT_EQ(parse_cookie_date("Sun Nov  6 08:49:37 1994"), 784111777000);
  EXPECT_EQ(parse_cookie_date("Thu, 01 Jan 1970 00:00:00 GMT"), 0);
}

TEST(CookieDate, RefusesWhatIsNotADate) {
  EXPECT_FALSE(parse_cookie_date(""));
  EXPECT_FALSE(parse_cookie_date("tomorrow"));
  EXPECT_FALSE(parse_cookie_date("Wed, 32 Oct 2015 07:28:00 GMT"));
  EXPECT_FALSE(parse_cookie_date("Wed, 21 Oct 2015 25:28:00 GMT"));
  EXPECT_FALSE(parse_cookie_date("Wed, 21 Oct 1500 07:28:00 GMT"));
}

// Found by fuzzing: a bare CR from a Set-Cookie went out again in the Cookie request header.
TEST(CookieJar, IgnoresSetCookieWithControlCharacters) {
  CookieJar jar;
  const auto from = common::parse_url("http://127.0.0.1:8080/").value();
  EXPECT_FALSE(jar.store(from, "a\rb=c"));
  EXPECT_FALSE(jar.store(from, std::string("n=v\0x", 5)));
  EXPECT_FALSE(jar.store(from, "n=v; Path=/\x7f"));
  EXPECT_TRUE(jar.store(from, "n=v;\tPath=/"));
  EXPECT_EQ(jar.cookie_header_for(from), "n=v");
}

}  // namespace
}  // namespace oauthsim::scenario
