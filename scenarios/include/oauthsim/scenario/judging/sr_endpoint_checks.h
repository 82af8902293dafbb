#pragma once
#include "oauthsim/scenario/judging/check.h"

namespace oauthsim::scenario {

// Step 7: the client calls only endpoints SR serves. The mock also serves RFC 7009 revocation,
// RFC 7662 introspection and RFC 8414 metadata; SR documents none of them (SR-FACTS.md), so an
// app calling them works here and gets 404 from SR. A WARNING, not a FAIL: the app may cope
// with the 404 (a revocation on disconnect that fails quietly breaks nothing), which the wire
// cannot tell (src/judging/checks_sr_endpoints.cpp).
class ClientCallsOnlyEndpointsSrServes final : public Check {
 public:
  int step() const override { return 7; }
  std::string_view name() const override { return "ClientCallsOnlyEndpointsSrServes"; }
  std::string_view ref() const override {
    return "SR: no revocation, introspection or RFC 8414 metadata endpoint";
  }
  CheckLevel level() const override { return CheckLevel::kWarning; }
  std::optional<CheckResult> evaluate(const FlowView& flow) const override;
};

}  // namespace oauthsim::scenario
