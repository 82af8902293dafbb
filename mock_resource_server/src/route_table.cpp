#include "oauthsim/rs/route_table.h"

namespace oauthsim::rs {

namespace {

bool is_regex_special(char c) {
  return c == '.' || c == '+' || c == '*' || c == '?' || c == '(' || c == ')' || c == '[' ||
         c == ']' || c == '^' || c == '$' || c == '|' || c == '\\';
}

// The template from `t` on against the path from `p` on, placeholders' values pushed onto
// `values`. Backtracks like ECMAScript's greedy "([^/]+)": the longest value first.
bool match_from(std::string_view t, std::string_view p, std::vector<std::string_view>& values) {
  while (!t.empty()) {
    if (t.front() == '{') {
      const auto close = t.find('}');
      if (close != std::string_view::npos) {
        const std::string_view rest = t.substr(close + 1);
        std::size_t run = 0;
        while (run < p.size() && p[run] != '/') ++run;
        for (std::size_t n = run; n >= 1; --n) {
          values.emplace_back(p.substr(0, n));
          if (match_from(rest, p.substr(n), values)) return true;
          values.pop_back();
        }
        return false;
      }
    }
    if (p.empty() || p.front() != t.front()) return false;
    t.remove_prefix(1);
    p.remove_prefix(1);
  }
  return p.empty();
}

// The template as a regex whose every "{name}" placeholder is `segment`; the rest literally.
std::string template_regex(std::string_view path_template, std::string_view segment) {
  std::string out;
  for (std::size_t i = 0; i < path_template.size(); ++i) {
    char c = path_template[i];
    if (c == '{') {
      auto close = path_template.find('}', i);
      if (close != std::string_view::npos) {
        out += segment;
        i = close;
        continue;
      }
    }
    // The templates hold only letters, digits, '/', '_' and '-': nothing regex-special, but
    // escape defensively so a future template with '.' cannot match more than it says.
    if (is_regex_special(c)) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

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
  return template_regex(path_template, "([^/]+)");
}

std::optional<std::vector<std::string>> match_path(std::string_view path_template,
                                                   std::string_view path) {
  std::vector<std::string_view> values;
  if (!match_from(path_template, path, values)) return std::nullopt;
  return std::vector<std::string>(values.begin(), values.end());
}

std::string routed_paths_regex() {
  // ".*" first: the paths without CR or LF. Then each template with a placeholder, whose
  // "[^/]" is spelt "(?!/)(?:.|\n|\r)" (any character but '/'; '.' stops at CR and LF only):
  // the ones whose values hold CR or LF. A template without one is matched by ".*" already.
  std::string out = ".*";
  for (const auto& r : kRoutes) {
    if (r.path.find('{') == std::string_view::npos) continue;
    const std::string alt = template_regex(r.path, "(?:(?!/)(?:.|\\n|\\r))+");
    if (out.find("|" + alt) == std::string::npos) out += "|" + alt;
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
