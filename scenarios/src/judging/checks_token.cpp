// Checks of steps 7-8: the back channel to the token endpoint, as the authorization server saw it.
#include <set>

#include "oauthsim/scenario/judging/standard_checks.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;

const TraceEntry* first_code_redemption(const FlowView& flow) {
  auto reqs = flow.token_requests("authorization_code");
  return reqs.empty() ? nullptr : reqs.front();
}

bool authenticates_with_basic(const TraceEntry& e) {
  return e.request_headers.get_or("Authorization", "").rfind("Basic ", 0) == 0;
}

}  // namespace

std::optional<CheckResult> CodeIsSentAsFormBody::evaluate(const FlowView& flow) const {
  auto* e = first_code_redemption(flow);
  if (!e) return std::nullopt;
  const std::string type = e->request_headers.get_or("Content-Type", "");
  if (type.rfind("application/x-www-form-urlencoded", 0) != 0) {
    return fail("expected an application/x-www-form-urlencoded body, got '" + type + "'", e);
  }
  if (e->query.has("code") || e->query.has("client_secret")) {
    return fail("the code or the client secret travelled in the URL query", e);
  }
  return pass("POST with a form body, nothing secret in the URL", e);
}

std::optional<CheckResult> ClientAuthenticatesOnce::evaluate(const FlowView& flow) const {
  auto* e = first_code_redemption(flow);
  if (!e) return std::nullopt;
  const bool basic = authenticates_with_basic(*e);
  const bool post = e->form.has("client_secret");
  if (basic && post)
    return fail("both HTTP Basic and client_secret in the body: use one method", e);
  if (!basic && !post) {
    // RFC 8705 2: the TLS client certificate is the authentication; the form only names
    // the client. Whether it is the registered certificate is step 8's verdict.
    if (!e->client_certificate.empty()) {
      return pass("TLS client certificate x5t#S256 " + e->client_certificate, e);
    }
    return fail("no client authentication (no HTTP Basic, no client_secret, no TLS certificate)",
                e);
  }
  return pass(basic ? "client_secret_basic" : "client_secret_post", e);
}

std::optional<CheckResult> RedirectUriMatchesAuthorization::evaluate(const FlowView& flow) const {
  auto* e = first_code_redemption(flow);
  auto* authorization = flow.authorization_request();
  if (!e || !authorization) return std::nullopt;
  const auto at_token = e->form.get("redirect_uri");
  const auto at_authorization = authorization->query.get("redirect_uri");
  if (!at_authorization) return std::nullopt;
  // SR accepts a code exchange without redirect_uri (SR-FACTS.md), and the code stays bound to
  // the registered URI it was sent to: a departure from RFC 6749 4.1.3, no lost protection.
  if (!at_token) {
    return warn("redirect_uri was sent at authorization but not with the code (SR accepts this)",
                e);
  }
  return *at_token == *at_authorization
             ? pass("same redirect_uri as at authorization", e)
             : fail("expected '" + *at_authorization + "', got '" + *at_token + "'", e);
}

std::optional<CheckResult> CodeIsRedeemedOnce::evaluate(const FlowView& flow) const {
  auto reqs = flow.token_requests("authorization_code");
  if (reqs.empty()) return std::nullopt;
  std::set<std::string> seen;
  for (auto* e : reqs) {
    const std::string code = e->form.get_or("code", "");
    if (!seen.insert(code).second) return fail("the same code " + code + " was sent twice", e);
  }
  return pass("each code sent once", reqs.front());
}

std::optional<CheckResult> TokenResponseCarriesBearerAndRefreshToken::evaluate(
    const FlowView& flow) const {
  auto* e = first_code_redemption(flow);
  if (!e || e->status != 200) return std::nullopt;
  std::string missing;
  for (const char* f : {"access_token", "token_type", "expires_in", "refresh_token"}) {
    if (!e->response_fields.has(f)) missing += std::string(missing.empty() ? "" : ", ") + f;
  }
  if (!missing.empty()) return fail("the token response lacks " + missing, e);
  const std::string type = e->response_fields.get_or("token_type", "");
  if (type != "Bearer" && type != "bearer")
    return fail("token_type is '" + type + "', not Bearer", e);
  return pass("access_token, Bearer, expires_in " + e->response_fields.get_or("expires_in", "") +
                  ", refresh_token",
              e);
}

std::optional<CheckResult> TokenResponseIsNotCached::evaluate(const FlowView& flow) const {
  auto* e = first_code_redemption(flow);
  if (!e) return std::nullopt;
  const std::string cache = e->response_headers.get_or("Cache-Control", "");
  return cache.find("no-store") != std::string::npos
             ? pass("Cache-Control: " + cache, e)
             : fail("expected Cache-Control: no-store, got '" + cache + "'", e);
}

std::optional<CheckResult> TokenErrorIsRfc6749Error::evaluate(const FlowView& flow) const {
  auto* e = first_code_redemption(flow);
  if (!e || e->status == 200) return std::nullopt;
  static const std::set<std::string> kErrors = {"invalid_request",        "invalid_client",
                                                "invalid_grant",          "unauthorized_client",
                                                "unsupported_grant_type", "invalid_scope"};
  const std::string error = e->response_fields.get_or("error", "");
  if (!kErrors.count(error)) return fail("'" + error + "' is not an RFC 6749 5.2 error code", e);
  if (error == "invalid_client") {
    // 401 with a challenge is required when the client used the Authorization header; for
    // credentials in the body 400 is allowed too, but a 401 still needs its challenge.
    const bool must_be_401 = authenticates_with_basic(*e);
    const bool challenged = e->response_headers.has("WWW-Authenticate");
    if ((must_be_401 && e->status != 401) || (e->status == 401 && !challenged) ||
        (e->status != 400 && e->status != 401)) {
      return fail(std::string("invalid_client must be 401 with a WWW-Authenticate challenge") +
                      (must_be_401 ? "" : " (or 400 for credentials in the body)") + ", got " +
                      std::to_string(e->status) + (challenged ? "" : " without a challenge"),
                  e);
    }
  } else if (e->status != 400) {
    return fail(error + " must be answered with 400, got " + std::to_string(e->status), e);
  }
  return pass(std::to_string(e->status) + " " + error, e);
}

}  // namespace oauthsim::scenario
