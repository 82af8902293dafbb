#include "oauthsim/authz/pages.h"

#include <gmock/gmock.h>

namespace oauthsim::authz {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(LoginPage, HasTheFormContractTheUserAgentReads) {
  const auto html = render_login_page({"req-1", "csrf-1", "Acme ATS", "", ""});
  EXPECT_THAT(html, HasSubstr(R"(<form id="login" method="post" action="/identity/oauth/login">)"));
  EXPECT_THAT(html, HasSubstr(R"(<input name="username")"));
  EXPECT_THAT(html, HasSubstr(R"(<input type="password" name="password")"));
  EXPECT_THAT(html, HasSubstr(R"(name="csrf_token" value="csrf-1")"));
  EXPECT_THAT(html, HasSubstr(R"(name="request_id" value="req-1")"));
  EXPECT_THAT(html, Not(HasSubstr("Invalid e-mail or password")));
}

TEST(LoginPage, ShowsErrorAndEscapesEverything) {
  const auto html =
      render_login_page({"r", "c", "<script>x</script>", "a\"b@x", "Invalid e-mail or password"});
  EXPECT_THAT(html, HasSubstr("Invalid e-mail or password"));
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, HasSubstr("a&quot;b@x"));
}

TEST(ConsentPage, ListsClientScopesWithDescriptionsAndBothButtons) {
  const auto html = render_consent_page(
      {"req-1",
       "csrf-2",
       "Acme ATS",
       "alice@example.com",
       {{"jobs_read", "Read your jobs"}, {"user_me_read", "Read your profile"}}});
  EXPECT_THAT(html,
              HasSubstr(R"(<form id="consent" method="post" action="/identity/oauth/consent">)"));
  EXPECT_THAT(html, HasSubstr("Acme ATS"));
  EXPECT_THAT(html, HasSubstr("jobs_read"));
  EXPECT_THAT(html, HasSubstr("Read your jobs"));
  EXPECT_THAT(html, HasSubstr("Read your profile"));
  EXPECT_THAT(html, HasSubstr(R"(name="csrf_token" value="csrf-2")"));
  EXPECT_THAT(html, HasSubstr(R"(name="request_id" value="req-1")"));
  EXPECT_THAT(html,
              HasSubstr(R"(<button type="submit" name="decision" value="allow">Allow</button>)"));
  EXPECT_THAT(html,
              HasSubstr(R"(<button type="submit" name="decision" value="deny">Deny</button>)"));
}

TEST(ErrorPage, EscapesTheMessage) {
  EXPECT_THAT(render_error_page("Bad", "<b>"), HasSubstr("&lt;b&gt;"));
}

}  // namespace
}  // namespace oauthsim::authz
