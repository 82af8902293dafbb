#include "oauthsim/common/trace_recording.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace oauthsim::common
