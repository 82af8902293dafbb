#include "oauthsim/scenario/judging/refresh_checks.h"

#include <set>

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;

bool is_invalid_token(const TraceEntry& e) {
  return e.status == 401 && challenge_attribute(e.response_headers.get_or("WWW-Authenticate", ""),
                                                "error") == "invalid_token";
}

}  // namespace

std::optional<CheckResult> ExpiredTokenIsRefusedAsInvalidToken::evaluate(
    const FlowView& flow) const {
  for (auto* e : flow.api_requests()) {
    if (is_invalid_token(*e)) return pass("401 error=\"invalid_token\"", e);
  }
  return fail("no API call was refused with 401 invalid_token", nullptr);
}

std::optional<CheckResult> ClientRefreshesAndRetriesOnce::evaluate(const FlowView& flow) const {
  const auto& all = flow.entries();
  for (std::size_t i = 0; i < all.size(); ++i) {
    const TraceEntry& refused = all[i];
    if (refused.observer != common::party::kResourceServer || !is_invalid_token(refused)) continue;
    const TraceEntry* refresh = nullptr;
    int retries = 0;
    const TraceEntry* retry = nullptr;
    for (std::size_t j = i + 1; j < all.size(); ++j) {
      const TraceEntry& e = all[j];
      if (!refresh && e.observer == common::party::kAuthorizationServer &&
          e.form.get_or("grant_type", "") == "refresh_token") {
        refresh = &e;
      } else if (refresh && e.observer == common::party::kResourceServer &&
                 e.path == refused.path) {
        ++retries;
        if (!retry) retry = &e;
        // Once a retry succeeded, later calls to the same path are new calls, not retries.
        if (e.status / 100 == 2) break;
      }
    }
    if (!refresh) return fail("after 401 invalid_token the client did not refresh", &refused);
    if (!retry) return fail("the client refreshed but did not retry the call", refresh);
    if (retries > 1) {
      return fail("the client retried " + std::to_string(retries) + " times; once is enough",
                  retry);
    }
    return retry->status / 100 == 2
               ? pass("401, refresh, retry answered " + std::to_string(retry->status), retry)
               : fail("the retry was answered " + std::to_string(retry->status), retry);
  }
  return std::nullopt;
}

std::optional<CheckResult> RefreshRotatesRefreshToken::evaluate(const FlowView& flow) const {
  auto refreshes = flow.token_requests("refresh_token");
  for (auto* e : refreshes) {
    if (e->status != 200) continue;
    const std::string presented = e->form.get_or("refresh_token", "");
    const auto issued = e->response_fields.get("refresh_token");
    if (!issued) return fail("the refresh answer carried no new refresh token", e);
    return *issued != presented ? pass("new refresh token " + *issued + " replaced " + presented, e)
                                : fail("the same refresh token came back: no rotation", e);
  }
  return refreshes.empty() ? std::nullopt
                           : std::optional(fail("no refresh request succeeded", refreshes.front()));
}

std::optional<CheckResult> RotatedOutRefreshTokenIsRefused::evaluate(const FlowView& flow) const {
  std::set<std::string> used;
  for (auto* e : flow.token_requests("refresh_token")) {
    const std::string presented = e->form.get_or("refresh_token", "");
    if (used.count(presented)) {
      const bool refused =
          e->status == 400 && e->response_fields.get_or("error", "") == "invalid_grant";
      return refused ? pass("reused refresh token " + presented + " refused with invalid_grant", e)
                     : fail("reused refresh token " + presented + " was answered " +
                                std::to_string(e->status),
                            e);
    }
    if (e->status == 200) used.insert(presented);
  }
  return fail("no rotated-out refresh token was presented again", nullptr);
}

}  // namespace oauthsim::scenario
