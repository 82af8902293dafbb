#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oauthsim::rs {

// One Customer API route and the scope a token needs to call it. The scopes are data so that
// the server's routing, ROUTES.md (included in the README) and the tests read one list.
struct RouteSpec {
  std::string_view method;
  std::string_view path;  // template as SR documents it, e.g. "/jobs/{id}"
  std::string_view scope;
  std::string_view summary;
  // SR's lower limits for this route (SR's rate-limiting page); 0: the configured default.
  // SR's 2 requests/s routes (job publication, offer documents) are not served by the mock.
  int requests_per_second = 0;
  int concurrent = 0;  // SR: 1 for GET /candidates
};

inline constexpr std::array<RouteSpec, 8> kRoutes{{
    {"GET", "/users/me", "user_me_read", "The token's user (403 for client_credentials tokens)"},
    {"GET", "/jobs", "jobs_read",
     "Jobs, cursor paging (limit, pageId); filters q, status, postingStatus, updatedAfter"},
    {"GET", "/jobs/{id}", "jobs_read", "One job"},
    {"POST", "/jobs/{id}/candidates", "candidates_create", "Add a candidate to a job (201)"},
    {"GET", "/candidates", "candidates_read",
     "Candidates, cursor paging (limit, pageId); filters q, updatedAfter, repeatable jobId, "
     "status, tag, location",
     0, 1},
    {"GET", "/candidates/{id}", "candidates_read", "One candidate"},
    {"POST", "/candidates", "candidates_create", "Add a candidate to the talent pool (201)"},
    {"GET", "/configuration/company", "configuration_read", "The company's configuration"},
}};

// "GET /jobs/{id}": the name rate limits and traces use for the route.
std::string endpoint_name(const RouteSpec& route);
// The route for a method and path template, or nullptr.
const RouteSpec* find_route(std::string_view method, std::string_view path_template);
// The template as a cpp-httplib regex: each "{name}" becomes one path segment "([^/]+)".
std::string path_regex(std::string_view path_template);
// Whether `path` matches the template, exactly as std::regex_match with path_regex(template)
// decides, without compiling a regex (a "[^/]" class costs std::regex ~20 us to build): each
// "{name}" takes one or more characters other than '/', the longest that lets the rest match.
// The values of the placeholders in order, or nullopt.
std::optional<std::vector<std::string>> match_path(std::string_view path_template,
                                                   std::string_view path);
// One cpp-httplib pattern that matches every path some route's path_regex matches, and every
// path ".*" matches (those without CR or LF), and nothing else; it holds no bracket class, so it
// compiles in microseconds. The server routes such a path itself (match_path), and leaves any
// other to cpp-httplib's default answer, as its catch-all ".*" did.
std::string routed_paths_regex();
// The table as Markdown (| Method | Path | Required scope | What |), as in ROUTES.md.
std::string routes_markdown();

}  // namespace oauthsim::rs
