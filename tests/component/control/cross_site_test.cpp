// Issue 12: a web page open in the developer's browser must not drive the control API, neither
// with a cross-site form or text/plain POST, nor with a fetch from its origin, nor by rebinding
// its own name to 127.0.0.1.
#include <gtest/gtest.h>

#include "control_fixture.h"

namespace oauthsim::control::testing {
namespace {

TEST(LoopbackHost, OnlyNamesOfThisMachineAreLoopbackHosts) {
  EXPECT_TRUE(is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("127.0.0.1:8081"));
  EXPECT_TRUE(is_loopback_host("localhost:8081"));
  EXPECT_TRUE(is_loopback_host("LOCALHOST"));
  EXPECT_TRUE(is_loopback_host("[::1]:8081"));
  EXPECT_FALSE(is_loopback_host("evil.example:8081"));
  EXPECT_FALSE(is_loopback_host("127.0.0.1.evil.example"));
  EXPECT_FALSE(is_loopback_host("localhost.evil.example"));
  EXPECT_FALSE(is_loopback_host("127.0.0.1:80x"));
  EXPECT_FALSE(is_loopback_host("[::1]x"));
  EXPECT_FALSE(is_loopback_host(""));
}

class CrossSiteTest : public ControlApiTest {
 protected:
  // POST /_oauthsim/clock/advance by 60 s with the given headers; the clock must not move when
  // the answer is 403.
  httplib::Result advance(const std::string& content_type, httplib::Headers headers = {}) {
    return http->Post("/_oauthsim/clock/advance", headers, R"({"seconds": 60})", content_type);
  }
  void expect_refused(const httplib::Result& res, const std::string& words) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << res->body;
    EXPECT_NE(description_of(res).find(words), std::string::npos) << res->body;
  }
};

TEST_F(CrossSiteTest, TextPlainOrFormPostIsRefused) {
  const auto before = clock.now_ms();
  expect_refused(advance("text/plain"), "application/json");
  expect_refused(advance("application/x-www-form-urlencoded"), "application/json");
  auto reset = http->Post("/_oauthsim/reset", "", "text/plain");
  ASSERT_TRUE(reset);
  EXPECT_EQ(reset->status, 403);
  EXPECT_EQ(clock.now_ms(), before);
}

TEST_F(CrossSiteTest, AnotherOriginIsRefused) {
  const auto before = clock.now_ms();
  expect_refused(advance("application/json", {{"Origin", "https://evil.example"}}),
                 "another origin");
  expect_refused(advance("application/json", {{"Origin", "null"}}), "another origin");
  expect_refused(advance("application/json", {{"Origin", "http://127.0.0.1:1"}}), "another origin");
  EXPECT_EQ(clock.now_ms(), before);
}

TEST_F(CrossSiteTest, ARebindingHostNameIsRefused) {
  const auto before = clock.now_ms();
  expect_refused(advance("application/json", {{"Host", "evil.example:" + std::to_string(port)}}),
                 "Host header");
  auto read = http->Get("/_oauthsim/trace", {{"Host", "evil.example"}});
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 403);
  EXPECT_EQ(clock.now_ms(), before);
}

TEST_F(CrossSiteTest, ItsOwnOriginAndLoopbackNamesAreServed) {
  const auto before = clock.now_ms();
  auto own = advance("application/json; charset=utf-8",
                     {{"Origin", "http://127.0.0.1:" + std::to_string(port)}});
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200) << own->body;
  auto by_name = advance("application/json", {{"Host", "localhost:" + std::to_string(port)}});
  ASSERT_TRUE(by_name);
  EXPECT_EQ(by_name->status, 200) << by_name->body;
  EXPECT_EQ(clock.now_ms(), before + 120'000);
}

}  // namespace
}  // namespace oauthsim::control::testing
