#include "oauthsim/rs/route_table.h"

namespace oauthsim::rs {

std::string endpoint_name(const RouteSpec& route) {
  std::string s(route.method);
  s += ' ';
  s += route.path;
  return s;
}

const RouteSpec* find_route(std::string_view method, std::string_view path_template) {
  for (const auto& r : kRoutes) {
    if (r.method == method && r.path == path_template) return &r;
  }
  return nullptr;
}

std::string path_regex(std::string_view path_template) {
  std::string out;
  for (std::size_t i = 0; i < path_template.size(); ++i) {
    char c = path_template[i];
    if (c == '{') {
      auto close = path_template.find('}', i);
      if (close != std::string_view::npos) {
        out += "([^/]+)";
        i = close;
        continue;
      }
    }
    // The templates hold only letters, digits, '/', '_' and '-': nothing regex-special, but
    // escape defensively so a future template with '.' cannot match more than it says.
    if (c == '.' || c == '+' || c == '*' || c == '?' || c == '(' || c == ')' || c == '[' ||
        c == ']' || c == '^' || c == '$' || c == '|' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::string routes_markdown() {
  std::string s = "| Method | Path | Required scope | What |\n|---|---|---|---|\n";
  for (const auto& r : kRoutes) {
    s += "| ";
    s += r.method;
    s += " | `";
    s += r.path;
    s += "` | `";
    s += r.scope;
    s += "` | ";
    s += r.summary;
    s += " |\n";
  }
  return s;
}

}  // namespace oauthsim::rs
