// Proves the grader: each broken variant of the reference client is caught by exactly the checks
// named for it, at their steps, and every other check passes; the correct client passes all.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "e2e/flow_explain.h"
#include "oauthsim/client/client_flaw.h"
#include "oauthsim/scenario/runner/scenario_runner.h"

namespace oauthsim::scenario {
namespace {

using client::ClientFlaw;
using Caught = std::set<std::pair<int, std::string>>;  // (step, check)

constexpr std::string_view kAsExpected = "fails as the scenario expects: ";

struct ClientVariant {
  ClientFlaw flaw;
  Caught caught_by;
};

// The table the README shows: each flaw and the checks that catch it, at their steps.
const std::vector<ClientVariant>& client_variants() {
  static const std::vector<ClientVariant> kVariants = {
      {ClientFlaw::kNoState, {{2, "StateCarriesAtLeast128Bits"}}},
      {ClientFlaw::kStateNotChecked, {{6, "ClientRefusesCallbackWithWrongState"}}},
      {ClientFlaw::kCodeRedeemedTwice, {{7, "CodeIsRedeemedOnce"}}},
      {ClientFlaw::kSecretInQuery, {{7, "CodeIsSentAsFormBody"}, {7, "ClientAuthenticatesOnce"}}},
      {ClientFlaw::kTokenInQuery,
       {{9, "BearerTokenSentInAuthorizationHeader"}, {9, "AccessTokenNeverInQueryString"}}},
      {ClientFlaw::kRotatedRefreshTokenNotKept, {{7, "ClientKeepsRotatedRefreshToken"}}},
      {ClientFlaw::kRefreshRetriedForever, {{7, "ClientStopsRefreshingAfterInvalidGrant"}}},
      {ClientFlaw::kTokenRequestAfterDenial, {{6, "NoTokenRequestAfterDenial"}}},
      {ClientFlaw::kRedirectUriNotSent, {{7, "RedirectUriMatchesAuthorization"}}},
      {ClientFlaw::kTokenAnswerNotChecked, {{9, "BearerTokenSentInAuthorizationHeader"}}},
      {ClientFlaw::kApiErrorRetriedAtOnce, {{9, "ClientWaitsRetryAfterBeforeCallingAgain"}}},
  };
  return kVariants;
}

ScenarioSpec builtin(const std::string& name) {
  for (auto& spec : builtin_scenarios()) {
    if (spec.name == name) return spec;
  }
  throw std::runtime_error("no built-in scenario " + name);
}

std::string scenario_of(ClientFlaw flaw) {
  return "broken_client_" + std::string(client::flaw_name(flaw));
}

class BrokenClient : public ::testing::TestWithParam<ClientVariant> {};

TEST_P(BrokenClient, IsCaughtByExactlyItsChecksAndPassesEveryOther) {
  const ScenarioSpec spec = builtin(scenario_of(GetParam().flaw));
  ASSERT_EQ(spec.world.client_flaws, std::set<ClientFlaw>{GetParam().flaw});
  const FlowResult r = run_mission_flow(to_flow(spec));
  ASSERT_TRUE(r.error.empty()) << r.error;
  Caught caught;
  for (const auto& s : r.steps) {
    for (const auto& c : s.checks) {
      EXPECT_TRUE(c.passed) << "step " << s.step << " " << c.name << ": " << c.evidence;
      if (c.evidence.rfind(kAsExpected, 0) == 0) caught.emplace(s.step, c.name);
    }
  }
  EXPECT_EQ(caught, GetParam().caught_by);
  EXPECT_TRUE(r.passed) << explain(r);
}

TEST_P(BrokenClient, ScenarioFailsForTheCorrectClient) {
  // Without the flaw the checks the scenario expects to fail pass (or the flow stops where a
  // correct client stops), so the scenario really tells the variant from the correct client.
  ScenarioSpec spec = builtin(scenario_of(GetParam().flaw));
  spec.world.client_flaws.clear();
  const FlowResult r = run_mission_flow(to_flow(spec));
  ASSERT_TRUE(r.error.empty()) << r.error;
  EXPECT_FALSE(r.passed);
  for (const auto& [step, check] : GetParam().caught_by) {
    bool failed = false;
    for (const auto& c : r.steps.at(static_cast<std::size_t>(step - 1)).checks) {
      failed = failed || (c.name == check && !c.passed);
    }
    EXPECT_TRUE(failed) << check << " should not fail as expected for the correct client";
  }
}

INSTANTIATE_TEST_SUITE_P(Flaws, BrokenClient, ::testing::ValuesIn(client_variants()),
                         [](const ::testing::TestParamInfo<ClientVariant>& info) {
                           return std::string(client::flaw_name(info.param.flaw));
                         });

TEST(BrokenClients, EveryFlawHasAVariantRow) {
  std::set<ClientFlaw> listed;
  for (const auto& v : client_variants()) listed.insert(v.flaw);
  for (auto f : client::all_client_flaws()) EXPECT_TRUE(listed.count(f)) << client::flaw_name(f);
}

TEST(CorrectClient, PassesEveryStepAndCheckOfTheAllowFlow) {
  const ScenarioSpec spec = builtin("allow");
  ASSERT_TRUE(spec.world.client_flaws.empty());
  ASSERT_TRUE(spec.failing_checks.empty());
  const FlowResult r = run_mission_flow(to_flow(spec));
  ASSERT_TRUE(r.error.empty()) << r.error;
  ASSERT_EQ(r.steps.size(), static_cast<std::size_t>(kStepCount));
  for (const auto& s : r.steps) {
    EXPECT_EQ(s.verdict, Verdict::kPass) << "step " << s.step << ": " << s.observed;
    for (const auto& c : s.checks) {
      EXPECT_TRUE(c.passed) << "step " << s.step << " " << c.name << ": " << c.evidence;
    }
  }
  EXPECT_TRUE(r.passed) << explain(r);
}

}  // namespace
}  // namespace oauthsim::scenario
