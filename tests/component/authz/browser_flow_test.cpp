#include <gmock/gmock.h>

#include "component/authz/authz_server_fixture.h"
#include "oauthsim/common/http_server.h"

namespace oauthsim::authz::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

using BrowserFlowTest = AuthzServerTest;

TEST_F(BrowserFlowTest, WithoutSessionTheAuthorizationEndpointShowsTheLoginForm) {
  auto res = get(authorize_path({{"state", "s"}}));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_THAT(res->get_header_value("Content-Type"), StartsWith("text/html"));
  EXPECT_THAT(res->body,
              HasSubstr(R"(<form id="login" method="post" action="/identity/oauth/login">)"));
  EXPECT_FALSE(field(res->body, "csrf_token").empty());
  EXPECT_FALSE(field(res->body, "request_id").empty());
}

TEST_F(BrowserFlowTest, AllowRedirectsWithCodeAndState) {
  auto res = decide(reach_consent({{"state", "tenant-7_x"}}), "allow");
  ASSERT_EQ(res->status, 302);
  EXPECT_THAT(res->get_header_value("Location"), StartsWith(std::string(kRedirect) + "?"));
  const auto p = location_params(res);
  EXPECT_EQ(p.get_or("state", ""), "tenant-7_x");
  EXPECT_EQ(p.get_or("code", "").size(), 43u);  // 256 bits, base64url
  EXPECT_FALSE(p.has("error"));
}

TEST_F(BrowserFlowTest, StateWithReservedCharactersIsEchoedPercentEncoded) {
  // cpp-httplib 0.11's client percent-decodes response headers, so read the Location the
  // server put on the wire from its trace entry instead.
  ASSERT_EQ(decide(reach_consent({{"state", "tenant=7&x y"}}), "allow")->status, 302);
  const auto entries = trace.entries();
  ASSERT_FALSE(entries.empty());
  const auto location = entries.back().response_headers.get("Location");
  ASSERT_TRUE(location);
  const auto url = common::parse_url(*location);
  ASSERT_TRUE(url);
  EXPECT_EQ(url->query_params().get_or("state", ""), "tenant=7&x y");
  EXPECT_THAT(*location, HasSubstr("state=tenant%3D7%26x%20y"));
}

TEST_F(BrowserFlowTest, DenyRedirectsAccessDeniedWithState) {
  auto res = decide(reach_consent(), "deny");
  ASSERT_EQ(res->status, 302);
  const auto p = location_params(res);
  EXPECT_EQ(p.get_or("error", ""), "access_denied");
  EXPECT_FALSE(p.get_or("error_description", "").empty());
  EXPECT_EQ(p.get_or("state", ""), "st-1");
  EXPECT_FALSE(p.has("code"));
}

TEST_F(BrowserFlowTest, StateIsOmittedWhenNoneWasSent) {
  auto res = decide(reach_consent({}), "allow");
  ASSERT_EQ(res->status, 302);
  EXPECT_FALSE(location_params(res).has("state"));
}

TEST_F(BrowserFlowTest, ConsentPageNamesClientAndDescribesEachScope) {
  const auto screen = reach_consent({{"scope", "jobs_read candidates_read"}});
  EXPECT_THAT(screen.html, HasSubstr("Acme ATS"));
  EXPECT_THAT(screen.html, HasSubstr("jobs_read"));
  EXPECT_THAT(screen.html, HasSubstr("candidates_read"));
  EXPECT_THAT(screen.html, Not(HasSubstr("user_me_read")));
  const common::Config config = make_config();
  const auto* scope = config.find_scope("jobs_read");
  ASSERT_NE(scope, nullptr);
  EXPECT_THAT(screen.html, HasSubstr(common::html_escape(scope->description)));
  EXPECT_THAT(screen.html, HasSubstr(R"(value="allow">Allow</button>)"));
  EXPECT_THAT(screen.html, HasSubstr(R"(value="deny">Deny</button>)"));
}

TEST_F(BrowserFlowTest, UnregisteredRedirectUriShowsErrorPageNotRedirect) {
  auto res = get("/identity/oauth/allow?" +
                 common::Params{{"client_id", "acme-ats"},
                                {"redirect_uri", "http://evil.example/callback"},
                                {"state", "s"}}
                     .encode());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_FALSE(res->has_header("Location"));
  EXPECT_THAT(res->get_header_value("Content-Type"), StartsWith("text/html"));
}

TEST_F(BrowserFlowTest, UnknownClientShowsErrorPageNotRedirect) {
  auto res = get(authorize_path({}, "nobody"));
  EXPECT_EQ(res->status, 400);
  EXPECT_FALSE(res->has_header("Location"));
}

TEST_F(BrowserFlowTest, EmptyScopeRedirectsInvalidScopeWithState) {
  auto res = get(authorize_path({{"scope", ""}, {"state", "s9"}}));
  ASSERT_EQ(res->status, 302);
  const auto p = location_params(res);
  EXPECT_EQ(p.get_or("error", ""), "invalid_scope");
  EXPECT_EQ(p.get_or("state", ""), "s9");
}

TEST_F(BrowserFlowTest, WrongPasswordShowsFormAgainWithMessageAndNewCsrf) {
  auto login_page = get(authorize_path());
  auto res = submit_login(login_page->body, "alice@example.com", "wrong");
  ASSERT_EQ(res->status, 200);
  EXPECT_FALSE(res->has_header("Set-Cookie"));
  EXPECT_THAT(res->body, HasSubstr("Invalid e-mail or password"));
  EXPECT_THAT(res->body, HasSubstr(R"(<form id="login")"));
  EXPECT_NE(field(res->body, "csrf_token"), field(login_page->body, "csrf_token"));
  EXPECT_EQ(field(res->body, "request_id"), field(login_page->body, "request_id"));
  // The fresh form works.
  EXPECT_EQ(submit_login(res->body, "alice@example.com", "wonderland")->status, 302);
}

TEST_F(BrowserFlowTest, LoginSetsHttpOnlySameSiteLaxSessionCookie) {
  auto res = submit_login(get(authorize_path())->body, "alice@example.com", "wonderland");
  ASSERT_EQ(res->status, 302);
  const std::string cookie = res->get_header_value("Set-Cookie");
  EXPECT_THAT(cookie, StartsWith("sr_session="));
  EXPECT_THAT(cookie, HasSubstr("HttpOnly"));
  EXPECT_THAT(cookie, HasSubstr("SameSite=Lax"));
  EXPECT_THAT(cookie, HasSubstr("Path=/"));
}

TEST_F(BrowserFlowTest, LoginWithReusedCsrfTokenIsRefused) {
  auto page = get(authorize_path());
  ASSERT_EQ(submit_login(page->body, "alice@example.com", "wrong")->status, 200);
  auto res = submit_login(page->body, "alice@example.com", "wonderland");
  EXPECT_EQ(res->status, 400);
  EXPECT_FALSE(res->has_header("Set-Cookie"));
}

TEST_F(BrowserFlowTest, ExistingSessionSkipsTheLoginForm) {
  const auto first = reach_consent();
  auto res = get(authorize_path({{"state", "again"}}), first.cookie);
  ASSERT_EQ(res->status, 200);
  EXPECT_THAT(res->body, HasSubstr(R"(<form id="consent")"));
}

TEST_F(BrowserFlowTest, ConsentWithWrongCsrfIsErrorPageNotRedirect) {
  const auto screen = reach_consent();
  auto res = post_form("/identity/oauth/consent",
                       {{"csrf_token", "forged"},
                        {"request_id", field(screen.html, "request_id")},
                        {"decision", "allow"}},
                       screen.cookie);
  EXPECT_EQ(res->status, 400);
  EXPECT_FALSE(res->has_header("Location"));
}

TEST_F(BrowserFlowTest, ConsentCsrfTokenDoesNotWorkFromAnotherSession) {
  const auto alice = reach_consent();
  const auto bob = reach_consent({{"state", "b"}}, "bob@example.com", "builder");
  ConsentScreen mixed{alice.html, bob.cookie};
  auto res = decide(mixed, "allow");
  EXPECT_EQ(res->status, 400);
  EXPECT_FALSE(res->has_header("Location"));
}

TEST_F(BrowserFlowTest, ConsentWithoutSessionIsRefused) {
  const auto screen = reach_consent();
  auto res = decide({screen.html, ""}, "allow");
  EXPECT_EQ(res->status, 400);
  EXPECT_FALSE(res->has_header("Location"));
}

TEST_F(BrowserFlowTest, DecisionIsTakenOnce) {
  const auto screen = reach_consent();
  ASSERT_EQ(decide(screen, "allow")->status, 302);
  EXPECT_EQ(decide(screen, "allow")->status, 400);
}

TEST_F(BrowserFlowTest, PendingRequestExpiresAfterTenMinutes) {
  auto page = get(authorize_path());
  clock.advance_seconds(10 * 60);
  auto res = submit_login(page->body, "alice@example.com", "wonderland");
  EXPECT_EQ(res->status, 400);
  EXPECT_FALSE(res->has_header("Set-Cookie"));
}

TEST_F(BrowserFlowTest, DeletedUsersSessionNoLongerCounts) {
  const auto screen = reach_consent();
  ASSERT_TRUE(server->delete_user("alice@example.com"));
  EXPECT_EQ(decide(screen, "allow")->status, 400);
}

TEST_F(BrowserFlowTest, TraceRecordsTheBrowserLegWithNotesAndNoSecrets) {
  auto page = get(authorize_path());
  submit_login(page->body, "alice@example.com", "wrong");
  const auto code = obtain_code();
  const auto entries = trace.entries();
  ASSERT_FALSE(entries.empty());
  bool saw_refusal = false;
  for (const auto& e : entries) {
    EXPECT_EQ(e.observer, common::party::kAuthorizationServer);
    EXPECT_EQ(e.from, common::party::kUserAgent);
    if (e.note.find("login refused: wrong password") != std::string::npos) saw_refusal = true;
  }
  EXPECT_TRUE(saw_refusal);
  const std::string dump = trace.to_json().dump();
  EXPECT_THAT(dump, Not(HasSubstr(code)));
  EXPECT_THAT(dump, Not(HasSubstr("wonderland")));
}

// Issue 12 (login CSRF): a login form lifted by an attacker, with its token, must not sign a
// victim's browser in as the attacker; the token only works with the cookie it was issued to.
TEST_F(BrowserFlowTest, LoginCsrfTokenWorksOnlyWithTheBrowserCookieItWasIssuedTo) {
  auto attacker_page = get(authorize_path());
  ASSERT_EQ(attacker_page->status, 200);
  const std::string attacker_cookie = login_cookie;
  ASSERT_FALSE(attacker_cookie.empty()) << "the login page set no sr_login cookie";
  const common::Params form{{"username", "alice@example.com"},
                            {"password", "wonderland"},
                            {"csrf_token", field(attacker_page->body, "csrf_token")},
                            {"request_id", field(attacker_page->body, "request_id")}};
  // The victim's browser: no cookie, or its own.
  auto no_cookie = post_form("/identity/oauth/login", form);
  EXPECT_EQ(no_cookie->status, 400);
  EXPECT_FALSE(no_cookie->has_header("Location"));
  get(authorize_path());  // the victim's own visit gives it a cookie of its own
  ASSERT_NE(login_cookie, attacker_cookie);
  auto other_cookie = post_form("/identity/oauth/login", form, login_cookie);
  EXPECT_EQ(other_cookie->status, 400);
  auto forged_cookie = post_form("/identity/oauth/login", form, "sr_login=forged-forged-forged");
  EXPECT_EQ(forged_cookie->status, 400);
  // Refused forms did not spend the token: with its own cookie the form still signs in.
  EXPECT_EQ(post_form("/identity/oauth/login", form, attacker_cookie)->status, 302);
}

TEST_F(BrowserFlowTest, PagesRefuseToBeFramed) {
  auto login = get(authorize_path());
  ASSERT_EQ(login->status, 200);
  EXPECT_EQ(login->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(login->get_header_value("Content-Security-Policy"), "frame-ancestors 'none'");
  const auto consent = reach_consent();
  auto consent_page = get(authorize_path({{"state", "again"}}), consent.cookie);
  ASSERT_EQ(consent_page->status, 200);
  EXPECT_EQ(consent_page->get_header_value("X-Frame-Options"), "DENY");
  auto error_page = get("/identity/oauth/allow?client_id=nobody");
  EXPECT_EQ(error_page->get_header_value("X-Frame-Options"), "DENY");
}

}  // namespace
}  // namespace oauthsim::authz::testing
