// Fault checks of steps 7-8: the token endpoint facing a server error, a replayed or stale code,
// a code presented by another client or with another redirect_uri.
#include "oauthsim/scenario/judging/fault_checks.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;

// A 5xx, or a TLS handshake the token endpoint refused: the server failed, not the grant.
bool failed_at_the_server(const TraceEntry& e) {
  return e.status / 100 == 5 || e.fault == common::FaultEffect::kHandshakeRefused;
}

std::string failure_summary(const TraceEntry& e) {
  return e.status != 0 ? "answered " + std::to_string(e.status) : "refused at the TLS handshake";
}

std::string code_of(const TraceEntry& e) {
  return e.form.get_or("code", "");
}

// The client a code exchange speaks for: the authenticated Basic identity, else the form's.
std::optional<std::string> exchanging_client(const TraceEntry& e) {
  if (auto id = basic_client_id(e)) return id;
  return e.form.get("client_id");
}

}  // namespace

std::optional<CheckResult> ClientRetriesTokenRequestAtMostOnceAfterServerError::evaluate(
    const FlowView& flow) const {
  // Every request, injected answers included: those are the errors the client had to face.
  const auto requests =
      flow.all(FlowView::seen_by(common::party::kAuthorizationServer, "POST", paths::kToken));
  // A run: consecutive 5xx answers (or refused handshakes) to one grant type. An injected answer
  // came before the body was read, so its grant is unknown ("") and joins the run it sits in.
  int run = 0;
  std::string run_grant;
  const TraceEntry* first_error = nullptr;
  for (auto* e : requests) {
    const std::string grant = e->form.get_or("grant_type", "");
    if (!failed_at_the_server(*e)) {
      run = 0;
      run_grant.clear();
      continue;
    }
    if (!first_error) first_error = e;
    if (!grant.empty() && !run_grant.empty() && grant != run_grant) run = 0;
    if (!grant.empty()) run_grant = grant;
    if (++run >= 3) {
      return fail(std::to_string(run) + " " + (run_grant.empty() ? "token" : run_grant) +
                      " requests in a row were answered 5xx or refused at the TLS handshake: "
                      "expected at most one retry, the client kept retrying",
                  e);
    }
  }
  if (!first_error) return std::nullopt;
  return pass(
      "a token request was " + failure_summary(*first_error) + "; the client retried at most once",
      first_error);
}

std::optional<CheckResult> ReplayedCodeIsRefusedAndRevokesTokens::evaluate(
    const FlowView& flow) const {
  const auto redemptions = flow.token_requests("authorization_code");
  const TraceEntry* first = nullptr;
  const TraceEntry* replay = nullptr;
  for (std::size_t j = 0; j < redemptions.size() && !replay; ++j) {
    for (std::size_t i = 0; i < j; ++i) {
      if (code_of(*redemptions[i]) == code_of(*redemptions[j])) {
        first = redemptions[i];
        replay = redemptions[j];
        break;
      }
    }
  }
  if (!replay) return std::nullopt;
  if (!refused_with_invalid_grant(*replay)) {
    return fail("the replayed code " + code_of(*replay) + " was answered " +
                    answer_summary(*replay) + "; expected 400 invalid_grant",
                replay);
  }
  // The tokens of the first redemption are the ones the replay must revoke.
  for (auto* e : redemptions) {
    if (code_of(*e) == code_of(*replay) && e->status == 200) {
      first = e;
      break;
    }
  }
  const auto first_token = first->status == 200 ? first->response_fields.get("access_token")
                                                : std::optional<std::string>();
  if (!first_token) {
    return pass("the replay was refused with 400 invalid_grant (no tokens had been issued)",
                replay);
  }
  int later_uses = 0;
  for (auto* e : flow.api_requests()) {
    if (e->seq <= replay->seq || bearer_token(*e) != first_token) continue;
    if (answered_by_injected_fault(*e)) continue;  // the server never judged the token
    ++later_uses;
    if (e->status != 401) {
      return fail("after the replay was refused, " + e->method + " " + e->path +
                      " with the first redemption's access token " + *first_token +
                      " was answered " + answer_summary(*e) + "; expected 401 (tokens revoked)",
                  e);
    }
  }
  return pass(
      later_uses == 0
          ? "the replay was refused with 400 invalid_grant; no later API call used the first "
            "tokens"
          : "the replay was refused with 400 invalid_grant and " + std::to_string(later_uses) +
                " later call(s) with the first access token got 401",
      replay);
}

std::optional<CheckResult> ClientCredentialsTokenHasNoRefreshToken::evaluate(
    const FlowView& flow) const {
  const TraceEntry* granted = nullptr;
  for (auto* e : flow.token_requests("client_credentials")) {
    if (e->status != 200) continue;
    if (e->response_fields.has("refresh_token")) {
      return fail("a client_credentials token answer carried a refresh_token; expected none", e);
    }
    if (!granted) granted = e;
  }
  if (!granted) return std::nullopt;
  return pass("client_credentials answered without a refresh_token", granted);
}

std::optional<CheckResult> ExpiredCodeIsRefused::evaluate(const FlowView& flow) const {
  const std::int64_t lifetime_s = flow.lifetimes().authorization_code;
  const std::int64_t lifetime_ms = lifetime_s * 1000;
  const TraceEntry* back = flow.redirect_back();
  if (!back) return std::nullopt;
  const auto code = location_params(*back).get("code");
  if (!code) return std::nullopt;
  const TraceEntry* late = nullptr;
  for (auto* e : flow.token_requests("authorization_code")) {
    if (code_of(*e) != *code || e->time_ms - back->time_ms <= lifetime_ms) continue;
    late = e;
    const std::string age = std::to_string((e->time_ms - back->time_ms) / 1000) + " s";
    if (!refused_with_invalid_grant(*e)) {
      return fail("the code, presented " + age + " after it was issued (lifetime " +
                      std::to_string(lifetime_s) + " s), was answered " + answer_summary(*e) +
                      "; expected 400 invalid_grant",
                  e);
    }
  }
  if (!late) return std::nullopt;
  return pass("the code, presented " + std::to_string((late->time_ms - back->time_ms) / 1000) +
                  " s after it was issued, was refused with 400 invalid_grant",
              late);
}

std::optional<CheckResult> CodeIsBoundToTheClient::evaluate(const FlowView& flow) const {
  const TraceEntry* authorization = flow.authorization_request();
  if (!authorization) return std::nullopt;
  const auto issued_to = authorization->query.get("client_id");
  if (!issued_to) return std::nullopt;
  const TraceEntry* foreign = nullptr;
  for (auto* e : flow.token_requests("authorization_code")) {
    const auto presenter = exchanging_client(*e);
    if (!presenter || *presenter == *issued_to) continue;
    foreign = e;
    const std::string error = answer_error(*e);
    const bool refused = (e->status == 400 || e->status == 401) &&
                         (error == "invalid_grant" || error == "invalid_client");
    if (!refused) {
      return fail("client '" + *presenter + "' redeemed a code issued to '" + *issued_to +
                      "' and got " + answer_summary(*e) +
                      "; expected invalid_grant (or invalid_client)",
                  e);
    }
  }
  if (!foreign) return std::nullopt;
  return pass("a code issued to '" + *issued_to + "' was refused to '" +
                  exchanging_client(*foreign).value_or("") + "' with " + answer_summary(*foreign),
              foreign);
}

std::optional<CheckResult> MismatchedRedirectUriIsRefused::evaluate(const FlowView& flow) const {
  const TraceEntry* authorization = flow.authorization_request();
  if (!authorization) return std::nullopt;
  const auto authorized = authorization->query.get("redirect_uri");
  if (!authorized) return std::nullopt;
  const TraceEntry* mismatched = nullptr;
  for (auto* e : flow.token_requests("authorization_code")) {
    const auto sent = e->form.get("redirect_uri");
    if (!sent || *sent == *authorized) continue;
    mismatched = e;
    if (!refused_with_invalid_grant(*e)) {
      return fail("redirect_uri '" + *sent + "' (authorized: '" + *authorized + "') was answered " +
                      answer_summary(*e) + "; expected 400 invalid_grant",
                  e);
    }
  }
  if (!mismatched) return std::nullopt;
  return pass("redirect_uri '" + mismatched->form.get_or("redirect_uri", "") +
                  "' differing from the authorized one was refused with 400 invalid_grant",
              mismatched);
}

}  // namespace oauthsim::scenario
