// The control API's shape: the index, unknown routes, the loopback-only rule.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <ifaddrs.h>
#include <netinet/in.h>

#include <optional>

#include "control_fixture.h"

namespace oauthsim::control::testing {
namespace {

TEST(LoopbackPeer, OnlyLoopbackAddressesAreAnswered) {
  EXPECT_TRUE(is_loopback_peer("127.0.0.1"));
  EXPECT_TRUE(is_loopback_peer("::1"));
  EXPECT_TRUE(is_loopback_peer("::ffff:127.0.0.1"));
  EXPECT_FALSE(is_loopback_peer("10.0.0.5"));
  EXPECT_FALSE(is_loopback_peer("192.168.1.20"));
  EXPECT_FALSE(is_loopback_peer("::ffff:10.0.0.5"));
  EXPECT_FALSE(is_loopback_peer("fe80::1"));
  EXPECT_FALSE(is_loopback_peer(""));
  EXPECT_FALSE(is_loopback_peer("127.0.0.1.evil"));
}

TEST_F(ControlApiTest, IndexListsTheRoutes) {
  auto res = call("GET", "/_oauthsim/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("POST /_oauthsim/clock/advance"), std::string::npos) << res->body;
  EXPECT_NE(res->body.find("PUT /_oauthsim/companies/{name}/customer-api"), std::string::npos)
      << res->body;
}

TEST_F(ControlApiTest, UnknownRouteIs404JsonNamingIt) {
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/_oauthsim/nothing"},
           {"PUT", "/_oauthsim/clock"},
           {"DELETE", "/_oauthsim/clock"},
           {"POST", "/_oauthsim/users/alice@example.com"}}) {
    auto res = call(method, path);
    ASSERT_TRUE(res) << method << " " << path;
    EXPECT_EQ(res->status, 404) << method << " " << path;
    EXPECT_EQ(json_of(res).value("error", ""), "not_found") << res->body;
    EXPECT_NE(description_of(res).find(method + " " + path), std::string::npos) << res->body;
  }
}

// An address of this machine that is not loopback, if it has one.
std::optional<std::string> non_loopback_ipv4() {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return std::nullopt;
  std::optional<std::string> found;
  for (ifaddrs* a = list; a && !found; a = a->ifa_next) {
    if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET) continue;
    char buf[INET_ADDRSTRLEN];
    const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
    if (!inet_ntop(AF_INET, &in->sin_addr, buf, sizeof buf)) continue;
    if (std::string(buf).rfind("127.", 0) != 0) found = buf;
  }
  freeifaddrs(list);
  return found;
}

TEST(ControlApiPeers, RequestFromANonLoopbackAddressIsForbidden) {
  const auto address = non_loopback_ipv4();
  if (!address) GTEST_SKIP() << "this machine has no non-loopback IPv4 address to call from";
  common::VirtualClock clock;
  common::SeededRandom random{7};
  common::Trace trace;
  authz::AuthorizationServer server(common::default_config(), clock, random, &trace);
  rs::ResourceServer api(common::default_config(), clock, server.verifier(), &trace);
  ControlApi control({server, api, clock, trace});
  control.install(server.http());
  const int port = server.start(*address, 0);
  httplib::Client c(*address, port);
  c.set_connection_timeout(5);
  auto res = c.Post("/_oauthsim/clock/advance", R"({"seconds": 60})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(nlohmann::json::parse(res->body).value("error", ""), "forbidden");
  EXPECT_EQ(clock.now_ms(), common::VirtualClock::kDefaultStartMs);
}

}  // namespace
}  // namespace oauthsim::control::testing
