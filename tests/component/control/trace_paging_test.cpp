// GET /_oauthsim/trace?since=SEQ&limit=N: pages of a bounded trace, and refusals naming the
// parameter.
#include <gtest/gtest.h>

#include "control_fixture.h"

namespace oauthsim::control::testing {
namespace {

using nlohmann::json;

TEST_F(ControlApiTest, TracePagesBySinceAndLimitUntilNoMore) {
  alice_tokens();
  const std::size_t total = trace.size();
  ASSERT_GE(total, 3u);
  std::size_t seen = 0;
  std::uint64_t since = 0;
  std::uint64_t last_seq = 0;
  for (int pages = 0; pages < 100; ++pages) {
    auto res = call("GET", "/_oauthsim/trace?since=" + std::to_string(since) + "&limit=2");
    ASSERT_EQ(res->status, 200) << res->body;
    const json page = json_of(res);
    ASSERT_LE(page.at("entries").size(), 2u);
    for (const auto& e : page.at("entries")) {
      EXPECT_GT(e.at("seq").get<std::uint64_t>(), last_seq);
      last_seq = e.at("seq").get<std::uint64_t>();
      ++seen;
    }
    EXPECT_EQ(page.at("dropped"), 0);
    since = page.at("next_since").get<std::uint64_t>();
    if (!page.at("more").get<bool>()) break;
  }
  EXPECT_EQ(seen, total);
}

TEST_F(ControlApiTest, TraceWithoutParametersHasEverythingAndItsCapacity) {
  alice_tokens();
  const json all = json_of(call("GET", "/_oauthsim/trace"));
  EXPECT_EQ(all.at("entries").size(), trace.size());
  EXPECT_EQ(all.at("capacity"), trace.capacity());
  EXPECT_FALSE(all.at("more").get<bool>());
}

TEST_F(ControlApiTest, TraceRefusesBadPagingParametersNamingThem) {
  for (const char* query :
       {"since=-1", "since=abc", "since=", "since=1&since=2", "since=99999999999999999999999",
        "limit=0", "limit=x", "limit=100000000", "limit=1.5"}) {
    auto res = call("GET", std::string("/_oauthsim/trace?") + query);
    ASSERT_EQ(res->status, 400) << query;
    const std::string name = std::string(query).substr(0, std::string(query).find('='));
    EXPECT_NE(description_of(res).find("'" + name + "'"), std::string::npos)
        << query << ": " << description_of(res);
  }
}

}  // namespace
}  // namespace oauthsim::control::testing
