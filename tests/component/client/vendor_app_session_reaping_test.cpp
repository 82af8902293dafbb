// The vendor app forgets a browser's session after an hour unused (wall-clock time, so a virtual
// clock that stands still keeps none forever) and keeps at most a capped number, the least
// recently used going first. The wall clock is injected: nothing sleeps.
#include <string>

#include "vendor_app_fixture.h"

namespace oauthsim::client::testing {
namespace {

constexpr std::int64_t kMinuteMs = 60 * 1000;

TEST_F(VendorAppTest, SessionUnusedForAnHourIsForgotten) {
  connect_and_allow();
  wall.advance_ms(59 * kMinuteMs);
  ASSERT_EQ(get("/action?path=/jobs")->status, 200);  // used: idle again from here

  wall.advance_ms(60 * kMinuteMs);
  auto res = get("/action?path=/jobs");
  EXPECT_EQ(res->status, 409) << res->body;  // not connected: connect again
}

class VendorAppSessionCap : public VendorAppTest {
 protected:
  VendorAppSessionCap() : VendorAppTest(common::IdleLimits{60 * kMinuteMs, 3}) {}
};

TEST_F(VendorAppSessionCap, PastTheCapTheLeastRecentlyUsedSessionGoes) {
  connect_and_allow();
  const std::string first = cookie;
  wall.advance_ms(1);
  for (int i = 0; i < 2; ++i) connect();  // three sessions: the cap
  wall.advance_ms(1);
  cookie = first;
  ASSERT_EQ(get("/action?path=/jobs")->status, 200);  // the first is now the most recently used
  wall.advance_ms(1);
  connect();  // a fourth: the least recently used (the second) goes, the first stays
  cookie = first;
  EXPECT_EQ(get("/action?path=/jobs")->status, 200);
  for (int i = 0; i < 3; ++i) {
    wall.advance_ms(1);
    connect();
  }
  cookie = first;
  EXPECT_EQ(get("/action?path=/jobs")->status, 409);
}

}  // namespace
}  // namespace oauthsim::client::testing
