#pragma once
// Hand-built trace entries for the judging tests: a conforming allow flow, shaped like the
// traces the real parties record, that each test then bends in one place.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "oauthsim/common/config.h"
#include "oauthsim/common/trace.h"
#include "oauthsim/scenario/judging/flow_view.h"

namespace oauthsim::scenario::test {

inline constexpr const char* kAsOrigin = "http://127.0.0.1:9001";
inline constexpr const char* kCallback = "http://127.0.0.1:9002/callback";
inline constexpr const char* kCallbackEncoded = "http%3A%2F%2F127.0.0.1%3A9002%2Fcallback";
// 32 random bytes as unpadded base64url, as the reference client makes them.
inline constexpr const char* kState = "gU3XuXhNV8FbnCly6bT9bPfhZPgWKpNL2yRSpBPasfc";
inline constexpr const char* kCode = "[redacted fp:d5bfc449]";
inline constexpr const char* kAccessToken = "[redacted fp:6b990551]";
inline constexpr const char* kRefreshToken = "[redacted fp:1e457dfc]";
inline constexpr const char* kNewRefreshToken = "[redacted fp:5463eea3]";  // after a rotation
inline constexpr const char* kSessionCookie =
    "sr_session=[redacted fp:1b58a8b1]; Path=/; HttpOnly; SameSite=Lax";
inline constexpr const char* kInvalidTokenChallenge =
    "Bearer realm=\"SmartRecruiters Customer API\", error=\"invalid_token\", "
    "error_description=\"The access token is unknown, expired or revoked\"";

// Fluent edits of one TraceEntry; converts to the entry where one is expected.
class Entry {
 public:
  Entry(std::string observer, std::string from, std::string to, std::string method,
        std::string path) {
    e_.observer = std::move(observer);
    e_.from = std::move(from);
    e_.to = std::move(to);
    e_.method = std::move(method);
    e_.path = std::move(path);
  }
  Entry& query(std::string n, std::string v) { return add(e_.query, std::move(n), std::move(v)); }
  Entry& form(std::string n, std::string v) { return add(e_.form, std::move(n), std::move(v)); }
  Entry& request_header(std::string n, std::string v) {
    return add(e_.request_headers, std::move(n), std::move(v));
  }
  Entry& status(int s) {
    e_.status = s;
    return *this;
  }
  Entry& header(std::string n, std::string v) {
    return add(e_.response_headers, std::move(n), std::move(v));
  }
  Entry& field(std::string n, std::string v) {
    return add(e_.response_fields, std::move(n), std::move(v));
  }
  Entry& note(std::string n) {
    e_.note = std::move(n);
    return *this;
  }
  Entry& outcome(common::ExchangeOutcome o) {
    e_.outcome = o;
    return *this;
  }
  Entry& at_ms(std::int64_t t) {
    e_.time_ms = t;
    return *this;
  }
  operator common::TraceEntry() const { return e_; }  // NOLINT: implicit on purpose

 private:
  Entry& add(common::Params& p, std::string n, std::string v) {
    p.add(std::move(n), std::move(v));
    return *this;
  }
  common::TraceEntry e_;
};

// An exchange as each party records it.
inline Entry ua_saw(std::string method, std::string path, std::string to) {
  return Entry(common::party::kUserAgent, common::party::kUserAgent, std::move(to),
               std::move(method), std::move(path));
}
inline Entry as_saw(std::string method, std::string_view path,
                    std::string from = common::party::kUserAgent) {
  return Entry(common::party::kAuthorizationServer, std::move(from),
               common::party::kAuthorizationServer, std::move(method), std::string(path));
}
inline Entry rs_saw(std::string method, std::string path) {
  return Entry(common::party::kResourceServer, common::party::kClient,
               common::party::kResourceServer, std::move(method), std::move(path));
}

inline std::string authorize_url() {
  return std::string(kAsOrigin) + std::string(paths::kAuthorize) +
         "?response_type=code&client_id=acme-ats&redirect_uri=" + kCallbackEncoded +
         "&state=" + kState;
}

// Step 1: the user agent asks the client to connect and is sent to the authorization endpoint.
inline Entry connect() {
  return ua_saw("GET", "/connect", common::party::kClient)
      .status(302)
      .header("Location", authorize_url());
}
// Step 2: the authorization request, answered with the login form.
inline Entry authorization_request(std::string state = kState) {
  return as_saw("GET", paths::kAuthorize)
      .query("response_type", "code")
      .query("client_id", "acme-ats")
      .query("redirect_uri", kCallback)
      .query("state", std::move(state))
      .status(200)
      .note("login form shown")
      .outcome(common::ExchangeOutcome::kLoginFormShown);
}
// Step 3.
inline Entry login(bool accepted = true) {
  Entry e = as_saw("POST", paths::kLogin)
                .form("csrf_token", "[redacted fp:35b14538]")
                .form("username", "alice@example.com")
                .form("password", "[redacted]");
  if (!accepted) {
    return e.status(200)
        .note("login refused: wrong password")
        .outcome(common::ExchangeOutcome::kLoginRefused);
  }
  return e.status(302)
      .header("Location", std::string(kAsOrigin) + std::string(paths::kConsent) + "?request_id=r1")
      .header("Set-Cookie", kSessionCookie)
      .note("login accepted")
      .outcome(common::ExchangeOutcome::kLoginAccepted);
}
// Step 4.
inline Entry consent_shown() {
  return as_saw("GET", paths::kConsent)
      .query("request_id", "r1")
      .status(200)
      .note("consent form shown for user_me_read")
      .outcome(common::ExchangeOutcome::kConsentShown);
}
// Steps 5 and 6: the decision and the redirect back to the client.
inline Entry consent_decision(std::string decision = "allow") {
  Entry e = as_saw("POST", paths::kConsent)
                .form("csrf_token", "[redacted fp:79df4a5f]")
                .form("request_id", "r1")
                .form("decision", decision)
                .status(302);
  if (decision == "allow") {
    return e.header("Location", std::string(kCallback) + "?code=" + kCode + "&state=" + kState)
        .note("consent given: code issued")
        .outcome(common::ExchangeOutcome::kConsentAllowed);
  }
  return e
      .header(
          "Location",
          std::string(kCallback) +
              "?error=access_denied&error_description=The%20user%20denied%20the%20request&state=" +
              kState)
      .note("consent denied")
      .outcome(common::ExchangeOutcome::kConsentDenied);
}
// Steps 7 and 8: the code redeemed with client_secret_post, answered with tokens.
inline Entry code_redemption(std::string code = kCode) {
  return as_saw("POST", paths::kToken, common::party::kClient)
      .form("grant_type", "authorization_code")
      .form("code", std::move(code))
      .form("redirect_uri", kCallback)
      .form("client_id", "acme-ats")
      .form("client_secret", "[redacted]")
      .request_header("Content-Type", "application/x-www-form-urlencoded")
      .status(200)
      .header("Cache-Control", "no-store")
      .header("Pragma", "no-cache")
      .field("access_token", kAccessToken)
      .field("expires_in", "1800")
      .field("refresh_token", kRefreshToken)
      .field("scope", "user_me_read")
      .field("token_type", "Bearer");
}
inline Entry code_refused(std::string error, int status = 400) {
  Entry e = as_saw("POST", paths::kToken, common::party::kClient)
                .form("grant_type", "authorization_code")
                .form("code", kCode)
                .form("redirect_uri", kCallback)
                .form("client_id", "acme-ats")
                .form("client_secret", "[redacted]")
                .request_header("Content-Type", "application/x-www-form-urlencoded")
                .status(status)
                .header("Cache-Control", "no-store");
  return e.field("error", std::move(error));
}
// Steps 9 and 10: a Customer API call with the bearer token.
inline Entry api_call(int status = 200, std::string token = kAccessToken,
                      std::string path = "/users/me") {
  Entry e = rs_saw("GET", std::move(path))
                .request_header("Authorization", "Bearer " + token)
                .status(status);
  if (status == 401)
    e.header("WWW-Authenticate", kInvalidTokenChallenge).field("error", "invalid_token");
  return e;
}
// A refresh at the token endpoint: 200 with a new refresh token, or a refusal.
inline Entry refresh(std::string presented, std::string issued) {
  return as_saw("POST", paths::kToken, common::party::kClient)
      .form("grant_type", "refresh_token")
      .form("refresh_token", std::move(presented))
      .form("client_id", "acme-ats")
      .form("client_secret", "[redacted]")
      .request_header("Content-Type", "application/x-www-form-urlencoded")
      .status(200)
      .header("Cache-Control", "no-store")
      .field("access_token", "[redacted fp:b19ee856]")
      .field("expires_in", "1800")
      .field("refresh_token", std::move(issued))
      .field("token_type", "Bearer");
}
inline Entry refresh_refused(std::string presented, int status = 400,
                             std::string error = "invalid_grant") {
  return as_saw("POST", paths::kToken, common::party::kClient)
      .form("grant_type", "refresh_token")
      .form("refresh_token", std::move(presented))
      .form("client_id", "acme-ats")
      .form("client_secret", "[redacted]")
      .status(status)
      .field("error", std::move(error));
}

// A marker the scenario harness writes, as World::mark_action does for "action 4: delete_user
// alice@example.com" (number and word typed, the text for people) and World::mark for a fault.
inline common::TraceEntry harness_marker(std::string note) {
  common::TraceEntry e =
      Entry(common::party::kHarness, common::party::kHarness, common::party::kHarness, "", "")
          .note(note);
  constexpr std::string_view kAction = "action ";
  if (note.rfind(kAction, 0) == 0) {
    const auto colon = note.find(": ");
    e.action_number = std::stoul(note.substr(kAction.size(), colon - kAction.size()));
    const std::string rest = note.substr(colon + 2);
    e.action = rest.substr(0, rest.find(' '));
  }
  return e;
}
// `e` with its answer replaced by an injected fault, noted as HttpServer::answer_fault notes it.
// The request's form is kept (the real server records none: the fault answers before the body
// is read), so a test can show an injected answer is skipped for the fault, not for the body.
inline common::TraceEntry injected_answer(common::TraceEntry e, int status) {
  e.status = status;
  e.response_fields = {};
  e.response_fields.add("error", status == 429 ? "too_many_requests" : "server_error");
  e.note = "fault injected: " + std::to_string(status) + " once on " + e.method + " " + e.path;
  e.fault = common::FaultEffect::kAnswerReplaced;
  return e;
}
// `e` answered by the real handler after an injected delay.
inline common::TraceEntry delayed_answer(common::TraceEntry e) {
  e.note = "fault injected: real answer delayed 300 ms once on " + e.method + " " + e.path +
           (e.note.empty() ? "" : "; " + e.note);
  e.fault = common::FaultEffect::kAnswerDelayed;
  return e;
}
// An API call refused by the resource server's rate limiter.
inline Entry rate_limited(std::string retry_after = "1", std::string path = "/users/me") {
  return rs_saw("GET", std::move(path))
      .request_header("Authorization", std::string("Bearer ") + kAccessToken)
      .status(429)
      .header("Retry-After", std::move(retry_after))
      .header("X-RateLimit-Limit", "10")
      .header("X-RateLimit-Remaining", "0")
      .note("refused: rate limit /users/me");
}
// RFC 7009 revocation of `token`, answered 200.
inline Entry revocation(std::string token) {
  return as_saw("POST", paths::kRevoke, common::party::kClient)
      .form("token", std::move(token))
      .form("client_id", "acme-ats")
      .form("client_secret", "[redacted]")
      .status(200)
      .header("Cache-Control", "no-store");
}
// A client_credentials grant answered with an access token only.
inline Entry client_credentials_grant() {
  return as_saw("POST", paths::kToken, common::party::kClient)
      .form("grant_type", "client_credentials")
      .form("client_id", "acme-ats")
      .form("client_secret", "[redacted]")
      .status(200)
      .header("Cache-Control", "no-store")
      .field("access_token", "[redacted fp:c0ffee00]")
      .field("expires_in", "1800")
      .field("token_type", "Bearer");
}

// The conforming allow flow, steps 1 to 10.
inline std::vector<common::TraceEntry> allow_flow() {
  return {connect(),          authorization_request(), login(),   consent_shown(),
          consent_decision(), code_redemption(),       api_call()};
}

// The first entry recorded by `observer` for `path`; the tests bend it in place.
inline common::TraceEntry& entry_at(std::vector<common::TraceEntry>& trace,
                                    std::string_view observer, std::string_view path) {
  for (auto& e : trace) {
    if (e.observer == observer && e.path == path) return e;
  }
  throw std::logic_error("test trace has no entry for " + std::string(path));
}

// The consent decision (POST), which entry_at would miss for the GET that showed the form.
inline common::TraceEntry& decision_in(std::vector<common::TraceEntry>& trace) {
  for (auto& e : trace) {
    if (e.observer == common::party::kAuthorizationServer && e.method == "POST" &&
        e.path == paths::kConsent) {
      return e;
    }
  }
  throw std::logic_error("test trace has no consent decision");
}

inline const common::ClientConfig& acme() {
  static const common::ClientConfig kAcme = [] {
    common::ClientConfig c;
    c.client_id = "acme-ats";
    c.name = "Acme ATS";
    c.redirect_uris = {kCallback};
    return c;
  }();
  return kAcme;
}

// The trace with `more` appended.
inline std::vector<common::TraceEntry> with(std::vector<common::TraceEntry> t,
                                            std::vector<common::TraceEntry> more) {
  for (auto& e : more) t.push_back(std::move(e));
  return t;
}

// A harness marker ("action 2: advance_clock 1801 s"), as the scenario runner writes it.
inline common::TraceEntry marker(std::string note) {
  return harness_marker(std::move(note));
}

// Numbers the entries in order, as Trace::record would.
inline FlowView flow_of(std::vector<common::TraceEntry> trace,
                        const common::ClientConfig* client = &acme()) {
  for (std::size_t i = 0; i < trace.size(); ++i) trace[i].seq = i + 1;
  return FlowView(std::move(trace), client);
}

}  // namespace oauthsim::scenario::test
