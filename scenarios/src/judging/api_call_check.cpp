#include "oauthsim/scenario/judging/api_call_check.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;

// Fault markers ("fault: ...") fall inside an action; only the next action ends its window.
bool is_action_marker(const TraceEntry& e) {
  return is_harness_marker(e) && e.action_number != 0;
}

std::string error_of(const TraceEntry& e) {
  const auto challenge = e.response_headers.get_or("WWW-Authenticate", "");
  if (auto error = challenge_attribute(challenge, "error")) return *error;
  return e.response_fields.get_or("error", "");
}

}  // namespace

std::optional<CheckResult> ApiCallAnswersAsScenarioExpects::evaluate(const FlowView& flow) const {
  const std::string prefix = "action " + std::to_string(action_number_);
  const std::string wanted =
      std::to_string(expected_.status) + (expected_.error.empty() ? "" : " " + expected_.error);
  bool inside = false;
  const TraceEntry* marker = nullptr;
  const TraceEntry* last_call = nullptr;
  for (const auto& e : flow.entries()) {
    if (is_action_marker(e)) {
      if (inside) break;
      inside = e.action_number == static_cast<std::size_t>(action_number_);
      if (inside) marker = &e;
      continue;
    }
    if (inside && e.observer == common::party::kResourceServer) last_call = &e;
  }
  if (!marker) return fail("expected " + wanted + ", but the trace has no marker of " + prefix);
  if (!last_call)
    return fail("expected " + wanted + ", but " + marker->note + " made no API call", marker);
  const std::string error = error_of(*last_call);
  const std::string actual = last_call->method + " " + last_call->path + " answered " +
                             std::to_string(last_call->status) + (error.empty() ? "" : " " + error);
  const bool ok = last_call->status == expected_.status &&
                  (expected_.error.empty() || error == expected_.error);
  return ok ? pass(marker->note + ": " + actual, last_call)
            : fail(marker->note + ": expected " + wanted + ", actual " + actual, last_call);
}

}  // namespace oauthsim::scenario
