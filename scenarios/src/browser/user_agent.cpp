#include "oauthsim/scenario/browser/user_agent.h"

#include <algorithm>
#include <exception>

#include "oauthsim/common/ascii.h"
#include "oauthsim/common/trace.h"

namespace oauthsim::scenario {
namespace {

using common::iequals;

using common::HttpRequest;
using common::HttpResponse;

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::string strip_fragment(const std::string& url) {
  return url.substr(0, url.find('#'));
}

// "http://host/path?code=[redacted ..] (302)": how a page is named in error messages.
std::string where(const std::string& url, int status) {
  return common::redact_url(url) + " (" + std::to_string(status) + ")";
}

// RFC 3986 5.2.4.
std::string remove_dot_segments(std::string_view in) {
  std::string out;
  while (!in.empty()) {
    if (in.starts_with("../")) {
      in.remove_prefix(3);
    } else if (in.starts_with("./")) {
      in.remove_prefix(2);
    } else if (in.starts_with("/./")) {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.starts_with("/../") || in == "/..") {
      in = in.size() == 3 ? std::string_view("/") : in.substr(3);
      auto last = out.rfind('/');
      out.erase(last == std::string::npos ? 0 : last);
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      auto next = in.find('/', in[0] == '/' ? 1 : 0);
      auto segment = in.substr(0, next);
      out += segment;
      in.remove_prefix(segment.size());
    }
  }
  return out;
}

std::optional<std::string> scheme_of(std::string_view ref) {
  auto colon = ref.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  for (std::size_t i = 0; i < colon; ++i) {
    char c = ref[i];
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool ok = alpha || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
    if (!ok) return std::nullopt;  // a ':' later in a relative path, not a scheme
  }
  std::string scheme(ref.substr(0, colon));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](char c) { return c | 0x20; });
  return scheme;
}

// Types `value` into the first control called `name`, keeping document order (Params::set would
// move it to the end, and a server may reasonably expect the order of its own form).
void fill(common::Params& fields, const std::string& name, const std::string& value) {
  common::Params out;
  bool done = false;
  for (const auto& [k, v] : fields.items()) {
    bool here = !done && k == name;
    done = done || here;
    out.add(k, here ? value : v);
  }
  if (!done) out.add(name, value);
  fields = std::move(out);
}

// What a browser's URL parser does with characters a URL cannot hold: tabs and newlines inside
// are dropped, spaces, quotes, angle brackets, controls and non-ASCII bytes are percent-encoded.
// Needed in practice too: cpp-httplib 0.11 hands the Location header over percent-decoded.
std::string encode_unsafe_url_chars(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '`') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    } else {
      out += ch;
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> resolve_url(const common::Url& base, std::string_view reference) {
  const char* ws = " \t\r\n\f";
  auto first = reference.find_first_not_of(ws);
  if (first == std::string_view::npos) return strip_fragment(base.to_string());
  reference = reference.substr(first, reference.find_last_not_of(ws) - first + 1);
  const std::string cleaned = encode_unsafe_url_chars(reference.substr(0, reference.find('#')));
  reference = cleaned;  // and fragments never reach the server

  if (auto scheme = scheme_of(reference)) {
    if (*scheme != "http" && *scheme != "https") return std::nullopt;
    return std::string(reference);
  }
  if (reference.starts_with("//")) return base.scheme + ":" + std::string(reference);

  auto q = reference.find('?');
  std::string_view path = reference.substr(0, q);
  // A present-but-empty query ("?") differs from none; a flag keeps the two apart without
  // std::optional<string_view>, which GCC 12 misreports as maybe-uninitialized at -O2.
  bool has_query = q != std::string_view::npos;
  std::string_view query = has_query ? reference.substr(q + 1) : std::string_view{};

  std::string target_path;
  if (path.empty()) {
    target_path = base.path.empty() ? "/" : base.path;
    if (!has_query) {
      query = base.query;
      has_query = !query.empty();
    }
  } else if (path.starts_with('/')) {
    target_path = remove_dot_segments(path);
  } else {
    std::string merged = base.path.empty() ? "/" : base.path;
    merged.erase(merged.rfind('/') + 1);
    merged += path;
    target_path = remove_dot_segments(merged);
  }
  if (target_path.empty() || target_path[0] != '/') target_path.insert(0, "/");
  std::string out = base.origin() + target_path;
  if (has_query) out += "?" + std::string(query);
  return out;
}

const HtmlForm* find_login_form(const std::vector<HtmlForm>& forms) {
  auto it = std::find_if(forms.begin(), forms.end(),
                         [](const HtmlForm& f) { return f.has_password_field; });
  return it == forms.end() ? nullptr : &*it;
}

const HtmlForm* find_consent_form(const std::vector<HtmlForm>& forms) {
  auto it = std::find_if(forms.begin(), forms.end(),
                         [](const HtmlForm& f) { return f.has_button("decision"); });
  return it == forms.end() ? nullptr : &*it;
}

UserAgent::UserAgent(common::HttpTransport& transport, const common::Clock* clock,
                     int max_redirects)
    : transport_(transport), cookies_(clock), max_redirects_(max_redirects) {}

bool UserAgent::navigate(HttpRequest request, BrowseResult& result) {
  for (int redirects = 0;; ++redirects) {
    request.url = strip_fragment(request.url);
    std::string url_error;
    auto url = common::parse_url(request.url, &url_error);
    if (!url) {
      result.error = "cannot request " + common::redact_url(request.url) + ": " + url_error;
      return false;
    }
    request.headers.erase("Cookie");
    if (std::string cookie = cookies_.cookie_header_for(*url); !cookie.empty()) {
      request.headers.set("Cookie", std::move(cookie));
    }

    HttpResponse response;
    try {
      response = transport_.send(request);
    } catch (const std::exception& e) {
      // TransportError, or anything else a transport throws: the flow ends, the caller decides.
      result.visits.push_back({request.method, request.url, 0});
      result.final_response = {};
      result.final_url = request.url;
      result.error =
          request.method + " " + common::redact_url(request.url) + " got no answer: " + e.what();
      return false;
    }
    result.visits.push_back({request.method, request.url, response.status});
    for (const auto& [name, value] : response.headers.items()) {
      if (iequals(name, "Set-Cookie")) cookies_.store(*url, value);
    }
    result.final_url = request.url;
    result.final_response = std::move(response);

    const HttpResponse& answer = result.final_response;
    auto location = answer.header("Location");
    if (!is_redirect(answer.status) || !location) return true;
    if (redirects >= max_redirects_) {
      result.error = "redirect limit (" + std::to_string(max_redirects_) + ") reached at " +
                     where(request.url, answer.status);
      return false;
    }
    auto next = resolve_url(*url, *location);
    if (!next) {
      result.error = "cannot follow the redirect from " + where(request.url, answer.status) +
                     " to " + common::redact_url(*location);
      return false;
    }
    // 303 always, and 301/302 after a POST (as browsers do), turn into a GET without a body;
    // 307 and 308 repeat the request as it was.
    bool becomes_get = answer.status == 303 ||
                       ((answer.status == 301 || answer.status == 302) && request.method == "POST");
    if (becomes_get && request.method != "HEAD") {
      request.method = "GET";
      request.body.clear();
      request.content_type.clear();
    }
    request.url = *next;
    request.headers = {};
  }
}

bool UserAgent::submit(const HtmlForm& form, common::Params fields, BrowseResult& result) {
  auto page = common::parse_url(result.final_url);
  std::optional<std::string> action;
  if (page) action = resolve_url(*page, form.action);
  if (!action) {
    result.error = "cannot submit the form at " + common::redact_url(result.final_url) +
                   ": its action '" + common::redact_url(form.action) + "' is not an http URL";
    return false;
  }
  if (form.method == "post") {
    return navigate(HttpRequest::post_form(*action, fields), result);
  }
  // A GET form replaces the action's query with its fields (HTML form submission).
  std::string target = action->substr(0, action->find('?'));
  if (!fields.empty()) target += "?" + fields.encode();
  return navigate(HttpRequest::get(target), result);
}

BrowseResult UserAgent::get(const std::string& url) {
  BrowseResult result;
  navigate(HttpRequest::get(url), result);
  return result;
}

BrowseResult UserAgent::post_form(const std::string& url, const common::Params& fields) {
  BrowseResult result;
  navigate(HttpRequest::post_form(url, fields), result);
  return result;
}

BrowseResult UserAgent::run_flow(const std::string& start_url, const UserScript& script) {
  BrowseResult result;
  if (!navigate(HttpRequest::get(start_url), result)) return result;

  const int logins_planned = script.wrong_password_first ? 2 : 1;
  bool expect_login_again = false;
  bool decision_sent = false;
  // Each pass submits one form; the counters above end the loop after at most three.
  for (;;) {
    const std::vector<HtmlForm> forms = parse_forms(result.final_response.body);
    const HtmlForm* login = find_login_form(forms);
    const HtmlForm* consent = login ? nullptr : find_consent_form(forms);
    // Only errors name the page: no redacted copy of its URL for every page that has none.
    const auto here = [&result] { return where(result.final_url, result.final_response.status); };

    if (expect_login_again && !login) {
      result.error = "expected the login form again after a wrong password, got " + here();
      return result;
    }
    expect_login_again = false;

    if (login) {
      if (result.login_attempts >= logins_planned) {
        result.error =
            "login refused for " + script.username + ": the login form came back at " + here();
        return result;
      }
      if (login->password_field.empty()) {
        result.error = "the login form at " + here() + " has no named password input";
        return result;
      }
      const bool wrong_now = script.wrong_password_first && result.login_attempts == 0;
      common::Params fields = login->fields;
      std::string user_field = login->username_field;
      if (user_field.empty() && fields.has("username")) user_field = "username";
      if (!user_field.empty()) fill(fields, user_field, script.username);
      fill(fields, login->password_field,
           wrong_now ? *script.wrong_password_first : script.password);
      if (!login->buttons.empty()) fields.add(login->buttons[0].first, login->buttons[0].second);
      ++result.login_attempts;
      expect_login_again = wrong_now;
      if (!submit(*login, std::move(fields), result)) return result;
      continue;
    }

    if (consent) {
      if (decision_sent) {
        result.error = "the consent form came back after the decision was submitted, at " + here();
        return result;
      }
      result.consent_shown = true;
      const char* value = script.decision == Decision::kAllow ? "allow" : "deny";
      if (!consent->has_button("decision", value)) {
        result.error = "the consent form at " + here() + " has no '" + value + "' button";
        return result;
      }
      common::Params fields = consent->fields;
      fields.add("decision", value);
      decision_sent = true;
      if (!submit(*consent, std::move(fields), result)) return result;
      continue;
    }

    // Neither form: this is where the flow ends. An error page before the user could even log in
    // or consent means the script never ran.
    const int status = result.final_response.status;
    if (status >= 400 && result.login_attempts == 0 && !result.consent_shown) {
      result.error = "expected a login form at " + common::redact_url(result.final_url) + ", got " +
                     std::to_string(status);
    } else if (status >= 400 && !result.consent_shown) {
      result.error = "expected the consent form after logging in at " +
                     common::redact_url(result.final_url) + ", got " + std::to_string(status);
    }
    return result;
  }
}

}  // namespace oauthsim::scenario
