#include "oauthsim/rs/route_table.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

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

// Paths to try templates on: ordinary ones, empty and doubled segments, and the characters
// std::regex treats apart ('.' stops at CR and LF; "[^/]" does not).
std::vector<std::string> tricky_paths() {
  std::vector<std::string> paths = {"",
                                    "/",
                                    "/jobs",
                                    "/jobs/",
                                    "/jobs/1",
                                    "/jobs/abc-1",
                                    "/jobs//",
                                    "/jobs/1/",
                                    "/jobs/a/b",
                                    "/jobs/1/candidates",
                                    "/jobs//candidates",
                                    "/jobs/1/candidates/",
                                    "/jobs/a/b/candidates",
                                    "/jobs/candidates",
                                    "/candidates",
                                    "/candidates/",
                                    "/candidates/x",
                                    "/candidates/x/y",
                                    "/users/me",
                                    "/users/me/",
                                    "/users/you",
                                    "/configuration/company",
                                    "/x/1.json",
                                    "/x/1.json.json",
                                    "/x/.json",
                                    "/x/a.jsonx",
                                    "/a/1/2",
                                    "/a/1/2/",
                                    "/a//2",
                                    "/JOBS/1"};
  const std::vector<std::string> odds = {"\n", "\r",  "\r\n", std::string(1, '\0'),
                                         "\t", "%2F", "\xff"};
  const std::vector<std::string> bases = {"/jobs/", "/candidates/", "/jobs/x", "/users/me",
                                          "/nothing/"};
  for (const auto& odd : odds) {
    for (const auto& base : bases) {
      paths.push_back(base + odd);
      paths.push_back(base + odd + "/candidates");
      paths.push_back(base + "a" + odd + "b");
    }
    paths.push_back(odd);
  }
  paths.push_back("/jobs/" + std::string(2000, 'x') + "/candidates");
  return paths;
}

std::vector<std::string> templates_to_try() {
  std::vector<std::string> out = {"/x/{id}.json", "/a/{x}/{y}", "/plain"};
  for (const auto& r : kRoutes) out.emplace_back(r.path);
  return out;
}

TEST(RouteTableTest, MatchPathDecidesExactlyAsThePathRegex) {
  for (const auto& t : templates_to_try()) {
    const std::regex re(path_regex(t));
    for (const auto& path : tricky_paths()) {
      std::smatch m;
      const bool by_regex = std::regex_match(path, m, re);
      const auto by_match = match_path(t, path);
      ASSERT_EQ(by_match.has_value(), by_regex)
          << t << " against " << ::testing::PrintToString(path);
      if (!by_regex) continue;
      ASSERT_EQ(by_match->size() + 1, m.size()) << t;
      for (std::size_t i = 0; i < by_match->size(); ++i) {
        EXPECT_EQ((*by_match)[i], m[i + 1].str())
            << t << " against " << ::testing::PrintToString(path);
      }
    }
  }
}

TEST(RouteTableTest, RoutedPathsRegexReachesExactlyThePathsTheOldRoutesDid) {
  // The server registered each route's path_regex, then ".*": cpp-httplib reached a handler for
  // a path that one of them matched, and answered a bare 404 for the others.
  const std::regex routed(routed_paths_regex());
  std::vector<std::regex> old = {std::regex(".*")};
  for (const auto& r : kRoutes) old.emplace_back(path_regex(r.path));
  for (const auto& path : tricky_paths()) {
    bool reached = false;
    for (const auto& re : old) reached = reached || std::regex_match(path, re);
    EXPECT_EQ(std::regex_match(path, routed), reached) << ::testing::PrintToString(path);
  }
  EXPECT_EQ(routed_paths_regex().find('['), std::string::npos)
      << "a bracket class costs std::regex ~20 us to compile: " << routed_paths_regex();
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
