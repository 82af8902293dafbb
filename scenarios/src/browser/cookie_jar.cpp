#include "oauthsim/scenario/browser/cookie_jar.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <limits>

#include "oauthsim/common/ascii.h"

namespace oauthsim::scenario {
namespace {

using common::ascii_lower;

std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\n";
  auto first = s.find_first_not_of(ws);
  if (first == std::string_view::npos) return {};
  auto last = s.find_last_not_of(ws);
  return s.substr(first, last - first + 1);
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_ip_literal(std::string_view host) {
  if (host.find(':') != std::string_view::npos) return true;  // IPv6
  return !host.empty() &&
         std::all_of(host.begin(), host.end(), [](char c) { return is_digit(c) || c == '.'; });
}

// RFC 6265 5.1.3.
bool domain_matches(std::string_view host, std::string_view domain) {
  if (host == domain) return true;
  return host.size() > domain.size() && host.ends_with(domain) &&
         host[host.size() - domain.size() - 1] == '.' && !is_ip_literal(host);
}

// RFC 6265 5.1.4: the directory of the request path.
std::string default_path(std::string_view request_path) {
  if (request_path.empty() || request_path[0] != '/') return "/";
  auto last = request_path.rfind('/');
  if (last == 0) return "/";
  return std::string(request_path.substr(0, last));
}

bool path_matches(std::string_view request_path, std::string_view cookie_path) {
  if (request_path == cookie_path) return true;
  if (!request_path.starts_with(cookie_path)) return false;
  return cookie_path.ends_with('/') || request_path[cookie_path.size()] == '/';
}

// Leading digits of a token as a number; `count` gets how many there were.
int leading_number(std::string_view token, std::size_t max_digits, std::size_t& count) {
  count = 0;
  int value = 0;
  while (count < token.size() && is_digit(token[count]) && count < max_digits) {
    value = value * 10 + (token[count] - '0');
    ++count;
  }
  return value;
}

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

std::optional<std::int64_t> parse_cookie_date(std::string_view s) {
  auto is_delimiter = [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u == 0x09 || (u >= 0x20 && u <= 0x2F) || (u >= 0x3B && u <= 0x40) ||
           (u >= 0x5B && u <= 0x60) || (u >= 0x7B && u <= 0x7E);
  };
  static constexpr std::array<const char*, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};
  std::optional<int> hour, minute, second, day, month, year;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_delimiter(s[i])) ++i;
    std::size_t start = i;
    while (i < s.size() && !is_delimiter(s[i])) ++i;
    std::string_view token = s.substr(start, i - start);
    if (token.empty()) continue;
    std::size_t n = 0;
    if (!hour) {
      // hms-time: 1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT
      std::size_t h_len, m_len, s_len;
      int h = leading_number(token, 2, h_len);
      if (h_len > 0 && h_len < token.size() && token[h_len] == ':') {
        auto rest = token.substr(h_len + 1);
        int m = leading_number(rest, 2, m_len);
        if (m_len > 0 && m_len < rest.size() && rest[m_len] == ':') {
          int sec = leading_number(rest.substr(m_len + 1), 2, s_len);
          if (s_len > 0) {
            hour = h, minute = m, second = sec;
            continue;
          }
        }
      }
    }
    if (!day) {
      int d = leading_number(token, 2, n);
      if (n > 0 && (n == token.size() || !is_digit(token[n]))) {
        day = d;
        continue;
      }
    }
    if (!month && token.size() >= 3) {
      std::string prefix = ascii_lower(token.substr(0, 3));
      auto it = std::find(kMonths.begin(), kMonths.end(), prefix);
      if (it != kMonths.end()) {
        month = static_cast<int>(it - kMonths.begin()) + 1;
        continue;
      }
    }
    if (!year) {
      int y = leading_number(token, 4, n);
      if (n >= 2 && (n == token.size() || !is_digit(token[n]))) {
        if (y >= 70 && y <= 99) y += 1900;
        if (y >= 0 && y <= 69) y += 2000;
        year = y;
        continue;
      }
    }
  }
  if (!hour || !day || !month || !year) return std::nullopt;
  if (*day < 1 || *day > 31 || *year < 1601 || *hour > 23 || *minute > 59 || *second > 59) {
    return std::nullopt;
  }
  std::int64_t days =
      days_from_civil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
  return ((days * 24 + *hour) * 60 + *minute) * 60 * 1000 + *second * 1000LL;
}

bool CookieJar::store(const common::Url& from, std::string_view set_cookie) {
  // RFC 6265bis 5.6: a control character other than tab voids the whole header. Found by
  // fuzzing: a bare CR in a name was sent back in the Cookie header of the next request.
  if (std::any_of(set_cookie.begin(), set_cookie.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && u != '\t') || u == 0x7f;
      })) {
    return false;
  }
  auto semi = set_cookie.find(';');
  std::string_view pair = set_cookie.substr(0, semi);
  std::string_view attributes = semi == std::string_view::npos ? "" : set_cookie.substr(semi + 1);
  auto eq = pair.find('=');
  if (eq == std::string_view::npos) return false;
  Cookie cookie;
  cookie.name = std::string(trim(pair.substr(0, eq)));
  cookie.value = std::string(trim(pair.substr(eq + 1)));
  if (cookie.name.empty()) return false;
  std::string host = ascii_lower(from.host);
  cookie.domain = host;
  cookie.path = default_path(from.path);

  std::optional<std::int64_t> max_age_s;
  std::optional<std::int64_t> expires_ms;
  while (!attributes.empty()) {
    auto next = attributes.find(';');
    std::string_view av = attributes.substr(0, next);
    attributes = next == std::string_view::npos ? "" : attributes.substr(next + 1);
    auto av_eq = av.find('=');
    std::string name = ascii_lower(trim(av.substr(0, av_eq)));
    std::string_view value = av_eq == std::string_view::npos ? "" : trim(av.substr(av_eq + 1));
    if (name == "path") {
      // A missing or relative Path falls back to the default (RFC 6265 5.2.4).
      if (value.starts_with('/')) cookie.path = std::string(value);
    } else if (name == "domain" && !value.empty()) {
      std::string domain = ascii_lower(value);
      if (domain.starts_with('.')) domain.erase(0, 1);
      if (!domain_matches(host, domain)) return false;
      cookie.domain = domain;
      cookie.host_only = false;
    } else if (name == "secure") {
      cookie.secure = true;
    } else if (name == "httponly") {
      cookie.http_only = true;
    } else if (name == "samesite") {
      cookie.same_site = std::string(value);
    } else if (name == "max-age" && !value.empty()) {
      std::int64_t seconds = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
      if (ec == std::errc::result_out_of_range) seconds = value.starts_with('-') ? -1 : INT_MAX;
      if (ec != std::errc::invalid_argument && end == value.data() + value.size()) {
        max_age_s = seconds;
      }
    } else if (name == "expires") {
      if (auto when = parse_cookie_date(value)) expires_ms = when;
    }
  }
  // Max-Age wins over Expires (RFC 6265 5.3 step 3).
  bool deleting = max_age_s ? *max_age_s <= 0 : false;
  if (clock_) {
    if (max_age_s) {
      cookie.expires_ms =
          *max_age_s <= 0 ? std::numeric_limits<std::int64_t>::min()
                          : clock_->now_ms() + std::min<std::int64_t>(*max_age_s, INT_MAX) * 1000;
    } else if (expires_ms) {
      cookie.expires_ms = expires_ms;
    }
    deleting = cookie.expires_ms && *cookie.expires_ms <= clock_->now_ms();
  }

  auto same = [&](const Stored& s) {
    return s.cookie.name == cookie.name && s.cookie.domain == cookie.domain &&
           s.cookie.path == cookie.path;
  };
  auto existing = std::find_if(cookies_.begin(), cookies_.end(), same);
  if (deleting) {
    if (existing != cookies_.end()) cookies_.erase(existing);
    return true;
  }
  if (existing != cookies_.end()) {
    existing->cookie = std::move(cookie);  // keeps its creation time (RFC 6265 5.3 step 11)
  } else {
    cookies_.push_back({std::move(cookie), next_created_++});
  }
  return true;
}

bool CookieJar::expired(const Cookie& c) const {
  return clock_ && c.expires_ms && *c.expires_ms <= clock_->now_ms();
}

std::string CookieJar::cookie_header_for(const common::Url& url) const {
  std::string host = ascii_lower(url.host);
  const std::string_view path = url.path.empty() ? std::string_view("/") : url.path;
  std::vector<const Stored*> matching;
  for (const auto& s : cookies_) {
    const Cookie& c = s.cookie;
    if (expired(c)) continue;
    if (c.host_only ? host != c.domain : !domain_matches(host, c.domain)) continue;
    if (!path_matches(path, c.path)) continue;
    if (c.secure && url.scheme != "https") continue;
    matching.push_back(&s);
  }
  std::stable_sort(matching.begin(), matching.end(), [](const Stored* a, const Stored* b) {
    if (a->cookie.path.size() != b->cookie.path.size()) {
      return a->cookie.path.size() > b->cookie.path.size();
    }
    return a->created < b->created;
  });
  std::string header;
  for (const Stored* s : matching) {
    if (!header.empty()) header += "; ";
    header.append(s->cookie.name).append(1, '=').append(s->cookie.value);
  }
  return header;
}

std::vector<Cookie> CookieJar::all() const {
  std::vector<Cookie> out;
  for (const auto& s : cookies_) {
    if (!expired(s.cookie)) out.push_back(s.cookie);
  }
  return out;
}

std::optional<Cookie> CookieJar::find(std::string_view name, std::string_view host) const {
  std::string h = ascii_lower(host);
  for (const auto& s : cookies_) {
    if (s.cookie.name == name && s.cookie.domain == h && !expired(s.cookie)) return s.cookie;
  }
  return std::nullopt;
}

}  // namespace oauthsim::scenario
