#include "oauthsim/common/trace_recording.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "support/compress.h"
#include "support/text.h"

namespace oauthsim::common {
namespace {

using test_support::contains;

const std::string kTokenAnswer =
    R"({"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":1800,)"
    R"("refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA"})";

WireMessage json_answer(std::string_view coding, std::string_view body) {
  Params headers{{"content-type", "application/json; charset=utf-8"}};
  if (!coding.empty()) headers.add("content-encoding", std::string(coding));
  return WireMessage{headers, body, false};
}

void expect_token_fields(const Params& fields) {
  EXPECT_EQ(fields.get("token_type"), "Bearer");
  EXPECT_EQ(fields.get("expires_in"), "1800");
  EXPECT_EQ(fields.get("access_token"), "[redacted " + fingerprint("2YotnFZFEjr1zCsicMWpAA") + "]");
  EXPECT_EQ(fields.get("refresh_token"),
            "[redacted " + fingerprint("tGzv3JOkF0XG5Qx2TlKWIA") + "]");
}

TEST(TraceRecording, AnswerFieldsAreReadThroughEveryContentCoding) {
  const std::string gz = test_support::gzip(kTokenAnswer);
  const std::string br = test_support::brotli(kTokenAnswer);
  const std::string zl = test_support::deflate_zlib(kTokenAnswer);
  for (const auto& [coding, body] :
       {std::pair<std::string_view, std::string_view>{"", kTokenAnswer},
        {"gzip", gz},
        {"br", br},
        {"deflate", zl}}) {
    SCOPED_TRACE(std::string(coding));
    TraceEntry e;
    record_response(e, 200, json_answer(coding, body));
    EXPECT_EQ(e.status, 200);
    expect_token_fields(e.response_fields);
    if (!coding.empty()) {
      EXPECT_EQ(e.response_headers.get("Content-Encoding"), coding);
    }
  }
}

TEST(TraceRecording, RequestFormFieldsAreReadThroughTheirContentCoding) {
  const std::string form =
      "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&client_id=acme-ats"
      "&client_secret=s3cret";
  TraceEntry e;
  record_request(e, "POST", "/identity/oauth/token", Params{{"x", "1"}},
                 WireMessage{Params{{"Content-Type", "application/x-www-form-urlencoded"},
                                    {"Content-Encoding", "gzip"},
                                    {"Accept-Encoding", "gzip, deflate"}},
                             test_support::gzip(form), false});
  EXPECT_EQ(e.method, "POST");
  EXPECT_EQ(e.path, "/identity/oauth/token");
  EXPECT_EQ(e.query.get("x"), "1");
  EXPECT_EQ(e.form.get("grant_type"), "authorization_code");
  EXPECT_EQ(e.form.get("client_id"), "acme-ats");
  EXPECT_EQ(e.form.get("client_secret"), "[redacted]");
  EXPECT_EQ(e.form.get("code"), "[redacted " + fingerprint("SplxlOBeZQQYbYS6WxSbIA") + "]");
  EXPECT_EQ(e.request_headers.get("Content-Encoding"), "gzip");
  EXPECT_FALSE(e.request_headers.has("Accept-Encoding"));  // not a traced header
}

TEST(TraceRecording, ABodyTheHttpStackAlreadyDecodedIsNotDecodedTwice) {
  // cpp-httplib's server inflates a gzip request body but leaves its Content-Encoding header.
  const auto fields = wire_body_fields(WireMessage{
      Params{{"Content-Type", "application/x-www-form-urlencoded"}, {"Content-Encoding", "gzip"}},
      "grant_type=refresh_token", true});
  EXPECT_EQ(fields.get("grant_type"), "refresh_token");
}

TEST(TraceRecording, AnUndecodableBodyIsShownAsSuchNotDropped) {
  const auto fields = wire_body_fields(json_answer("gzip", kTokenAnswer));  // says gzip, is not
  ASSERT_EQ(fields.items().size(), 1u);
  EXPECT_TRUE(contains(fields.get_or("_body", ""), "undecodable body"))
      << fields.get_or("_body", "");
  const auto unknown = wire_body_fields(json_answer("zstd", "\x28\xb5\x2f\xfd"));
  EXPECT_TRUE(contains(unknown.get_or("_body", ""), "zstd")) << unknown.get_or("_body", "");
}

TEST(TraceRecording, HeaderNamesAreMatchedInAnyCaseAndShownInTheTracesSpelling) {
  TraceEntry e;
  record_response(e, 302,
                  WireMessage{Params{{"location", "http://127.0.0.1:9/cb?code=abc&state=xyz"},
                                     {"SET-COOKIE", "sr_session=abc; HttpOnly"},
                                     {"Set-Cookie", "other=def"}},
                              {},
                              false});
  EXPECT_EQ(e.response_headers.get("Location"),
            "http://127.0.0.1:9/cb?code=[redacted " + fingerprint("abc") + "]&state=xyz");
  EXPECT_EQ(e.response_headers.count("Set-Cookie"), 2u);
  EXPECT_TRUE(e.response_fields.empty());
}

// What a server records on its hot path (Trace::record with the raw exchange) must read back
// exactly as the eager record_request/record_response would have made it, through every way a
// trace is read, with no secret left in it.
const std::string kRefreshForm =
    "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA&client_id=acme-ats"
    "&client_secret=s3cret";

UnredactedExchange raw_token_exchange() {
  UnredactedExchange raw;
  raw.query = Params{{"code", "SplxlOBeZQQYbYS6WxSbIA"}, {"x", "1"}};
  raw.request_headers = Params{{"Authorization", "Bearer 2YotnFZFEjr1zCsicMWpAA"},
                               {"Content-Type", "application/x-www-form-urlencoded"}};
  raw.request_body = kRefreshForm;
  raw.request_decoded = true;
  raw.response_headers = Params{{"Set-Cookie", "sr_session=abc; HttpOnly"},
                                {"Content-Type", "application/json; charset=utf-8"}};
  raw.response_body = kTokenAnswer;
  return raw;
}

TraceEntry eager_token_entry() {
  const UnredactedExchange raw = raw_token_exchange();
  TraceEntry e;
  e.seq = 1;
  e.observer = e.to = party::kAuthorizationServer;
  e.from = party::kClient;
  record_request(e, "POST", "/identity/oauth/token", raw.query,
                 WireMessage{raw.request_headers, raw.request_body, true});
  record_response(e, 200, WireMessage{raw.response_headers, raw.response_body, false});
  return e;
}

TraceEntry deferred_token_entry() {
  TraceEntry e;
  e.seq = 1;
  e.observer = e.to = party::kAuthorizationServer;
  e.from = party::kClient;
  e.method = "POST";
  e.path = "/identity/oauth/token";
  e.status = 200;
  return e;
}

std::vector<std::string> secrets() {
  return {"SplxlOBeZQQYbYS6WxSbIA", "2YotnFZFEjr1zCsicMWpAA", "tGzv3JOkF0XG5Qx2TlKWIA", "s3cret",
          "sr_session=abc"};
}

TEST(TraceRecording, ADeferredEntryReadsBackAsTheEagerlyRedactedOne) {
  const std::string eager = eager_token_entry().to_json().dump();
  for (const std::string& secret : secrets()) EXPECT_FALSE(contains(eager, secret)) << secret;
  Trace trace;
  trace.record(deferred_token_entry(), std::make_unique<UnredactedExchange>(raw_token_exchange()));
  EXPECT_EQ(trace.to_json().dump(), "[" + eager + "]");
  ASSERT_EQ(trace.entries().size(), 1u);
  EXPECT_EQ(trace.entries()[0].to_json().dump(), eager);  // a second read sees the same
  const TracePage page = trace.page(0, 10);
  ASSERT_EQ(page.entries.size(), 1u);
  EXPECT_EQ(page.entries[0].to_json().dump(), eager);
}

TEST(TraceRecording, ADeferredEntryReachesTheSinkRedacted) {
  Trace trace;
  std::vector<std::string> seen;
  trace.set_sink([&seen](const TraceEntry& e) { seen.push_back(e.to_json().dump()); });
  trace.record(deferred_token_entry(), std::make_unique<UnredactedExchange>(raw_token_exchange()));
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0], eager_token_entry().to_json().dump());
}

}  // namespace
}  // namespace oauthsim::common
