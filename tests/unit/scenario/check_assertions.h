#pragma once
// gtest predicates for judging one check on a hand-built trace: it passes, it fails for the
// reason the test means, or it does not apply.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "oauthsim/scenario/judging/check.h"
#include "unit/scenario/trace_entry_builder.h"

namespace oauthsim::scenario::test {

inline ::testing::AssertionResult Passes(const Check& check,
                                         const std::vector<common::TraceEntry>& trace,
                                         const common::ClientConfig* client = &acme()) {
  auto r = check.evaluate(flow_of(trace, client));
  if (!r) return ::testing::AssertionFailure() << check.name() << " did not apply";
  if (!r->passed)
    return ::testing::AssertionFailure() << check.name() << " failed: " << r->evidence;
  return ::testing::AssertionSuccess();
}

// Fails, and the evidence mentions `says` (so the failure is for the reason the test means).
inline ::testing::AssertionResult Fails(const Check& check,
                                        const std::vector<common::TraceEntry>& trace,
                                        std::string_view says = "",
                                        const common::ClientConfig* client = &acme()) {
  auto r = check.evaluate(flow_of(trace, client));
  if (!r) return ::testing::AssertionFailure() << check.name() << " did not apply";
  if (r->passed) return ::testing::AssertionFailure() << check.name() << " passed: " << r->evidence;
  if (r->evidence.find(says) == std::string::npos) {
    return ::testing::AssertionFailure()
           << "evidence '" << r->evidence << "' does not mention '" << says << "'";
  }
  return ::testing::AssertionSuccess();
}

// The level a check's verdict on `trace` carries (FAIL unless the check says otherwise).
inline CheckLevel LevelOf(const Check& check, const std::vector<common::TraceEntry>& trace,
                          const common::ClientConfig* client = &acme()) {
  auto r = check.evaluate(flow_of(trace, client));
  if (!r) {
    ADD_FAILURE() << check.name() << " did not apply";
    return CheckLevel::kFail;
  }
  return r->level;
}

inline ::testing::AssertionResult DoesNotApply(const Check& check,
                                               const std::vector<common::TraceEntry>& trace,
                                               const common::ClientConfig* client = &acme()) {
  auto r = check.evaluate(flow_of(trace, client));
  if (r) return ::testing::AssertionFailure() << check.name() << " applied: " << r->evidence;
  return ::testing::AssertionSuccess();
}

}  // namespace oauthsim::scenario::test
