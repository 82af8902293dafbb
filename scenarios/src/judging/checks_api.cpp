// Checks of steps 9-10: the Customer API calls, as the resource server saw them.
#include "oauthsim/scenario/judging/standard_checks.h"

namespace oauthsim::scenario {

std::optional<CheckResult> BearerTokenSentInAuthorizationHeader::evaluate(
    const FlowView& flow) const {
  auto calls = flow.api_requests();
  if (calls.empty()) return std::nullopt;
  for (auto* e : calls) {
    const std::string auth = e->request_headers.get_or("Authorization", "");
    if (auth.rfind("Bearer ", 0) != 0 && auth != "Bearer") {
      return fail(e->method + " " + e->path + " came without an Authorization: Bearer header", e);
    }
    // RFC 6750 2.1: b64token is one or more characters. An app that took an answer without an
    // access_token for a token set sends the scheme alone.
    if (auth.find_first_not_of(' ', 6) == std::string::npos) {
      return fail(e->method + " " + e->path +
                      " came with Authorization: Bearer and no token: the app called the API "
                      "without an access token (was the token answer checked?)",
                  e);
    }
  }
  return pass(std::to_string(calls.size()) + " call(s), each with Authorization: Bearer",
              calls.front());
}

std::optional<CheckResult> AccessTokenNeverInQueryString::evaluate(const FlowView& flow) const {
  auto calls = flow.api_requests();
  if (calls.empty()) return std::nullopt;
  for (auto* e : calls) {
    if (e->query.has("access_token") || e->form.has("access_token")) {
      return fail(e->method + " " + e->path + " carried access_token outside the header", e);
    }
  }
  return pass("no access_token in any URL or body", calls.front());
}

std::optional<CheckResult> RefusalCarriesBearerChallenge::evaluate(const FlowView& flow) const {
  auto calls = flow.api_requests();
  bool any_refusal = false;
  for (auto* e : calls) {
    if (e->status != 401 && e->status != 403) continue;
    const std::string challenge = e->response_headers.get_or("WWW-Authenticate", "");
    // A 403 about the user's rights (no user context, say) is not about the token; RFC 6750
    // governs it only when the scope is the reason.
    if (e->status == 403 && challenge.empty() &&
        e->response_fields.get_or("error", "") != "insufficient_scope") {
      continue;
    }
    any_refusal = true;
    if (challenge.rfind("Bearer", 0) != 0) {
      return fail(std::to_string(e->status) + " without a Bearer challenge", e);
    }
    const bool had_token = e->request_headers.has("Authorization");
    const auto error = challenge_attribute(challenge, "error");
    if (e->status == 403 &&
        (error != "insufficient_scope" || !challenge_attribute(challenge, "scope"))) {
      return fail("403 must name error=\"insufficient_scope\" and the scope needed: " + challenge,
                  e);
    }
    if (e->status == 401 && had_token && error != "invalid_token") {
      return fail("401 for a presented token must say error=\"invalid_token\": " + challenge, e);
    }
  }
  if (!any_refusal) return std::nullopt;
  return pass("every 401/403 carried an RFC 6750 challenge", nullptr);
}

}  // namespace oauthsim::scenario
