// The step label a replay puts beside each traced exchange, for every kind of exchange the four
// parties record and for the harness's markers.
#include "oauthsim/scenario/judging/exchange_step.h"

#include <gtest/gtest.h>

#include "oauthsim/authz/metadata.h"
#include "unit/scenario/trace_entry_builder.h"

namespace oauthsim::scenario {
namespace {

using test::Entry;
namespace party = common::party;

Entry client_saw(std::string method, std::string path) {
  return Entry(party::kClient, party::kUserAgent, party::kClient, std::move(method),
               std::move(path));
}

Entry token_request(std::string grant_type) {
  return test::as_saw("POST", paths::kToken, party::kClient).form("grant_type", grant_type);
}

using test::marker;

TEST(ExchangeStep, ConnectAtTheClientIsStep1FromEitherSide) {
  EXPECT_EQ(exchange_step(test::connect()), "1");
  EXPECT_EQ(exchange_step(client_saw("GET", "/connect")), "1");
}

TEST(ExchangeStep, AuthorizationEndpointIsStep2) {
  EXPECT_EQ(exchange_step(test::authorization_request()), "2");
  // The user agent's own view, of an origin it could not name, is still step 2.
  EXPECT_EQ(exchange_step(test::ua_saw("GET", std::string(paths::kAuthorize), party::kUnknown)),
            "2");
}

TEST(ExchangeStep, LoginFormAndLoginPostAreStep3) {
  EXPECT_EQ(exchange_step(test::login()), "3");
  EXPECT_EQ(exchange_step(test::login(false)), "3");
  EXPECT_EQ(exchange_step(test::as_saw("GET", paths::kLogin)), "3");
}

TEST(ExchangeStep, ConsentFormIsStep4AndDecisionIsStep5) {
  EXPECT_EQ(exchange_step(test::consent_shown()), "4");
  EXPECT_EQ(exchange_step(test::consent_decision("allow")), "5");
  EXPECT_EQ(exchange_step(test::consent_decision("deny")), "5");
}

TEST(ExchangeStep, CallbackAtTheClientIsStep6) {
  EXPECT_EQ(exchange_step(client_saw("GET", "/callback").query("code", test::kCode)), "6");
  EXPECT_EQ(exchange_step(test::ua_saw("GET", "/callback", party::kClient)), "6");
}

TEST(ExchangeStep, CodeRedemptionIsSteps7And8AsOneExchange) {
  EXPECT_EQ(exchange_step(test::code_redemption()), "7-8");
  EXPECT_EQ(exchange_step(test::code_refused("invalid_grant")), "7-8");
}

TEST(ExchangeStep, CustomerApiCallsAreSteps9And10) {
  EXPECT_EQ(exchange_step(test::api_call()), "9-10");
  EXPECT_EQ(exchange_step(test::api_call(401, test::kAccessToken, "/jobs")), "9-10");
}

TEST(ExchangeStep, OtherGrantsAtTheTokenEndpointAreNamed) {
  EXPECT_EQ(exchange_step(test::refresh(test::kRefreshToken, "[redacted fp:00000000]")), "refresh");
  EXPECT_EQ(exchange_step(token_request("client_credentials")), "client credentials");
  EXPECT_EQ(exchange_step(token_request("password")), "token endpoint");
  EXPECT_EQ(exchange_step(test::as_saw("POST", paths::kToken, party::kClient)), "token endpoint");
}

TEST(ExchangeStep, RevocationAndIntrospectionAreNamed) {
  EXPECT_EQ(exchange_step(test::as_saw("POST", paths::kRevoke, party::kClient)), "revocation");
  EXPECT_EQ(exchange_step(test::as_saw("POST", authz::paths::kIntrospect, party::kResourceServer)),
            "introspection");
}

TEST(ExchangeStep, OtherVendorAppPagesAreVendorApp) {
  EXPECT_EQ(exchange_step(client_saw("GET", "/action").query("path", "/users/me")), "vendor app");
  EXPECT_EQ(exchange_step(client_saw("GET", "/")), "vendor app");
}

TEST(ExchangeStep, UnknownPartyAndPathIsOther) {
  EXPECT_EQ(exchange_step(test::ua_saw("GET", "/favicon.ico", party::kUnknown)), "other");
}

TEST(ExchangeStep, HarnessMarkersHaveNoStep) {
  const auto action = marker("action 2: advance_clock 1801 s");
  const auto fault = marker("fault: replace_code at redirect_back");
  EXPECT_TRUE(is_harness_marker(action));
  EXPECT_TRUE(is_harness_marker(fault));
  EXPECT_EQ(exchange_step(action), "");
  EXPECT_EQ(exchange_step(fault), "");
}

TEST(ExchangeStep, PartiesExchangesAreNotMarkers) {
  EXPECT_FALSE(is_harness_marker(test::connect()));
  EXPECT_FALSE(is_harness_marker(test::api_call()));
}

}  // namespace
}  // namespace oauthsim::scenario
