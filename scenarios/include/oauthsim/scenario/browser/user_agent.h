#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oauthsim/common/clock.h"
#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/url.h"
#include "oauthsim/scenario/browser/cookie_jar.h"
#include "oauthsim/scenario/browser/html_form.h"

namespace oauthsim::scenario {

enum class Decision { kAllow, kDeny };

// What the scripted resource owner does when the authorization server asks.
struct UserScript {
  std::string username, password;
  // Submitted first; the login form must come back, then `password` is submitted.
  std::optional<std::string> wrong_password_first;
  Decision decision = Decision::kAllow;
};

// One request the user agent made.
struct Visit {
  std::string method, url;
  int status = 0;  // 0: no answer (transport error)
};

struct BrowseResult {
  std::vector<Visit> visits;            // every request, in order
  common::HttpResponse final_response;  // the last response received
  std::string final_url;                // the URL that answered it
  int login_attempts = 0;
  bool consent_shown = false;
  // Set when the script could not be completed, saying what went wrong. Never holds a password;
  // URLs in it have their secrets redacted.
  std::optional<std::string> error;
};

// A browser with a script: follows redirects across the parties, keeps cookies, fills in the
// login and consent forms. Every request goes through the transport it is given (the scenario
// runner wraps it in a TracingTransport so the trace records what the user agent saw).
class UserAgent {
 public:
  static constexpr int kMaxRedirects = 20;

  // `clock`, when given, lets cookies expire on it (Max-Age, Expires).
  explicit UserAgent(common::HttpTransport& transport, const common::Clock* clock = nullptr,
                     int max_redirects = kMaxRedirects);

  // GET start_url and follow redirects; on a page with a login form submit the credentials (the
  // wrong password first when scripted), on a page with a consent form submit the decision; stop
  // at the first page with neither (the client's answer) or at the first error.
  BrowseResult run_flow(const std::string& start_url, const UserScript& script);
  // Plain browsing: GET with cookies, following redirects.
  BrowseResult get(const std::string& url);
  // A form submission as a page's button makes it: POST url-encoded, following redirects.
  BrowseResult post_form(const std::string& url, const common::Params& fields);
  CookieJar& cookies() { return cookies_; }

 private:
  // Sends `request` and follows redirects until an answer that is not one. Returns false and sets
  // result.error when it could not get that answer.
  bool navigate(common::HttpRequest request, BrowseResult& result);
  bool submit(const HtmlForm& form, common::Params fields, BrowseResult& result);

  common::HttpTransport& transport_;
  CookieJar cookies_;
  int max_redirects_;
};

// Resolves a link or Location value against the URL of the page it came from (RFC 3986 5.2).
// Characters a URL cannot hold (spaces, quotes, controls, non-ASCII) are percent-encoded as a
// browser would. nullopt when the result is not an http(s) URL.
std::optional<std::string> resolve_url(const common::Url& base, std::string_view reference);

// The form a browser would see as the login form (one with a password input) or the consent form
// (submit buttons named "decision"), or nullptr.
const HtmlForm* find_login_form(const std::vector<HtmlForm>& forms);
const HtmlForm* find_consent_form(const std::vector<HtmlForm>& forms);

}  // namespace oauthsim::scenario
