#include "oauthsim/rs/route_table.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "oauthsim/common/config.h"

namespace oauthsim::rs {
namespace {

TEST(RouteTableTest, EachRouteNeedsTheScopeTheIssueNames) {
  EXPECT_EQ(find_route("GET", "/users/me")->scope, "user_me_read");
  EXPECT_EQ(find_route("GET", "/jobs")->scope, "jobs_read");
  EXPECT_EQ(find_route("GET", "/jobs/{id}")->scope, "jobs_read");
  EXPECT_EQ(find_route("POST", "/jobs/{id}/candidates")->scope, "candidates_create");
  EXPECT_EQ(find_route("GET", "/candidates")->scope, "candidates_read");
  EXPECT_EQ(find_route("GET", "/candidates/{id}")->scope, "candidates_read");
  EXPECT_EQ(find_route("POST", "/candidates")->scope, "candidates_create");
  EXPECT_EQ(find_route("GET", "/configuration/company")->scope, "configuration_read");
  EXPECT_EQ(find_route("DELETE", "/jobs"), nullptr);
}

TEST(RouteTableTest, EveryScopeIsInTheSrScopeCatalog) {
  const auto config = common::default_config();
  for (const auto& r : kRoutes) {
    EXPECT_NE(config.find_scope(r.scope), nullptr) << r.scope;
  }
}

TEST(RouteTableTest, RoutesAreUnique) {
  std::set<std::string> seen;
  for (const auto& r : kRoutes)
    EXPECT_TRUE(seen.insert(endpoint_name(r)).second) << endpoint_name(r);
}

TEST(RouteTableTest, PathRegexMatchesOneSegmentPerPlaceholder) {
  std::regex re(path_regex("/jobs/{id}/candidates"));
  std::smatch m;
  std::string ok = "/jobs/abc-1/candidates";
  ASSERT_TRUE(std::regex_match(ok, m, re));
  EXPECT_EQ(m[1], "abc-1");
  std::string nested = "/jobs/a/b/candidates";
  EXPECT_FALSE(std::regex_match(nested, re));
  std::string empty = "/jobs//candidates";
  EXPECT_FALSE(std::regex_match(empty, re));
}

TEST(RouteTableTest, EndpointNameIsMethodAndTemplate) {
  EXPECT_EQ(endpoint_name(*find_route("GET", "/jobs/{id}")), "GET /jobs/{id}");
}

TEST(RouteTableTest, RoutesMarkdownFileMatchesTheTable) {
  // tests/unit/rs/ -> mock_resource_server/ROUTES.md
  std::string here = __FILE__;
  std::string root = here.substr(0, here.rfind("/tests/unit/rs/"));
  std::ifstream in(root + "/mock_resource_server/ROUTES.md");
  ASSERT_TRUE(in) << "cannot read ROUTES.md under " << root;
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_NE(ss.str().find(routes_markdown()), std::string::npos)
      << "ROUTES.md is out of date; its table should be:\n"
      << routes_markdown();
}

}  // namespace
}  // namespace oauthsim::rs
