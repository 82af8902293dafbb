#include "oauthsim/common/url.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "oauthsim/common/ascii.h"

namespace oauthsim::common {
namespace {

int default_port(const std::string& scheme) {
  return scheme == "https" ? 443 : 80;
}

bool fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return false;
}

}  // namespace

std::string Url::origin() const {
  const bool bracketed = host.find(':') != std::string::npos;  // an IPv6 literal
  std::string out;
  out.reserve(scheme.size() + host.size() + 11);
  out.append(scheme).append("://");
  if (bracketed) out.append(1, '[');
  out.append(host);
  if (bracketed) out.append(1, ']');
  if (port != default_port(scheme)) out.append(1, ':').append(std::to_string(port));
  return out;
}

std::string Url::path_and_query() const {
  return query.empty() ? path : path + "?" + query;
}

Params Url::query_params() const {
  auto parsed = parse_params(query);
  if (parsed) return *parsed;
  // Keep undecodable names or values verbatim (the rest decoded) so a caller can still see
  // what was sent.
  Params raw;
  std::string_view s = query;
  while (!s.empty()) {
    const auto amp = s.find('&');
    const auto piece = s.substr(0, amp);
    s = amp == std::string_view::npos ? std::string_view{} : s.substr(amp + 1);
    if (piece.empty()) continue;
    const auto eq = piece.find('=');
    const auto name = piece.substr(0, eq);
    const auto value = eq == std::string_view::npos ? std::string_view{} : piece.substr(eq + 1);
    raw.add(url_decode(name).value_or(std::string(name)),
            url_decode(value).value_or(std::string(value)));
  }
  return raw;
}

std::string Url::to_string() const {
  std::string out = origin() + path_and_query();
  if (!fragment.empty()) out += "#" + fragment;
  return out;
}

std::optional<Url> parse_url(std::string_view s, std::string* error) {
  Url u;
  const auto scheme_end = s.find("://");
  if (scheme_end == std::string_view::npos) {
    fail(error, "not an absolute URL (no scheme://)");
    return std::nullopt;
  }
  u.scheme = ascii_lower(s.substr(0, scheme_end));
  if (u.scheme != "http" && u.scheme != "https") {
    fail(error, "unsupported scheme '" + u.scheme + "' (http or https expected)");
    return std::nullopt;
  }
  std::string_view rest = s.substr(scheme_end + 3);
  const auto authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  rest = authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) {
    fail(error, "user information in URLs is not supported");
    return std::nullopt;
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) {
      fail(error, "unterminated IPv6 address");
      return std::nullopt;
    }
    u.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        fail(error, "unexpected text after IPv6 address");
        return std::nullopt;
      }
      port_text = after.substr(1);
    }
  } else {
    const auto colon = authority.rfind(':');
    u.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    // Found by fuzzing: "a:b:80" or "x]" would be printed back as an IPv6 literal ("[a:b]:80")
    // that names another host, or that no longer parses.
    if (u.host.find_first_of(":[]") != std::string::npos) {
      fail(error, "invalid host '" + u.host + "' (an IPv6 address goes in brackets)");
      return std::nullopt;
    }
  }
  if (u.host.empty()) {
    fail(error, "URL has no host");
    return std::nullopt;
  }
  u.host = ascii_lower(u.host);
  u.port = default_port(u.scheme);
  if (!port_text.empty()) {
    int port = 0;
    auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || ptr != port_text.data() + port_text.size() || port < 1 ||
        port > 65535) {
      fail(error, "invalid port '" + std::string(port_text) + "'");
      return std::nullopt;
    }
    u.port = port;
  }
  const auto hash = rest.find('#');
  if (hash != std::string_view::npos) {
    u.fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  const auto q = rest.find('?');
  u.path = std::string(rest.substr(0, q));
  if (q != std::string_view::npos) u.query = std::string(rest.substr(q + 1));
  if (u.path.empty()) u.path = "/";
  return u;
}

std::string append_query(const std::string& base, const Params& params) {
  if (params.empty()) return base;
  const auto hash = base.find('#');
  std::string head = base.substr(0, hash);
  const std::string tail = hash == std::string::npos ? "" : base.substr(hash);
  head += head.find('?') == std::string::npos ? '?' : '&';
  return head + params.encode() + tail;
}

}  // namespace oauthsim::common
