// Issue 12's bad-input catalog: hostile requests, as raw bytes, to every route of every party of
// a real `oauthsim serve` (authorization server, Customer API, vendor app, control API). Each
// case asserts the status and the body the RFC or SR calls for, that nothing secret or raw comes
// back, that the party still serves the next request, and that no state changed (the clock,
// the queued faults, and a live access token and refresh token still as they were).
#include <gtest/gtest.h>

#include <csignal>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "child_process.h"
#include "oauthsim/common/encoding.h"
#include "oauthsim/common/http_transport.h"
#include "oauthsim/common/socket_http_transport.h"
#include "support/raw_http.h"

namespace oauthsim::process_test {
namespace {

using test_support::body_of_answer;
using test_support::raw_exchange_then_eof;
using test_support::RawConnection;
using test_support::status_of_answer;

enum class Target { kAuthz, kApi, kClient };

struct HostileRequest {
  std::string name;
  Target party;
  std::string request;  // raw bytes; {TOKEN} is replaced by a live access token
  int status;           // 0: the connection closes without an answer
  std::string body_has;
  std::string never_shown = "";  // must not appear anywhere in the answer
};

constexpr const char* kNeverShown = "s3cr3t-never-shown";

std::string raw_get(const std::string& target, const std::string& headers = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n";
}
std::string raw_post(const std::string& target, const std::string& type, const std::string& body,
                     const std::string& headers = "") {
  return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
         (type.empty() ? "" : "Content-Type: " + type + "\r\n") +
         "Content-Length: " + std::to_string(body.size()) + "\r\n" + headers + "\r\n" + body;
}
std::string raw_form(const std::string& target, const std::string& body,
                     const std::string& headers = "") {
  return raw_post(target, "application/x-www-form-urlencoded", body, headers);
}
std::string raw_json(const std::string& target, const std::string& body,
                     const std::string& headers = "") {
  return raw_post(target, "application/json", body, headers);
}
std::string deeply_nested_json(std::size_t depth) {
  return "{\"a\":" + std::string(depth, '[') + std::string(depth, ']') + "}";
}
std::string bearer_header() {
  return "Authorization: Bearer {TOKEN}\r\n";
}

const std::string kTokenPath = "/identity/oauth/token";
const std::string kAllowPath = "/identity/oauth/allow";
const std::string kFormCreds = "client_id=acme-ats&client_secret=acme-secret";
const std::string kControlJson = "Content-Type: application/json\r\n";

std::vector<HostileRequest> hostile_requests() {
  const auto A = Target::kAuthz;
  const auto R = Target::kApi;
  const auto C = Target::kClient;
  const std::string authz_ok = "client_id=acme-ats&redirect_uri=";
  std::vector<HostileRequest> c = {
      // --- token endpoint (RFC 6749 5.2) ---
      {"token: no body", A, raw_form(kTokenPath, ""), 401, "invalid_client"},
      {"token: no grant_type", A, raw_form(kTokenPath, kFormCreds), 400, "grant_type is missing"},
      {"token: empty grant_type", A, raw_form(kTokenPath, kFormCreds + "&grant_type="), 400,
       "grant_type is missing"},
      {"token: unknown grant_type", A, raw_form(kTokenPath, kFormCreds + "&grant_type=magic"), 400,
       "unsupported_grant_type"},
      {"token: repeated grant_type", A,
       raw_form(kTokenPath, kFormCreds + "&grant_type=client_credentials&grant_type=client_credentials"), 400,
       "grant_type was sent more than once"},
      {"token: repeated client_secret", A, raw_form(kTokenPath, kFormCreds + "&client_secret=x"), 400,
       "invalid_request"},
      {"token: wrong secret", A,
       raw_form(kTokenPath, std::string("grant_type=client_credentials&client_id=acme-ats&client_secret=") +
                        kNeverShown),
       401, "invalid_client", kNeverShown},
      {"token: unknown client", A,
       raw_form(kTokenPath, "grant_type=client_credentials&client_id=nobody&client_secret=x"), 401,
       "invalid_client"},
      {"token: secret with a malformed escape", A,
       raw_form(kTokenPath, std::string("grant_type=client_credentials&client_id=acme-ats&client_secret=") +
                        kNeverShown + "%zz"),
       400, "malformed percent-escape in parameter 'client_secret'", kNeverShown},
      {"token: code with a malformed escape", A,
       raw_form(kTokenPath, kFormCreds + "&grant_type=authorization_code&code=" + kNeverShown + "%z"), 400,
       "parameter 'code'", kNeverShown},
      {"token: grant_type not UTF-8", A, raw_form(kTokenPath, kFormCreds + "&grant_type=%FF"), 400,
       "not valid UTF-8"},
      {"token: overlong UTF-8 in a name", A, raw_form(kTokenPath, kFormCreds + "&%C0%AF=1"), 400,
       "not valid UTF-8"},
      {"token: JSON body", A, raw_json(kTokenPath, R"({"grant_type":"client_credentials"})"), 400,
       "application/x-www-form-urlencoded"},
      {"token: JSON nested 50,000 deep", A, raw_json(kTokenPath, deeply_nested_json(50'000)), 400,
       "invalid_request"},
      {"token: text/plain", A, raw_post(kTokenPath, "text/plain", kFormCreds), 400, "invalid_request"},
      {"token: no Content-Type", A, raw_post(kTokenPath, "", kFormCreds), 400, "no Content-Type"},
      {"token: form in upper case over 8 KB", A,
       raw_post(kTokenPath, "APPLICATION/X-WWW-FORM-URLENCODED", kFormCreds + "&x=" + std::string(9000, 'a')),
       413, "too large"},
      {"token: 300 fields", A,
       raw_form(kTokenPath, [] {
         std::string s = kFormCreds;
         for (int i = 0; i < 300; ++i) s += "&f" + std::to_string(i) + "=1";
         return s;
       }()),
       400, "more than 256 parameters"},
      {"token: invalid code", A,
       raw_form(kTokenPath, kFormCreds + "&grant_type=authorization_code&code=nope&redirect_uri=x"), 400,
       "invalid_grant"},
      {"token: invalid refresh token", A,
       raw_form(kTokenPath, kFormCreds + "&grant_type=refresh_token&refresh_token=nope"), 400,
       "invalid_grant"},
      {"token: scope with markup", A,
       raw_form(kTokenPath, kFormCreds + "&grant_type=client_credentials&scope=%3Cscript%3E"), 400,
       "invalid_scope"},
      {"token: GET", A, raw_get(kTokenPath), 404, ""},
      {"token: Basic not base64", A,
       raw_form(kTokenPath, "grant_type=client_credentials", "Authorization: Basic %%%\r\n"), 401,
       "invalid_client"},
      {"token: Basic and body secret", A,
       raw_form(kTokenPath, kFormCreds + "&grant_type=client_credentials",
            "Authorization: Basic YWNtZS1hdHM6YWNtZS1zZWNyZXQ=\r\n"),
       400, "invalid_request"},
      {"token: unknown auth scheme", A,
       raw_form(kTokenPath, "grant_type=client_credentials", "Authorization: Digest abc\r\n"), 401,
       "invalid_client"},
      {"token: gzip body", A,
       raw_form(kTokenPath, kFormCreds, "Content-Encoding: gzip\r\n"), 415, "Content-Encoding"},
      {"token: body of 2 MB announced", A,
       "POST " + kTokenPath +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
           "Content-Length: 2000000\r\n\r\n",
       413, "too large"},
      {"token: chunked 2 MB", A,
       "POST " + kTokenPath +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nTransfer-Encoding: "
           "chunked\r\n\r\n" +
           [] {
             std::string s;
             for (int i = 0; i < 32; ++i) s += "10000\r\n" + std::string(0x10000, 'a') + "\r\n";
             return s + "0\r\n\r\n";
           }(),
       413, "too large"},
      {"token: Content-Length and chunked", A,
       "POST " + kTokenPath +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\nTransfer-Encoding: "
           "chunked\r\n\r\n0\r\n\r\n",
       400, "Transfer-Encoding"},
      {"token: two Content-Lengths", A,
       "POST " + kTokenPath +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
       400, "Content-Length"},
      {"token: Content-Length not a number", A,
       "POST " + kTokenPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n", 400,
       "Content-Length"},
      {"token: truncated body", A,
       "POST " + kTokenPath +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
           "application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ngrant_type=cl", 400, ""},
      {"token: truncated headers", A, "POST " + kTokenPath + " HTTP/1.1\r\nHost: 127.0", 400, ""},
      {"revoke: no body", A, raw_form("/identity/oauth/revoke", ""), 401, "invalid_client"},
      {"revoke: no token", A, raw_form("/identity/oauth/revoke", kFormCreds), 400, "invalid_request"},
      {"revoke: token with a malformed escape", A,
       raw_form("/identity/oauth/revoke", kFormCreds + "&token=" + kNeverShown + "%zz"), 400,
       "parameter 'token'", kNeverShown},
      {"revoke: repeated token", A,
       raw_form("/identity/oauth/revoke", kFormCreds + "&token=a&token=b"), 400, "more than once"},
      {"introspect: no credentials", A, raw_form("/identity/oauth/introspect", "token=x"), 401,
       "invalid_client"},
      {"introspect: deep JSON", A, raw_json("/identity/oauth/introspect", deeply_nested_json(50'000)), 400,
       ""},
      {"metadata: POST", A, raw_form("/.well-known/oauth-authorization-server", "a=1"), 404, ""},
      // --- authorization endpoint and browser pages (RFC 6749 4.1.2.1: no redirect to an
      //     unverified redirect_uri) ---
      {"authorize: no parameters", A, raw_get(kAllowPath), 400, "<html"},
      {"authorize: unknown client", A, raw_get(kAllowPath + "?client_id=nobody"), 400, "<html"},
      {"authorize: repeated client_id", A,
       raw_get(kAllowPath + "?client_id=acme-ats&client_id=acme-ats"), 400, "more than once"},
      {"authorize: unregistered redirect_uri", A,
       raw_get(kAllowPath + "?" + authz_ok + "https%3A%2F%2Fevil.example%2Fcb"), 400, "<html"},
      {"authorize: redirect_uri with userinfo", A,
       raw_get(kAllowPath + "?" + authz_ok + "http%3A%2F%2Flocalhost%3A9000%40evil.example%2Fcallback"),
       400, "<html"},
      {"authorize: redirect_uri with dot segments", A,
       raw_get(kAllowPath + "?" + authz_ok + "http%3A%2F%2Flocalhost%3A9000%2Fcallback%2F..%2Fx"), 400,
       "<html"},
      {"authorize: redirect_uri with a fragment", A,
       raw_get(kAllowPath + "?" + authz_ok + "http%3A%2F%2Flocalhost%3A9000%2Fcallback%23x"), 400,
       "<html"},
      {"authorize: redirect_uri with CR LF", A,
       raw_get(kAllowPath + "?" + authz_ok + "http%3A%2F%2Flocalhost%3A9000%2Fcallback%0D%0ASet-Cookie:x"),
       400, "<html"},
      {"authorize: javascript redirect_uri", A,
       raw_get(kAllowPath + "?" + authz_ok + "javascript%3Aalert(1)"), 400, "<html", "javascript:alert"},
      {"authorize: redirect_uri not UTF-8", A, raw_get(kAllowPath + "?" + authz_ok + "%FF"), 400,
       "<html"},
      {"authorize: malformed escape", A, raw_get(kAllowPath + "?client_id=%zz"), 400, "<html"},
      {"authorize: huge query", A, raw_get(kAllowPath + "?state=" + std::string(10'000, 'a')), 414,
       "<html"},
      {"authorize: POST", A, raw_form(kAllowPath, "client_id=acme-ats"), 404, ""},
      {"login: no form", A, raw_form("/identity/oauth/login", ""), 400, "<html"},
      {"login: unknown request", A,
       raw_form("/identity/oauth/login", "request_id=nope&csrf_token=x&username=a&password=b"), 400,
       "expired or is unknown"},
      {"login: JSON", A, raw_json("/identity/oauth/login", "{}"), 400, "<html"},
      {"login: password with malformed escape", A,
       raw_form("/identity/oauth/login", std::string("request_id=x&password=") + kNeverShown + "%zz"),
       400, "<html", kNeverShown},
      {"login: form over 8 KB", A,
       raw_form("/identity/oauth/login", "a=" + std::string(9000, 'x')), 413, "<html"},
      {"login: GET", A, raw_get("/identity/oauth/login"), 404, ""},
      {"consent: no request", A, raw_get("/identity/oauth/consent"), 400, "expired or is unknown"},
      {"consent: forged request id with markup", A,
       raw_get("/identity/oauth/consent?request_id=%3Cscript%3Ealert(1)%3C%2Fscript%3E"), 400,
       "expired or is unknown", "<script>alert"},
      {"consent: POST without a session", A,
       raw_form("/identity/oauth/consent", "decision=allow&request_id=x&csrf_token=y"), 400,
       "Not signed in"},
      {"consent: POST with a forged session cookie", A,
       raw_form("/identity/oauth/consent", "decision=allow&request_id=x&csrf_token=y",
            "Cookie: sr_session=forged\r\n"),
       400, "Not signed in"},
      {"consent: decision neither allow nor deny", A,
       raw_form("/identity/oauth/consent", "decision=%3Cb%3Emaybe"), 400, "Choose Allow or Deny",
       "<b>maybe"},
      {"consent: huge cookie", A,
       raw_get("/identity/oauth/consent", "Cookie: sr_session=" + std::string(70'000, 'a') + "\r\n"),
       431, "<html"},
      // --- every party: framing and transport ---
      {"authz: 150 header lines", A,
       [] {
         std::string h;
         for (int i = 0; i < 150; ++i) h += "X-" + std::to_string(i) + ": y\r\n";
         return raw_get("/.well-known/oauth-authorization-server", h);
       }(),
       431, "headers"},
      {"authz: request line of 100 KB", A, "GET /" + std::string(100'000, 'a') + " HTTP/1.1\r\n\r\n",
       414, "request line"},
      {"authz: path not UTF-8", A, raw_get("/%FF"), 404, ""},
      {"authz: garbage request line", A, "HELLO\r\n\r\n", 400, ""},
      {"authz: HTTP/2 preface", A, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400, ""},
      {"authz: header without a colon", A, "GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n", 404, ""},
      {"authz: NUL in the path", A, std::string("GET /") + '\0' + "x HTTP/1.1\r\nHost: a\r\n\r\n",
       400, ""},
      {"authz: only a request line then EOF", A, "GET / HTTP/1.1\r\n", 400, ""},
      {"authz: nothing then EOF", A, "", 0, ""},
      // --- Customer API (RFC 6750 3.1; SR's error bodies) ---
      {"api: no token", R, raw_get("/users/me"), 401, "access token is required"},
      {"api: unknown token", R, raw_get("/users/me", "Authorization: Bearer nope\r\n"), 401,
       "invalid_token"},
      {"api: two Authorization headers", R,
       raw_get("/users/me", "Authorization: Bearer a\r\nAuthorization: Bearer b\r\n"), 400,
       "invalid_request"},
      {"api: Bearer with no token", R, raw_get("/users/me", "Authorization: Bearer\r\n"), 400, ""},
      {"api: Bearer with CR in it", R, raw_get("/users/me", "Authorization: Bearer a\rb\r\n"), 400,
       ""},
      {"api: token in the query and the header", R,
       raw_get("/users/me?access_token=a", "Authorization: Bearer b\r\n"), 400, "invalid_request"},
      {"api: token with a malformed escape in the query", R,
       raw_get(std::string("/users/me?access_token=") + kNeverShown + "%zz"), 400, "", kNeverShown},
      {"candidates: deep JSON without a token", R, raw_json("/candidates", deeply_nested_json(50'000)), 401,
       ""},
      {"candidates: deep JSON with a token", R,
       raw_json("/candidates", deeply_nested_json(50'000), bearer_header()), 400, "nested deeper than 64"},
      {"candidates: not JSON", R, raw_json("/candidates", "{", bearer_header()), 400, "not valid JSON"},
      {"candidates: JSON array", R, raw_json("/candidates", "[]", bearer_header()), 400, "JSON object"},
      {"candidates: JSON not UTF-8", R,
       raw_json("/candidates", "{\"firstName\":\"\xFF\"}", bearer_header()), 400, ""},
      {"candidates: missing fields", R, raw_json("/candidates", "{}", bearer_header()), 400, "firstName"},
      {"candidates: markup in a name", R,
       raw_json("/candidates",
            R"({"firstName":"<script>","lastName":"x","email":"not-an-email"})", bearer_header()),
       400, "email", "<script>"},
      {"candidates: body of 2 MB announced", R,
       "POST /candidates HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
       "Content-Length: 2000000\r\n\r\n",
       413, "too large"},
      {"candidates: gzip", R,
       raw_json("/candidates", "{}", "Content-Encoding: gzip\r\n" + bearer_header()), 415,
       "Content-Encoding"},
      {"candidates: DELETE", R, "DELETE /candidates HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 405,
       ""},
      {"jobs: PUT", R, raw_post("/jobs", "application/json", "{}"), 405, ""},
      {"jobs: limit not a number", R, raw_get("/jobs?limit=abc", bearer_header()), 403, ""},
      {"jobs: limit negative", R, raw_get("/jobs?limit=-1", bearer_header()), 403, ""},
      {"candidates: forged page id", R, raw_get("/candidates?pageId=%3Cscript%3E", bearer_header()), 403,
       "", "<script>"},
      {"api: unknown path", R, raw_get("/nothing/here", bearer_header()), 404, ""},
      {"api: path not UTF-8", R, raw_get("/%FF", bearer_header()), 404, ""},
      {"api: 10 MB of headers", R,
       [] {
         std::string h;
         for (int i = 0; i < 2500; ++i) h += "X-Filler: " + std::string(4000, 'a') + "\r\n";
         return raw_get("/users/me", h);
       }(),
       431, "headers"},
      {"api: huge Host", R,
       "GET /users/me HTTP/1.1\r\nHost: " + std::string(70'000, 'h') + "\r\n\r\n", 431, ""},
      // --- vendor app (HTML pages) ---
      {"app: callback without state", C, raw_get("/callback?code=x"), 400, "<"},
      {"app: callback with forged state", C, raw_get("/callback?code=x&state=forged"), 400, "<"},
      {"app: callback with markup in error", C,
       raw_get("/callback?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E&state=x"), 400, "",
       "<script>alert"},
      {"app: callback with CR LF in state", C, raw_get("/callback?code=x&state=a%0D%0ASet-Cookie:x"),
       400, "", "\r\nSet-Cookie:x"},
      {"app: callback with repeated code", C, raw_get("/callback?code=a&code=b&state=x"), 400, ""},
      {"app: callback not UTF-8", C, raw_get("/callback?code=%FF&state=%FF"), 400, ""},
      {"app: callback with a forged session cookie", C,
       raw_get("/callback?code=x&state=y", "Cookie: vendor_session=forged\r\n"), 400, ""},
      {"app: action without a session", C, raw_get("/action?path=/users/me"), 409, "not connected"},
      {"app: action with a path outside the API", C,
       raw_get("/action?path=http://evil.example/", "Cookie: vendor_session=x\r\n"), 400, ""},
      {"app: POST action with deep JSON", C,
       raw_form("/action", "path=/candidates&body=" + std::string(3000, '[') + std::string(3000, ']')),
       400, "nested deeper than 64"},
      {"app: POST action with JSON", C, raw_json("/action", "{}"), 400, ""},
      {"app: POST action without path", C, raw_form("/action", "body=%7B%7D"), 400, "path is missing"},
      {"app: POST action with method DELETE", C, raw_form("/action", "path=/jobs&method=DELETE"), 400,
       "method must be GET or POST"},
      {"app: POST action malformed escape", C, raw_form("/action", "path=%zz"), 400, ""},
      {"app: refresh without a session", C, raw_form("/refresh", ""), 409, ""},
      {"app: revoke without a session", C, raw_form("/revoke", ""), 409, ""},
      {"app: form over 8 KB", C, raw_form("/action", "path=/jobs&x=" + std::string(9000, 'a')), 413,
       "<"},
      {"app: request line of 10 KB", C, raw_get("/action?path=" + std::string(10'000, 'a')), 414,
       "<"},
      {"app: 150 header lines", C,
       [] {
         std::string h;
         for (int i = 0; i < 150; ++i) h += "X-" + std::to_string(i) + ": y\r\n";
         return raw_get("/", h);
       }(),
       431, "<"},
      {"app: unknown path", C, raw_get("/nothing"), 404, ""},
      // --- control API (loopback harness; JSON in and out) ---
      {"control: advance text/plain", A,
       raw_post("/_oauthsim/clock/advance", "text/plain", R"({"seconds":60})"), 403,
       "application/json"},
      {"control: advance as a form", A, raw_form("/_oauthsim/clock/advance", "seconds=60"), 403,
       "application/json"},
      {"control: reset without JSON type", A, raw_post("/_oauthsim/reset", "", ""), 403,
       "application/json"},
      {"control: advance from another origin", A,
       raw_json("/_oauthsim/clock/advance", R"({"seconds":60})", "Origin: https://evil.example\r\n"),
       403, "another origin"},
      {"control: reset from another origin", A,
       raw_json("/_oauthsim/reset", "", "Origin: http://evil.example\r\n"), 403, "another origin"},
      {"control: rebinding Host", A,
       "POST /_oauthsim/reset HTTP/1.1\r\nHost: evil.example\r\n" + kControlJson +
           "Content-Length: 0\r\n\r\n",
       403, "Host header"},
      {"control: trace by rebinding Host", A,
       "GET /_oauthsim/trace HTTP/1.1\r\nHost: evil.example:80\r\n\r\n", 403, "Host header"},
      {"control: advance zero", A, raw_json("/_oauthsim/clock/advance", R"({"seconds":0})"), 400,
       "/seconds"},
      {"control: advance malformed JSON", A, raw_json("/_oauthsim/clock/advance", "{"), 400,
       "malformed JSON"},
      {"control: advance deep JSON", A, raw_json("/_oauthsim/clock/advance", deeply_nested_json(50'000)), 400,
       "nested deeper than 64"},
      {"control: advance an array", A, raw_json("/_oauthsim/clock/advance", "[]"), 400,
       "JSON object"},
      {"control: advance unknown key", A,
       raw_json("/_oauthsim/clock/advance", R"({"seconds":1,"x":1})"), 400, "unknown key"},
      {"control: advance huge number", A,
       raw_json("/_oauthsim/clock/advance", R"({"seconds":1e999})"), 400, ""},
      {"control: fault with deep body", A,
       raw_json("/_oauthsim/faults",
            R"({"server":"authorization_server","path":"/x","status":500,"body":)" +
                deeply_nested_json(50'000) + "}"),
       400, "nested deeper than 64"},
      {"control: fault unknown server", A,
       raw_json("/_oauthsim/faults", R"({"server":"nobody","path":"/x","status":500})"), 400,
       "/server"},
      {"control: fault status 99", A,
       raw_json("/_oauthsim/faults", R"({"server":"authorization_server","path":"/x","status":99})"),
       400, "/status"},
      {"control: fault body not UTF-8", A,
       raw_json("/_oauthsim/faults",
            "{\"server\":\"authorization_server\",\"path\":\"/x\",\"status\":500,\"body\":\"\xFF\"}"),
       400, "malformed JSON"},
      {"control: revoke grants of nobody", A,
       raw_json("/_oauthsim/users/nobody%40example.com/revoke-grants", ""), 404, "not_found"},
      {"control: revoke grants markup user", A,
       raw_json("/_oauthsim/users/%3Cscript%3E/revoke-grants", ""), 404, "not_found"},
      {"control: unknown route", A, raw_get("/_oauthsim/nothing"), 404, "not_found"},
      {"control: PUT clock", A,
       "PUT /_oauthsim/clock HTTP/1.1\r\nHost: 127.0.0.1\r\n" + kControlJson +
           "Content-Length: 2\r\n\r\n{}",
       404, "not_found"},
  };
  return c;
}

struct ServeUnderAttack {
  std::unique_ptr<ChildProcess> process;
  nlohmann::json urls;
  int port(Target p) const {
    const char* key = p == Target::kAuthz ? "authorization_server"
                      : p == Target::kApi ? "resource_server"
                                          : "client";
    const std::string url = urls.at(key);
    return std::stoi(url.substr(url.rfind(':') + 1));
  }
};

class BadInputCatalog : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    const auto ready = *dir_ / "serve.ready";
    served_ = new ServeUnderAttack;
    served_->process = std::make_unique<ChildProcess>(
        std::vector<std::string>{kAppBin, "serve", "--authz-port", "0", "--api-port", "0",
                                 "--client-port", "0", "--ready-file", ready.string()},
        dir_->path(), "serve");
    wait_for_ready_url(*served_->process, ready, "authorization_server", kReadyDeadline);
    served_->urls = nlohmann::json::parse(read_file(ready));
  }
  static void TearDownTestSuite() {
    served_->process->send_signal(SIGTERM);
    (void)served_->process->wait_for_exit(kStopDeadline);
    delete served_;
    delete dir_;
  }

  common::HttpResponse send(common::HttpRequest r) { return http_.send(r); }
  std::string authz() const { return served_->urls.at("authorization_server"); }
  std::string api() const { return served_->urls.at("resource_server"); }

  // What must not change: the clock, the faults, and that a live token pair still works.
  struct State {
    std::string clock;
    std::string faults;
    int api_status = 0;
  };
  State state(const std::string& access_token) {
    State s;
    auto clock = common::HttpRequest::get(authz() + "/_oauthsim/clock");
    s.clock = send(clock).body;
    s.faults = send(common::HttpRequest::get(authz() + "/_oauthsim/faults")).body;
    auto me = common::HttpRequest::get(api() + "/configuration/company");
    me.headers.add("Authorization", "Bearer " + access_token);
    s.api_status = send(me).status;
    return s;
  }

  std::string issue_token() {
    const auto issued = send(common::HttpRequest::post_form(
        authz() + "/identity/oauth/token", {{"grant_type", "client_credentials"},
                                            {"client_id", "acme-ats"},
                                            {"client_secret", "acme-secret"},
                                            {"scope", "configuration_read candidates_create"}}));
    EXPECT_EQ(issued.status, 200) << issued.body;
    return nlohmann::json::parse(issued.body, nullptr, false).value("access_token", "");
  }

  bool serves(Target p) {
    RawConnection c(served_->port(p));
    c.send(raw_get(p == Target::kAuthz ? "/.well-known/oauth-authorization-server"
                   : p == Target::kApi ? "/nothing"
                                       : "/",
                   "Connection: close\r\n"));
    const int status = status_of_answer(c.read_to_close());
    return p == Target::kApi ? status == 401 || status == 404 : status == 200;
  }

  static TempDir* dir_;
  static ServeUnderAttack* served_;
  common::SocketHttpTransport http_;
};

TempDir* BadInputCatalog::dir_ = nullptr;
ServeUnderAttack* BadInputCatalog::served_ = nullptr;

TEST_F(BadInputCatalog, EveryHostileRequestIsRefusedAsTheRfcSaysAndChangesNothing) {
  const std::string token = issue_token();
  ASSERT_FALSE(token.empty());
  const State before = state(token);
  ASSERT_EQ(before.api_status, 200);
  const auto cases = hostile_requests();
  ASSERT_GE(cases.size(), 100u);
  for (const auto& bad : cases) {
    SCOPED_TRACE(bad.name);
    std::string request = bad.request;
    for (auto at = request.find("{TOKEN}"); at != std::string::npos; at = request.find("{TOKEN}")) {
      request.replace(at, 7, token);
    }
    const std::string answer = raw_exchange_then_eof(served_->port(bad.party), request);
    EXPECT_EQ(status_of_answer(answer), bad.status) << answer.substr(0, 400);
    if (!bad.body_has.empty()) {
      EXPECT_NE(body_of_answer(answer).find(bad.body_has), std::string::npos)
          << answer.substr(0, 400);
    }
    if (!bad.never_shown.empty()) {
      EXPECT_EQ(answer.find(bad.never_shown), std::string::npos) << answer.substr(0, 400);
    }
    EXPECT_TRUE(serves(bad.party)) << "the party stopped serving";
    const State after = state(token);
    EXPECT_EQ(after.clock, before.clock);
    EXPECT_EQ(after.faults, before.faults);
    // 429: the Customer API's rate limit, which these checks themselves use up.
    EXPECT_TRUE(after.api_status == 200 || after.api_status == 429) << after.api_status;
  }
  // The trace, with every exchange above in it, still reads as JSON and holds no secret.
  const auto trace = send(common::HttpRequest::get(authz() + "/_oauthsim/trace"));
  EXPECT_EQ(trace.status, 200);
  EXPECT_FALSE(nlohmann::json::parse(trace.body, nullptr, false).is_discarded());
  EXPECT_EQ(trace.body.find(kNeverShown), std::string::npos);
  EXPECT_EQ(trace.body.find(token), std::string::npos);
  std::cout << "[ catalog  ] " << cases.size() << " hostile requests tried\n";
}

TEST_F(BadInputCatalog, IdleAndHalfSentConnectionsDoNotStopAnyParty) {
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (Target p : {Target::kAuthz, Target::kApi, Target::kClient}) {
    for (int i = 0; i < 24; ++i) {
      idle.push_back(std::make_unique<RawConnection>(served_->port(p)));
      if (i % 2) idle.back()->send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    }
  }
  for (Target p : {Target::kAuthz, Target::kApi, Target::kClient}) {
    RawConnection c(served_->port(p));
    c.send(raw_get("/", "Connection: close\r\n"));
    EXPECT_NE(status_of_answer(c.read_to_close(std::chrono::seconds(4))), 0)
        << "party " << static_cast<int>(p) << " starved by idle connections";
  }
}

}  // namespace
}  // namespace oauthsim::process_test
