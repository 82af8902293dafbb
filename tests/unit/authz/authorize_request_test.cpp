#include "oauthsim/authz/authorize_request.h"

#include <gmock/gmock.h>

#include "unit/authz/test_config.h"

namespace oauthsim::authz {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class AuthorizeRequestTest : public ::testing::Test {
 protected:
  common::Config config = testing::test_config();
  common::Params base{{"client_id", "acme-ats"},
                      {"redirect_uri", "http://localhost:9000/callback"},
                      {"state", "s-123"}};

  AuthorizeError error_for(const common::Params& q) {
    auto r = validate_authorize_request(config, q);
    EXPECT_TRUE(std::holds_alternative<AuthorizeError>(r));
    return std::holds_alternative<AuthorizeError>(r) ? std::get<AuthorizeError>(r)
                                                     : AuthorizeError{};
  }
};

TEST_F(AuthorizeRequestTest, ValidRequestWithoutScopeGetsDefaultScopesAndKeepsState) {
  auto r = validate_authorize_request(config, base);
  ASSERT_TRUE(std::holds_alternative<AuthorizeRequest>(r));
  const auto& req = std::get<AuthorizeRequest>(r);
  EXPECT_EQ(req.client_id, "acme-ats");
  EXPECT_THAT(req.scopes, ElementsAre("user_me_read"));
  EXPECT_EQ(req.state, "s-123");
  EXPECT_TRUE(req.code_challenge.empty());
}

TEST_F(AuthorizeRequestTest, UnknownClientIsAnErrorPageNotARedirect) {
  common::Params q = base;
  q.set("client_id", "nobody");
  EXPECT_FALSE(error_for(q).redirect);
}

TEST_F(AuthorizeRequestTest, MissingClientIdIsAnErrorPage) {
  common::Params q = base;
  q.erase("client_id");
  EXPECT_FALSE(error_for(q).redirect);
}

TEST_F(AuthorizeRequestTest, UnregisteredRedirectUriIsAnErrorPage) {
  common::Params q = base;
  q.set("redirect_uri", "http://evil.example/callback");
  const auto e = error_for(q);
  EXPECT_FALSE(e.redirect);
  EXPECT_TRUE(e.redirect_uri.empty());
}

TEST_F(AuthorizeRequestTest, RedirectUriMatchIsExactAndCaseSensitive) {
  for (const char* near_miss :
       {"http://localhost:9000/callback/", "http://LOCALHOST:9000/callback",
        "http://localhost:9000/Callback", "http://localhost:9000/callback?x=1"}) {
    common::Params q = base;
    q.set("redirect_uri", near_miss);
    EXPECT_FALSE(error_for(q).redirect) << near_miss;
  }
}

TEST_F(AuthorizeRequestTest, MissingRedirectUriIsAnErrorPage) {
  common::Params q = base;
  q.erase("redirect_uri");
  EXPECT_FALSE(error_for(q).redirect);
}

TEST_F(AuthorizeRequestTest, RepeatedRedirectUriIsAnErrorPageEvenWhenBothAreRegistered) {
  common::Params q = base;
  q.add("redirect_uri", "https://acme.example/cb?tenant=1");
  EXPECT_FALSE(error_for(q).redirect);
}

TEST_F(AuthorizeRequestTest, RepeatedOtherParameterRedirectsInvalidRequest) {
  common::Params q = base;
  q.add("scope", "jobs_read");
  q.add("scope", "user_me_read");
  const auto e = error_for(q);
  EXPECT_TRUE(e.redirect);
  EXPECT_EQ(e.error, "invalid_request");
  EXPECT_THAT(e.description, HasSubstr("scope"));
}

TEST_F(AuthorizeRequestTest, WrongResponseTypeRedirectsUnsupportedResponseTypeWithState) {
  common::Params q = base;
  q.add("response_type", "token");
  const auto e = error_for(q);
  EXPECT_TRUE(e.redirect);
  EXPECT_EQ(e.error, "unsupported_response_type");
  EXPECT_EQ(e.state, "s-123");
  EXPECT_EQ(e.redirect_uri, "http://localhost:9000/callback");
}

TEST_F(AuthorizeRequestTest, ResponseTypeCodeIsAccepted) {
  common::Params q = base;
  q.add("response_type", "code");
  EXPECT_TRUE(std::holds_alternative<AuthorizeRequest>(validate_authorize_request(config, q)));
}

TEST_F(AuthorizeRequestTest, EmptyScopeRedirectsInvalidScope) {
  common::Params q = base;
  q.add("scope", "");
  EXPECT_EQ(error_for(q).error, "invalid_scope");
}

TEST_F(AuthorizeRequestTest, ScopeOutsideRegistrationRedirectsInvalidScope) {
  common::Params q = base;
  q.add("scope", "jobs_read users_manage");
  EXPECT_EQ(error_for(q).error, "invalid_scope");
}

TEST_F(AuthorizeRequestTest, PkceChallengeWithoutMethodDefaultsToPlain) {
  common::Params q = base;
  q.add("code_challenge", std::string(43, 'x'));
  auto r = validate_authorize_request(config, q);
  ASSERT_TRUE(std::holds_alternative<AuthorizeRequest>(r));
  EXPECT_EQ(std::get<AuthorizeRequest>(r).code_challenge_method, "plain");
}

TEST_F(AuthorizeRequestTest, UnsupportedPkceMethodRedirectsInvalidRequest) {
  common::Params q = base;
  q.add("code_challenge", std::string(43, 'x'));
  q.add("code_challenge_method", "S512");
  EXPECT_EQ(error_for(q).error, "invalid_request");
}

TEST_F(AuthorizeRequestTest, PkceMethodWithoutChallengeRedirectsInvalidRequest) {
  common::Params q = base;
  q.add("code_challenge_method", "S256");
  EXPECT_EQ(error_for(q).error, "invalid_request");
}

TEST_F(AuthorizeRequestTest, ClientRequiringPkceWithoutChallengeRedirectsInvalidRequest) {
  common::Params q = base;
  q.set("client_id", "pkce-app");
  const auto e = error_for(q);
  EXPECT_TRUE(e.redirect);
  EXPECT_EQ(e.error, "invalid_request");
  EXPECT_THAT(e.description, HasSubstr("PKCE"));
}

TEST_F(AuthorizeRequestTest, ErrorLocationKeepsExistingQueryAndEchoesState) {
  AuthorizeError e;
  e.redirect = true;
  e.error = "invalid_scope";
  e.description = "bad scope";
  e.redirect_uri = "https://acme.example/cb?tenant=1";
  e.state = "a b&c";
  EXPECT_EQ(e.location(),
            "https://acme.example/cb?tenant=1&error=invalid_scope&error_description=bad%20scope"
            "&state=a%20b%26c");
}

TEST_F(AuthorizeRequestTest, ErrorLocationOmitsStateWhenNoneWasSent) {
  common::Params q = base;
  q.erase("state");
  q.add("response_type", "token");
  EXPECT_THAT(error_for(q).location(), ::testing::Not(HasSubstr("state")));
}

}  // namespace
}  // namespace oauthsim::authz
