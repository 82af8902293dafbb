// The browser side of the authorization server in-process: GET /identity/oauth/allow, the
// login form, the consent page and decision, then the token endpoint, as one sequence of
// requests from one browser. Requests are separated by a line "---"; each is
//   METHOD TARGET
//   Header: value        (any number)
//                        (empty line)
//   body
// or "WAIT SECONDS" (the virtual clock moves on). The harness is the browser: it keeps cookies
// in the user agent's own CookieJar and reads forms with its own reader, and {request_id},
// {csrf_token}, {code} and {state} stand for what the last page or redirect carried.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "authz_world.h"
#include "oauthsim/common/ascii.h"
#include "oauthsim/common/url.h"
#include "oauthsim/scenario/browser/cookie_jar.h"
#include "oauthsim/scenario/browser/html_form.h"

namespace {

using namespace oauthsim;

std::vector<std::string_view> split_requests(std::string_view input) {
  std::vector<std::string_view> out;
  while (true) {
    const auto sep = input.find("\n---\n");
    out.push_back(input.substr(0, sep));
    if (sep == std::string_view::npos || out.size() >= 16) return out;
    input = input.substr(sep + 5);
  }
}

struct Carried {
  std::string request_id, csrf_token, code, state;
};

void substitute(std::string& s, const Carried& c) {
  const std::pair<std::string_view, const std::string*> names[] = {{"{request_id}", &c.request_id},
                                                                   {"{csrf_token}", &c.csrf_token},
                                                                   {"{code}", &c.code},
                                                                   {"{state}", &c.state}};
  for (const auto& [placeholder, value] : names) {
    for (auto at = s.find(placeholder); at != std::string::npos;
         at = s.find(placeholder, at + value->size())) {
      s.replace(at, placeholder.size(), *value);
    }
  }
}

void check_answer(const fuzz::Answer& a) {
  FUZZ_CHECK(
      a.status == 200 || a.status == 302 || a.status == 400 || a.status == 401 || a.status == 404,
      std::to_string(a.status));
  for (const std::string_view secret : {"wonderland", "acme-secret"}) {
    FUZZ_CHECK(a.body.find(secret) == std::string::npos, "a page shows a password or secret");
    FUZZ_CHECK(a.location.find(secret) == std::string::npos, a.location);
  }
  if (a.status == 302) {
    FUZZ_CHECK(a.location.find_first_of("\r\n") == std::string::npos, a.location);
    FUZZ_CHECK(common::parse_url(a.location).has_value(), a.location);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  fuzz::AuthzWorld world;
  scenario::CookieJar jar(&world.clock());
  Carried carried;
  for (std::string_view block : split_requests(input)) {
    const std::string_view first = fuzz::next_line(block);
    const auto sp = first.find(' ');
    const std::string method(first.substr(0, sp));
    std::string target(sp == std::string_view::npos ? "/" : first.substr(sp + 1));
    if (method == "WAIT") {
      std::int64_t seconds = 0;  // at most 7 digits: under four months
      for (char c : target.substr(0, 7)) {
        if (c >= '0' && c <= '9') seconds = seconds * 10 + (c - '0');
      }
      world.clock().advance_ms(seconds * 1000);
      continue;
    }
    substitute(target, carried);
    if (target.empty() || target.front() != '/') target.insert(0, "/");
    std::vector<std::pair<std::string, std::string>> headers;
    bool has_cookie = false, has_type = false;
    for (std::string_view line = fuzz::next_line(block); !line.empty();
         line = fuzz::next_line(block)) {
      const auto colon = line.find(':');
      std::string name(line.substr(0, colon));
      std::string value(colon == std::string_view::npos ? "" : line.substr(colon + 1));
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      substitute(value, carried);
      has_cookie = has_cookie || common::ascii_lower(name) == "cookie";
      has_type = has_type || common::ascii_lower(name) == "content-type";
      headers.emplace_back(std::move(name), std::move(value));
    }
    const auto url = common::parse_url(fuzz::AuthzWorld::kBaseUrl + target);
    if (!has_cookie && url) {
      const std::string cookie = jar.cookie_header_for(*url);
      if (!cookie.empty()) headers.emplace_back("Cookie", cookie);
    }
    if (!has_type && method == "POST") {
      headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    }
    std::string body(block);
    substitute(body, carried);

    const fuzz::Answer a = world.call(method, target, headers, body);
    if (std::getenv("OAUTHSIM_FUZZ_VERBOSE")) {  // to see how far a seed gets
      std::fprintf(stderr, "%s %s -> %d %s%s\n", method.c_str(), target.c_str(), a.status,
                   a.location.c_str(), a.status == 302 ? "" : a.body.substr(0, 160).c_str());
    }
    check_answer(a);
    if (target.rfind(authz::paths::kToken, 0) == 0) fuzz::check_no_secret_shown(a, body);

    if (url && !a.set_cookie.empty()) jar.store(*url, a.set_cookie);
    for (const auto& form : scenario::parse_forms(a.body)) {
      if (auto v = form.fields.get("request_id")) carried.request_id = *v;
      if (auto v = form.fields.get("csrf_token")) carried.csrf_token = *v;
    }
    if (const auto to = common::parse_url(a.location)) {
      const auto q = to->query_params();
      if (auto v = q.get("code")) carried.code = *v;
      if (auto v = q.get("state")) carried.state = *v;
      if (auto v = q.get("request_id")) carried.request_id = *v;
    }
  }
  return 0;
}
