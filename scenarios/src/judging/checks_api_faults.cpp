// Fault checks of steps 9-10: rate limits, a token in the query, and grants that must stop
// working (a revoked token, a deleted user).
#include <string>
#include <vector>

#include "oauthsim/scenario/judging/fault_checks.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;

// Retry-After as delay-seconds (RFC 9110 10.2.3); nullopt for an HTTP-date or garbage.
std::optional<std::int64_t> retry_after_seconds(const TraceEntry& e) {
  const auto value = e.response_headers.get("Retry-After");
  if (!value || value->empty() || value->size() > 9) return std::nullopt;
  std::int64_t seconds = 0;
  for (char c : *value) {
    if (c < '0' || c > '9') return std::nullopt;
    seconds = seconds * 10 + (c - '0');
  }
  return seconds;
}

// API calls the resource server itself judged after `seq` (an injected answer judged nothing).
std::vector<const TraceEntry*> judged_api_calls_after(const FlowView& flow, std::uint64_t seq) {
  std::vector<const TraceEntry*> out;
  for (auto* e : flow.api_requests()) {
    if (e->seq > seq && !answered_by_injected_fault(*e)) out.push_back(e);
  }
  return out;
}

std::vector<const TraceEntry*> refreshes_after(const FlowView& flow, std::uint64_t seq) {
  std::vector<const TraceEntry*> out;
  for (auto* e : flow.token_requests("refresh_token")) {
    if (e->seq > seq) out.push_back(e);
  }
  return out;
}

bool is_refused_token(const TraceEntry& e) {
  return e.status == 401 && answer_error(e) == "invalid_token";
}

bool is_refused_grant(const TraceEntry& e) {
  return e.status == 400 && answer_error(e) == "invalid_grant";
}

std::string call_of(const TraceEntry& e) {
  return e.method + " " + e.path;
}

}  // namespace

std::optional<CheckResult> ClientWaitsRetryAfterBeforeCallingAgain::evaluate(
    const FlowView& flow) const {
  const auto calls = flow.api_requests();
  const TraceEntry* limited = nullptr;
  for (std::size_t i = 0; i < calls.size(); ++i) {
    const TraceEntry& answer = *calls[i];
    const auto wait = retry_after_seconds(answer);
    if (answer.status != 429 || !wait) continue;
    if (!limited) limited = &answer;
    const std::int64_t not_before = answer.time_ms + *wait * 1000;
    for (std::size_t j = i + 1; j < calls.size(); ++j) {
      const TraceEntry& again = *calls[j];
      if (again.from != answer.from || again.path != answer.path) continue;
      if (again.time_ms < not_before) {
        return fail(call_of(again) + " came again " +
                        std::to_string(again.time_ms - answer.time_ms) +
                        " ms after a 429 with Retry-After: " + std::to_string(*wait) +
                        "; expected a wait of at least " + std::to_string(*wait * 1000) + " ms",
                    &again);
      }
    }
  }
  if (!limited) return std::nullopt;
  return pass("after 429 with Retry-After: " + std::to_string(*retry_after_seconds(*limited)) +
                  " the client waited before calling " + limited->path + " again",
              limited);
}

std::optional<CheckResult> RateLimitAnswerCarriesRetryAfter::evaluate(const FlowView& flow) const {
  const TraceEntry* limited = nullptr;
  for (auto* e : flow.api_requests()) {
    if (e->status != 429 || answered_by_injected_fault(*e)) continue;
    if (!limited) limited = e;
    std::string missing;
    for (const char* h : {"Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining"}) {
      if (!e->response_headers.has(h)) missing += std::string(missing.empty() ? "" : ", ") + h;
    }
    if (!missing.empty()) return fail("the 429 to " + call_of(*e) + " lacks " + missing, e);
  }
  if (!limited) return std::nullopt;
  return pass(
      "429 with Retry-After: " + limited->response_headers.get_or("Retry-After", "") +
          ", X-RateLimit-Limit: " + limited->response_headers.get_or("X-RateLimit-Limit", "") +
          ", X-RateLimit-Remaining: " +
          limited->response_headers.get_or("X-RateLimit-Remaining", ""),
      limited);
}

std::optional<CheckResult> RevokedTokenIsRefused::evaluate(const FlowView& flow) const {
  const auto revocations = flow.all([](const TraceEntry& e) {
    return FlowView::seen_by(common::party::kAuthorizationServer, "POST", paths::kRevoke)(e) &&
           e.status == 200 && e.form.has("token");
  });
  if (revocations.empty()) return std::nullopt;
  int later_uses = 0;
  for (auto* revoked : revocations) {
    const std::string token = revoked->form.get_or("token", "");
    for (auto* e : judged_api_calls_after(flow, revoked->seq)) {
      if (bearer_token(*e) != token) continue;
      ++later_uses;
      if (e->status != 401) {
        return fail(call_of(*e) + " with the revoked token " + token + " was answered " +
                        answer_summary(*e) + "; expected 401",
                    e);
      }
    }
    for (auto* e : refreshes_after(flow, revoked->seq)) {
      if (e->form.get_or("refresh_token", "") != token) continue;
      ++later_uses;
      if (!is_refused_grant(*e)) {
        return fail("a refresh with the revoked token " + token + " was answered " +
                        answer_summary(*e) + "; expected 400 invalid_grant",
                    e);
      }
    }
  }
  return pass(later_uses == 0 ? "token revoked; nothing used it later"
                              : "token revoked; " + std::to_string(later_uses) +
                                    " later use(s) of it were refused",
              revocations.front());
}

std::optional<CheckResult> TokenInQueryIsRefused::evaluate(const FlowView& flow) const {
  const TraceEntry* in_query = nullptr;
  for (auto* e : flow.api_requests()) {
    // An injected answer (a scenario's 429 or 503) replaced the API's own judgement.
    if (!e->query.has("access_token") || answered_by_injected_fault(*e)) continue;
    if (!in_query) in_query = e;
    const bool refused = e->status == 400 && answer_error(*e) == "invalid_request";
    if (!refused) {
      return fail(call_of(*e) + " with access_token in the query was answered " +
                      answer_summary(*e) + "; expected 400 invalid_request",
                  e);
    }
  }
  if (!in_query) return std::nullopt;
  return pass("access_token in the query refused with 400 invalid_request", in_query);
}

std::optional<CheckResult> DeletedUsersGrantIsRefused::evaluate(const FlowView& flow) const {
  const TraceEntry* deletion = flow.harness_action("delete_user");
  if (!deletion) return std::nullopt;
  const auto calls = judged_api_calls_after(flow, deletion->seq);
  const auto refreshes = refreshes_after(flow, deletion->seq);
  for (auto* e : calls) {
    if (!is_refused_token(*e)) {
      return fail("after the user's deletion " + call_of(*e) + " was answered " +
                      answer_summary(*e) + "; expected 401 invalid_token",
                  e);
    }
  }
  for (auto* e : refreshes) {
    if (!is_refused_grant(*e)) {
      return fail("after the user's deletion a refresh was answered " + answer_summary(*e) +
                      "; expected 400 invalid_grant",
                  e);
    }
  }
  if (calls.empty() && refreshes.empty()) {
    return fail("nothing tried the grant after the deletion", deletion);
  }
  return pass("after the user's deletion " + std::to_string(calls.size()) +
                  " API call(s) got 401 invalid_token and " + std::to_string(refreshes.size()) +
                  " refresh(es) got 400 invalid_grant",
              deletion);
}

}  // namespace oauthsim::scenario
