// The client test plan's own checks (client_plan_checks.h).
#include <algorithm>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "oauthsim/scenario/judging/client_plan_checks.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;
namespace party = common::party;

bool is_api_error(const TraceEntry& e) {
  // SR's 403 for a company without the Customer API: retrying cannot help, the user must hear.
  const bool no_feature =
      e.status == 403 &&
      e.response_fields.get_or("message", "").rfind("No access to feature", 0) == 0;
  return e.status == 429 || e.status / 100 == 5 || no_feature;
}

// The number of the harness action an entry happened in (0: before any action).
std::size_t action_of(const std::vector<const TraceEntry*>& markers, const TraceEntry& e) {
  std::size_t n = 0;
  for (auto* m : markers) {
    if (m->seq > e.seq) break;
    ++n;
  }
  return n;
}

const TraceEntry* first_refused_refresh(const FlowView& flow) {
  for (auto* e : flow.token_requests("refresh_token")) {
    if (e->status == 400 && answer_error(*e) == "invalid_grant") return e;
  }
  return nullptr;
}

}  // namespace

std::optional<CheckResult> ClientAnswersEveryUserRequest::evaluate(const FlowView& flow) const {
  const auto requests = flow.all([](const TraceEntry& e) {
    return e.observer == party::kUserAgent && e.to == party::kClient;
  });
  if (requests.empty()) return std::nullopt;
  for (auto* e : requests) {
    if (e->status == 0) {
      return fail(e->method + " " + e->path +
                      " got no answer: the app refused the connection or dropped it (did it "
                      "crash?)",
                  e);
    }
  }
  return pass(std::to_string(requests.size()) + " request(s) to the app, each answered",
              requests.back());
}

std::optional<CheckResult> StateIsNeverReused::evaluate(const FlowView& flow) const {
  std::map<std::string, const TraceEntry*> seen;
  const TraceEntry* first = nullptr;
  for (auto* e :
       flow.all(FlowView::seen_by(party::kAuthorizationServer, "GET", paths::kAuthorize))) {
    const auto state = e->query.get("state");
    if (!state || state->empty()) continue;  // StateCarriesAtLeast128Bits' finding
    if (!first) first = e;
    if (auto it = seen.find(*state); it != seen.end()) {
      return fail("authorization request #" + std::to_string(e->seq) + " reuses state '" + *state +
                      "' of #" + std::to_string(it->second->seq) +
                      ": a state must be fresh for every request",
                  e);
    }
    seen.emplace(*state, e);
  }
  if (seen.size() < 2) return std::nullopt;  // one request cannot reuse anything
  return pass(std::to_string(seen.size()) + " authorization requests, each with its own state",
              first);
}

std::optional<CheckResult> ClientReauthorizesAfterInvalidGrant::evaluate(
    const FlowView& flow) const {
  const TraceEntry* refused = first_refused_refresh(flow);
  if (!refused) return std::nullopt;
  const TraceEntry* again = flow.first([&](const TraceEntry& e) {
    return e.seq > refused->seq &&
           FlowView::seen_by(party::kAuthorizationServer, "GET", paths::kAuthorize)(e);
  });
  if (!again) {
    return fail(
        "the refresh was refused with invalid_grant, and the user was never sent to "
        "authorize again",
        refused);
  }
  for (auto* e : flow.token_requests("authorization_code")) {
    if (e->seq > again->seq && e->status == 200) {
      return pass("after invalid_grant the user authorized again (#" + std::to_string(again->seq) +
                      ") and the new code was redeemed (#" + std::to_string(e->seq) + ")",
                  e);
    }
  }
  return fail("after invalid_grant the user authorized again, but no new code was redeemed", again);
}

std::optional<CheckResult> GrantedScopeIsRespected::evaluate(const FlowView& flow) const {
  const auto calls = flow.api_requests();
  if (calls.empty()) return std::nullopt;
  for (auto* e : calls) {
    if (e->status == 403 && answer_error(*e) == "insufficient_scope") {
      const auto scope =
          challenge_attribute(e->response_headers.get_or("WWW-Authenticate", ""), "scope");
      return fail(e->method + " " + e->path + " needs scope " + scope.value_or("(unnamed)") +
                      ", which the grant lacks: the app called outside its granted scope",
                  e);
    }
  }
  return pass(std::to_string(calls.size()) + " API call(s), none outside the granted scope",
              calls.front());
}

std::optional<CheckResult> ApiErrorIsNotHammered::evaluate(const FlowView& flow) const {
  // Judged per user action: trace times are the mock's virtual clock, not the app's wall time,
  // so how many requests one action caused is what the wire can tell.
  const auto markers = flow.harness_actions();
  std::map<std::size_t, std::vector<const TraceEntry*>> by_action;
  for (auto* e : flow.api_requests()) by_action[action_of(markers, *e)].push_back(e);
  const TraceEntry* first_error = nullptr;
  for (const auto& [action, calls] : by_action) {
    auto error = std::find_if(calls.begin(), calls.end(),
                              [](const TraceEntry* e) { return is_api_error(*e); });
    if (error == calls.end()) continue;
    if (!first_error) first_error = *error;
    int again = 0;
    for (auto it = std::next(error); it != calls.end(); ++it) {
      if ((*it)->path != (*error)->path) continue;
      if (++again > 1) {
        return fail((*error)->method + " " + (*error)->path + " answered " +
                        std::to_string((*error)->status) + ", then the client called it " +
                        std::to_string(again) +
                        " more times in the same action: back off, retry once at most",
                    *it);
      }
    }
  }
  if (!first_error) return std::nullopt;
  return pass(first_error->method + " " + first_error->path + " answered " +
                  std::to_string(first_error->status) +
                  "; the client retried at most once within that action",
              first_error);
}

}  // namespace oauthsim::scenario
