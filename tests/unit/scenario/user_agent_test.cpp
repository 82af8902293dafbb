#include "oauthsim/scenario/browser/user_agent.h"

#include <functional>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mocks/mock_http_transport.h"

namespace oauthsim::scenario {
namespace {

using common::HttpRequest;
using common::HttpResponse;
using ::testing::_;
using ::testing::HasSubstr;
using ::testing::Invoke;
using ::testing::Not;

constexpr const char* kClient = "http://localhost:9000";
constexpr const char* kAuthz = "http://127.0.0.1:8080";

HttpResponse page(int status, std::string body, common::Params headers = {}) {
  headers.add("Content-Type", "text/html; charset=utf-8");
  return {status, std::move(headers), std::move(body)};
}

HttpResponse redirect(int status, std::string location, common::Params headers = {}) {
  headers.add("Location", std::move(location));
  return {status, std::move(headers), {}};
}

std::string login_page(const std::string& error = "") {
  return "<html><body>" + error +
         "<form id='login' method='post' action='/identity/oauth/login'>"
         "<input type=hidden name=csrf_token value='c&amp;1'>"
         "<input type=hidden name=request_id value=r1>"
         "<input name=username><input type=password name=password>"
         "<button type=submit>Sign in</button></form></body></html>";
}

std::string consent_page() {
  return R"(<form id="consent" method="post" action="consent">
      <input type="hidden" name="csrf_token" value="k2"><input type="hidden" name="request_id" value="r1">
      <button type="submit" name="decision" value="allow">Allow</button>
      <button type="submit" name="decision" value="deny">Deny</button></form>)";
}

common::Params form_of(const HttpRequest& r) {
  return common::parse_params(r.body).value();
}

std::string cookie_of(const HttpRequest& r) {
  return r.headers.get_or("Cookie", "");
}

// A vendor app on localhost:9000 and an SR authorization server on 127.0.0.1:8080, scripted the
// way the real ones answer. Every request is kept for the assertions.
class ScriptedParties {
 public:
  std::string password = "wonderland";
  bool accept_any_password = false;
  bool refuse_every_login = false;
  std::vector<HttpRequest> requests;

  HttpResponse answer(const HttpRequest& r) {
    requests.push_back(r);
    const std::string at = r.method + " " + r.url;
    if (at == std::string("GET ") + kClient + "/connect") {
      return redirect(302, std::string(kAuthz) + "/identity/oauth/allow?client_id=acme&state=xyz",
                      {{"Set-Cookie", "vendor_session=v1; Path=/; HttpOnly"}});
    }
    if (at == std::string("GET ") + kAuthz + "/identity/oauth/allow?client_id=acme&state=xyz") {
      return page(200, login_page(),
                  {{"Set-Cookie", "login_csrf=lc; Path=/identity/oauth/login; HttpOnly"}});
    }
    if (at == std::string("POST ") + kAuthz + "/identity/oauth/login") {
      auto f = form_of(r);
      bool right = f.get("password") == password && !refuse_every_login;
      if (!right && !accept_any_password) {
        return page(200, login_page("<p class=error>Wrong user name or password</p>"));
      }
      return redirect(303, "/identity/oauth/consent?request_id=r1",
                      {{"Set-Cookie", "sid=s1; Path=/; HttpOnly; SameSite=Lax"}});
    }
    if (at == std::string("GET ") + kAuthz + "/identity/oauth/consent?request_id=r1") {
      if (cookie_of(r) != "sid=s1") return page(400, "<p>no session</p>");
      return page(200, consent_page());
    }
    if (at == std::string("POST ") + kAuthz + "/identity/oauth/consent") {
      if (form_of(r).get("decision") == "deny") {
        return redirect(302, std::string(kClient) + "/callback?error=access_denied&state=xyz");
      }
      return redirect(302, std::string(kClient) + "/callback?code=abc&state=xyz");
    }
    if (r.method == "GET" && r.url.starts_with(std::string(kClient) + "/callback?")) {
      if (cookie_of(r) != "vendor_session=v1") return page(500, "<p>lost my session</p>");
      if (r.url.find("error=access_denied") != std::string::npos) {
        return page(200, "<p>Access was denied</p>");
      }
      return page(200, "<p>Connected as Alice Liddell</p>");
    }
    return page(404, "<p>not found</p>");
  }
};

class UserAgentFlow : public ::testing::Test {
 protected:
  void SetUp() override {
    ON_CALL(transport_, send(_)).WillByDefault(Invoke([this](const HttpRequest& r) {
      return parties_.answer(r);
    }));
    EXPECT_CALL(transport_, send(_)).Times(::testing::AnyNumber());
  }

  UserScript alice() const {
    return {"alice@example.com", "wonderland", std::nullopt, Decision::kAllow};
  }
  BrowseResult run(const UserScript& script) {
    return agent_.run_flow(std::string(kClient) + "/connect", script);
  }

  testing::MockHttpTransport transport_;
  ScriptedParties parties_;
  UserAgent agent_{transport_};
};

std::vector<std::string> visit_lines(const BrowseResult& r) {
  std::vector<std::string> out;
  for (const auto& v : r.visits)
    out.push_back(v.method + " " + v.url + " " + std::to_string(v.status));
  return out;
}

TEST_F(UserAgentFlow, AllowFlowLogsInConsentsAndEndsAtTheClientsPage) {
  const BrowseResult r = run(alice());
  EXPECT_EQ(r.error, std::nullopt);
  EXPECT_EQ(r.login_attempts, 1);
  EXPECT_TRUE(r.consent_shown);
  EXPECT_EQ(r.final_url, std::string(kClient) + "/callback?code=abc&state=xyz");
  EXPECT_EQ(r.final_response.status, 200);
  EXPECT_THAT(r.final_response.body, HasSubstr("Connected as Alice"));
  EXPECT_EQ(visit_lines(r),
            (std::vector<std::string>{
                "GET http://localhost:9000/connect 302",
                "GET http://127.0.0.1:8080/identity/oauth/allow?client_id=acme&state=xyz 200",
                "POST http://127.0.0.1:8080/identity/oauth/login 303",
                "GET http://127.0.0.1:8080/identity/oauth/consent?request_id=r1 200",
                "POST http://127.0.0.1:8080/identity/oauth/consent 302",
                "GET http://localhost:9000/callback?code=abc&state=xyz 200"}));
}

TEST_F(UserAgentFlow, SubmitsTheLoginFormWithItsHiddenFieldsAndTheCredentials) {
  run(alice());
  ASSERT_GE(parties_.requests.size(), 3u);
  const HttpRequest& login = parties_.requests[2];
  EXPECT_EQ(login.content_type, "application/x-www-form-urlencoded");
  auto f = form_of(login);
  EXPECT_EQ(f.get("csrf_token"), "c&1");
  EXPECT_EQ(f.get("request_id"), "r1");
  EXPECT_EQ(f.get("username"), "alice@example.com");
  EXPECT_EQ(f.get("password"), "wonderland");
  EXPECT_EQ(f.count("password"), 1u);
}

TEST_F(UserAgentFlow, SubmitsTheConsentFormToItsRelativeActionWithTheDecision) {
  run(alice());
  ASSERT_GE(parties_.requests.size(), 5u);
  const HttpRequest& consent = parties_.requests[4];
  EXPECT_EQ(consent.url, std::string(kAuthz) + "/identity/oauth/consent");
  auto f = form_of(consent);
  EXPECT_EQ(f.get("csrf_token"), "k2");
  EXPECT_EQ(f.get("request_id"), "r1");
  EXPECT_EQ(f.get("decision"), "allow");
  EXPECT_EQ(f.count("decision"), 1u);  // only the button pressed
}

TEST_F(UserAgentFlow, CookiesGoBackOnlyToTheirOwnHostAndPath) {
  run(alice());
  ASSERT_EQ(parties_.requests.size(), 6u);
  EXPECT_EQ(cookie_of(parties_.requests[0]), "");  // nothing yet
  EXPECT_EQ(cookie_of(parties_.requests[1]), "");  // the vendor cookie stays at localhost
  EXPECT_EQ(cookie_of(parties_.requests[2]), "login_csrf=lc");  // its path is the login URL
  EXPECT_EQ(cookie_of(parties_.requests[3]), "sid=s1");         // not login_csrf: wrong path
  EXPECT_EQ(cookie_of(parties_.requests[4]), "sid=s1");
  EXPECT_EQ(cookie_of(parties_.requests[5]), "vendor_session=v1");  // no authz cookie
}

TEST_F(UserAgentFlow, WrongPasswordFirstThenTheRightOne) {
  UserScript script = alice();
  script.wrong_password_first = "not-it";
  const BrowseResult r = run(script);
  EXPECT_EQ(r.error, std::nullopt);
  EXPECT_EQ(r.login_attempts, 2);
  EXPECT_TRUE(r.consent_shown);
  EXPECT_THAT(r.final_response.body, HasSubstr("Connected as"));
  std::vector<std::string> passwords;
  for (const auto& req : parties_.requests) {
    if (req.url.ends_with("/login")) passwords.push_back(form_of(req).get_or("password", "?"));
  }
  EXPECT_EQ(passwords, (std::vector<std::string>{"not-it", "wonderland"}));
}

TEST_F(UserAgentFlow, AcceptedWrongPasswordIsAnError) {
  parties_.accept_any_password = true;
  UserScript script = alice();
  script.wrong_password_first = "not-it";
  const BrowseResult r = run(script);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_THAT(*r.error, HasSubstr("expected the login form again after a wrong password"));
  EXPECT_THAT(*r.error, Not(HasSubstr("not-it")));
  EXPECT_FALSE(r.consent_shown);
}

TEST_F(UserAgentFlow, RefusedLoginIsAnErrorThatNeverShowsThePassword) {
  parties_.refuse_every_login = true;
  const BrowseResult r = run(alice());
  ASSERT_TRUE(r.error.has_value());
  EXPECT_THAT(*r.error, HasSubstr("login refused for alice@example.com"));
  EXPECT_THAT(*r.error, Not(HasSubstr("wonderland")));
  EXPECT_EQ(r.login_attempts, 1);
}

TEST_F(UserAgentFlow, DenySubmitsDenyAndEndsAtTheDenialPage) {
  UserScript script = alice();
  script.decision = Decision::kDeny;
  const BrowseResult r = run(script);
  EXPECT_EQ(r.error, std::nullopt);
  EXPECT_TRUE(r.consent_shown);
  EXPECT_EQ(r.final_url, std::string(kClient) + "/callback?error=access_denied&state=xyz");
  EXPECT_THAT(r.final_response.body, HasSubstr("Access was denied"));
  EXPECT_EQ(form_of(parties_.requests[4]).get("decision"), "deny");
}

TEST_F(UserAgentFlow, SeeOtherAfterPostTurnsIntoAGetWithoutBody) {
  run(alice());
  ASSERT_GE(parties_.requests.size(), 4u);
  EXPECT_EQ(parties_.requests[2].method, "POST");
  EXPECT_EQ(parties_.requests[3].method, "GET");
  EXPECT_EQ(parties_.requests[3].body, "");
  EXPECT_EQ(parties_.requests[3].content_type, "");
}

TEST_F(UserAgentFlow, ErrorPageBeforeLoginSaysALoginFormWasExpected) {
  const BrowseResult r = agent_.run_flow(std::string(kAuthz) + "/identity/oauth/unknown", alice());
  ASSERT_TRUE(r.error.has_value());
  EXPECT_THAT(
      *r.error,
      HasSubstr("expected a login form at http://127.0.0.1:8080/identity/oauth/unknown, got 404"));
}

TEST_F(UserAgentFlow, KeepsCookiesForTheNextBrowse) {
  run(alice());
  const BrowseResult r = agent_.get(std::string(kClient) + "/callback?code=abc&state=xyz");
  EXPECT_EQ(r.final_response.status, 200);  // the vendor session cookie was sent
  EXPECT_EQ(agent_.cookies().find("sid", "127.0.0.1")->value, "s1");
}

// Single-purpose sites, one lambda each.
class UserAgentSite : public ::testing::Test {
 protected:
  void serve(std::function<HttpResponse(const HttpRequest&)> site) {
    EXPECT_CALL(transport_, send(_)).WillRepeatedly(Invoke([this, site](const HttpRequest& r) {
      requests_.push_back(r);
      return site(r);
    }));
  }
  testing::MockHttpTransport transport_;
  std::vector<HttpRequest> requests_;
  UserAgent agent_{transport_};
};

TEST_F(UserAgentSite, RedirectLoopStopsAtTheLimitWithAnError) {
  serve([](const HttpRequest&) { return redirect(302, "http://h/loop?code=secret-code"); });
  const BrowseResult r =
      agent_.run_flow("http://h/start", {"u", "p", std::nullopt, Decision::kAllow});
  ASSERT_TRUE(r.error.has_value());
  EXPECT_THAT(*r.error, HasSubstr("redirect limit (20) reached"));
  EXPECT_THAT(*r.error, Not(HasSubstr("secret-code")));  // URLs in errors are redacted
  EXPECT_EQ(r.visits.size(), 21u);                       // the start and 20 followed redirects
}

TEST_F(UserAgentSite, RelativeLocationResolvesAgainstTheCurrentUrl) {
  serve([](const HttpRequest& r) {
    if (r.url == "http://h:81/a/b/start") return redirect(302, "../c/next?x=1");
    if (r.url == "http://h:81/a/c/next?x=1") return redirect(301, "?y=2");
    if (r.url == "http://h:81/a/c/next?y=2") return redirect(307, "//other:82/z#frag");
    if (r.url == "http://other:82/z") return page(200, "done");
    return page(404, r.url);
  });
  const BrowseResult r = agent_.get("http://h:81/a/b/start");
  EXPECT_EQ(r.error, std::nullopt);
  EXPECT_EQ(r.final_url, "http://other:82/z");
  EXPECT_EQ(r.final_response.body, "done");
  EXPECT_EQ(r.visits.size(), 4u);
}

TEST_F(UserAgentSite, LocationWithASpaceIsSentPercentEncoded) {
  // cpp-httplib 0.11 percent-decodes response headers, so this reaches the user agent.
  serve([](const HttpRequest& r) {
    if (r.url == "http://h/start") return redirect(302, "/cb?error_description=The user denied");
    return page(200, r.url);
  });
  const BrowseResult r = agent_.get("http://h/start");
  EXPECT_EQ(r.error, std::nullopt);
  EXPECT_EQ(r.final_url, "http://h/cb?error_description=The%20user%20denied");
}

TEST_F(UserAgentSite, TemporaryRedirectKeepsThePostAndItsBody) {
  serve([](const HttpRequest& r) {
    if (r.url == "http://h/form") {
      return page(200,
                  "<form method=post action=/a><input type=hidden name=k value=v><input "
                  "type=password name=p></form>");
    }
    if (r.url == "http://h/a") return redirect(307, "/b");
    if (r.url == "http://h/b" && r.method == "POST") return page(200, "<p>posted</p>");
    return page(404, "");
  });
  const BrowseResult r =
      agent_.run_flow("http://h/form", {"u", "pw", std::nullopt, Decision::kAllow});
  EXPECT_EQ(r.final_response.body, "<p>posted</p>");
  ASSERT_EQ(requests_.size(), 3u);
  EXPECT_EQ(requests_[2].method, "POST");
  EXPECT_EQ(requests_[2].body, requests_[1].body);
  EXPECT_EQ(form_of(requests_[2]).get("k"), "v");
}

TEST_F(UserAgentSite, TransportErrorEndsTheFlowWithAMessage) {
  serve([](const HttpRequest& r) -> HttpResponse {
    if (r.url == "http://h/start") return redirect(302, "http://down:1/x?code=abc");
    throw common::TransportError("connection refused");
  });
  BrowseResult r;
  EXPECT_NO_THROW(
      r = agent_.run_flow("http://h/start", {"u", "p", std::nullopt, Decision::kAllow}));
  ASSERT_TRUE(r.error.has_value());
  EXPECT_THAT(*r.error, HasSubstr("GET http://down:1/x"));
  EXPECT_THAT(*r.error, HasSubstr("connection refused"));
  EXPECT_THAT(*r.error, Not(HasSubstr("code=abc")));
  ASSERT_EQ(r.visits.size(), 2u);
  EXPECT_EQ(r.visits[1].status, 0);
}

TEST_F(UserAgentSite, CookiesFromOneOriginAreNotSentToAnother) {
  serve([](const HttpRequest& r) {
    if (r.url == "http://a.test/") return redirect(302, "http://b.test/", {{"Set-Cookie", "a=1"}});
    if (r.url == "http://b.test/")
      return redirect(302, "http://a.test/end", {{"Set-Cookie", "b=2"}});
    return page(200, "end");
  });
  agent_.get("http://a.test/");
  ASSERT_EQ(requests_.size(), 3u);
  EXPECT_EQ(cookie_of(requests_[1]), "");
  EXPECT_EQ(cookie_of(requests_[2]), "a=1");
}

TEST_F(UserAgentSite, GetFormReplacesTheActionQuery) {
  serve([](const HttpRequest& r) {
    if (r.url == "http://h/p/page") {
      return page(200,
                  "<form action='search?old=1'><input type=password name=pw>"
                  "<input name=username></form>");
    }
    return page(200, "<p>results</p>");
  });
  agent_.run_flow("http://h/p/page", {"me", "secret", std::nullopt, Decision::kAllow});
  ASSERT_EQ(requests_.size(), 2u);
  EXPECT_EQ(requests_[1].method, "GET");
  EXPECT_EQ(requests_[1].url, "http://h/p/search?pw=secret&username=me");
}

TEST_F(UserAgentSite, ConsentWithoutTheScriptedButtonIsAnError) {
  serve([](const HttpRequest&) {
    return page(200, "<form method=post><button name=decision value=allow>Allow</button></form>");
  });
  const BrowseResult r = agent_.run_flow("http://h/c", {"u", "p", std::nullopt, Decision::kDeny});
  ASSERT_TRUE(r.error.has_value());
  EXPECT_THAT(*r.error, HasSubstr("has no 'deny' button"));
  EXPECT_TRUE(r.consent_shown);
}

TEST_F(UserAgentSite, InvalidStartUrlIsAnErrorNotARequest) {
  EXPECT_CALL(transport_, send(_)).Times(0);
  const BrowseResult r = agent_.get("not a url");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_THAT(*r.error, HasSubstr("cannot request"));
}

TEST_F(UserAgentSite, RedirectToANonHttpSchemeIsAnError) {
  serve([](const HttpRequest&) { return redirect(302, "javascript:alert(1)"); });
  const BrowseResult r = agent_.get("http://h/");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_THAT(*r.error, HasSubstr("cannot follow the redirect"));
}

struct ResolveCase {
  const char* base;
  const char* reference;
  const char* expected;  // nullptr: not resolvable
};

class ResolveUrl : public ::testing::TestWithParam<ResolveCase> {};

// Names the case by its reference in test listings instead of the struct's raw bytes, which
// hold pointers and would differ between runs.
void PrintTo(const ResolveCase& c, std::ostream* os) {
  *os << "\"" << c.reference << "\" against " << c.base;
}

TEST_P(ResolveUrl, FollowsRfc3986) {
  const ResolveCase& c = GetParam();
  auto base = common::parse_url(c.base);
  ASSERT_TRUE(base.has_value());
  auto got = resolve_url(*base, c.reference);
  if (c.expected == nullptr) {
    EXPECT_EQ(got, std::nullopt);
  } else {
    EXPECT_EQ(got, std::optional<std::string>(c.expected));
  }
}

INSTANTIATE_TEST_SUITE_P(
    References, ResolveUrl,
    ::testing::Values(ResolveCase{"http://a/b/c/d;p?q", "g", "http://a/b/c/g"},
                      ResolveCase{"http://a/b/c/d;p?q", "./g", "http://a/b/c/g"},
                      ResolveCase{"http://a/b/c/d;p?q", "g/", "http://a/b/c/g/"},
                      ResolveCase{"http://a/b/c/d;p?q", "/g", "http://a/g"},
                      ResolveCase{"http://a/b/c/d;p?q", "//g", "http://g"},
                      ResolveCase{"http://a/b/c/d;p?q", "?y", "http://a/b/c/d;p?y"},
                      ResolveCase{"http://a/b/c/d;p?q", "g?y", "http://a/b/c/g?y"},
                      ResolveCase{"http://a/b/c/d;p?q", "#s", "http://a/b/c/d;p?q"},
                      ResolveCase{"http://a/b/c/d;p?q", "", "http://a/b/c/d;p?q"},
                      ResolveCase{"http://a/b/c/d;p?q", "..", "http://a/b/"},
                      ResolveCase{"http://a/b/c/d;p?q", "../g", "http://a/b/g"},
                      ResolveCase{"http://a/b/c/d;p?q", "../../../g", "http://a/g"},
                      ResolveCase{"http://a/b/c/d;p?q", "/./g/.", "http://a/g/"},
                      ResolveCase{"http://a:8080/x", "/y", "http://a:8080/y"},
                      ResolveCase{"http://a/x", "  HTTPS://B/c  ", "HTTPS://B/c"},
                      ResolveCase{"http://a/x", "/cb?d=The user\tdenied \"it\"",
                                  "http://a/cb?d=The%20userdenied%20%22it%22"},
                      ResolveCase{"http://a/x", "caf\xC3\xA9", "http://a/caf%C3%A9"},
                      ResolveCase{"http://a/x", "mailto:x@y", nullptr},
                      ResolveCase{"http://a/x", "a:b/c", nullptr}));

}  // namespace
}  // namespace oauthsim::scenario
