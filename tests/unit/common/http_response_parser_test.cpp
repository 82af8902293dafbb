#include "oauthsim/common/http_response_parser.h"

#include <gtest/gtest.h>

#include <string>
#include "support/text.h"

namespace oauthsim::common {
namespace {

using test_support::contains;

HttpResponse parse_ok(std::string_view raw, bool head = false, HttpResponseLimits limits = {}) {
  std::string error;
  auto r = parse_http_response(raw, &error, head, limits);
  EXPECT_TRUE(r) << error;
  return r ? *r : HttpResponse{};
}

std::string parse_error(std::string_view raw, bool head = false, HttpResponseLimits limits = {}) {
  std::string error;
  auto r = parse_http_response(raw, &error, head, limits);
  EXPECT_FALSE(r) << "parsed although it should not: " << raw;
  return error;
}

TEST(HttpResponseParser, ReadsAContentLengthBody) {
  HttpResponse r = parse_ok(
      "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: "
      "7\r\n\r\n{\"a\":1}");
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.body, "{\"a\":1}");
}

TEST(HttpResponseParser, KeepsHeaderValuesByteExactButTrimsSurroundingWhitespace) {
  HttpResponse r = parse_ok(
      "HTTP/1.1 302 Found\r\nLocation: \t http://x/cb?a=b%20c%26d%2Be%3Df%25g+h \t\r\n"
      "WWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"a%20b\"\r\n"
      "Content-Length: 0\r\n\r\n");
  EXPECT_EQ(r.header("Location"), "http://x/cb?a=b%20c%26d%2Be%3Df%25g+h");
  EXPECT_EQ(r.header("WWW-Authenticate"),
            "Bearer error=\"invalid_token\", error_description=\"a%20b\"");
}

TEST(HttpResponseParser, KeepsRepeatedHeadersInOrder) {
  HttpResponse r = parse_ok(
      "HTTP/1.1 200 OK\r\nSet-Cookie: a=1; Path=/\r\nX-Other: y\r\nSet-Cookie: b=2%3D; "
      "HttpOnly\r\nContent-Length: 0\r\n\r\n");
  std::vector<std::string> cookies;
  for (const auto& [k, v] : r.headers.items()) {
    if (k == "Set-Cookie") cookies.push_back(v);
  }
  EXPECT_EQ(cookies, (std::vector<std::string>{"a=1; Path=/", "b=2%3D; HttpOnly"}));
}

TEST(HttpResponseParser, DecodesChunkedBodyIgnoringExtensionsAndTrailers) {
  HttpResponse r = parse_ok(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n"
      "5;name=value\r\nhello\r\n"
      "1 ; ext\r\n \r\n"
      "A\r\n0123456789\r\n"
      "0\r\nX-Trailer: t\r\nExpires: never\r\n\r\n");
  EXPECT_EQ(r.body, "hello 0123456789");
  EXPECT_FALSE(r.header("X-Trailer")) << "trailers are ignored, not merged into the headers";
}

TEST(HttpResponseParser, ReadsTheBodyUntilTheConnectionCloses) {
  HttpResponse r = parse_ok("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nall of\r\nthis");
  EXPECT_EQ(r.body, "all of\r\nthis");
}

TEST(HttpResponseParser, SkipsInterimResponses) {
  HttpResponse r = parse_ok(
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(r.header("Link")) << "headers of an interim response are dropped";
  EXPECT_EQ(r.body, "ok");
}

TEST(HttpResponseParser, HasNoBodyForHeadOr204Or304) {
  HttpResponseReader head(true);
  EXPECT_EQ(head.feed("HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n"),
            HttpResponseReader::State::kDone)
      << "a HEAD response must complete without waiting for 500 bytes";
  for (const char* status : {"204 No Content", "304 Not Modified"}) {
    HttpResponseReader reader;
    EXPECT_EQ(reader.feed(std::string("HTTP/1.1 ") + status + "\r\nContent-Length: 9\r\n\r\n"),
              HttpResponseReader::State::kDone)
        << status;
    EXPECT_EQ(reader.take_response().body, "");
  }
}

TEST(HttpResponseParser, AcceptsBareLineFeedsAndAMissingReasonPhrase) {
  HttpResponse r = parse_ok("HTTP/1.1 200\nContent-Length: 2\n\nok");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok");
}

TEST(HttpResponseParser, GivesTheSameResultWhenFedOneByteAtATime) {
  const std::string raw =
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
      "Set-Cookie: s=1\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
  HttpResponseReader reader;
  for (std::size_t i = 0; i + 1 < raw.size(); ++i) {
    ASSERT_EQ(reader.feed(raw.substr(i, 1)), HttpResponseReader::State::kNeedMore) << "at " << i;
  }
  ASSERT_EQ(reader.feed(raw.substr(raw.size() - 1)), HttpResponseReader::State::kDone);
  HttpResponse r = reader.take_response();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Set-Cookie"), "s=1");
  EXPECT_EQ(r.body, "abcde");
}

TEST(HttpResponseParser, IgnoresBytesAfterACompleteResponse) {
  HttpResponse r = parse_ok("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokGARBAGE");
  EXPECT_EQ(r.body, "ok");
}

TEST(HttpResponseParser, RejectsMalformedStatusLines) {
  for (const char* bad :
       {"HTTP/1.1 2000 OK\r\n\r\n", "HTTP/2 200 OK\r\n\r\n", "http/1.1 200 OK\r\n\r\n",
        "HTTP/1.1 2x0 OK\r\n\r\n", "HTTP/1.1  200 OK\r\n\r\n", "HTTP/1.1 200OK\r\n\r\n",
        "<html>hello</html>\r\n\r\n", "HTTP/1.1 200 O\x01K\r\n\r\n"}) {
    EXPECT_TRUE(contains(parse_error(bad), "malformed status line")) << bad;
  }
  EXPECT_TRUE(contains(parse_error("HTTP/1.1 600 Nope\r\n\r\n"), "out of range"));
}

TEST(HttpResponseParser, RejectsObsoleteLineFolding) {
  const std::string e =
      parse_error("HTTP/1.1 200 OK\r\nX-A: one\r\n  two\r\nContent-Length: 0\r\n\r\n");
  EXPECT_TRUE(contains(e, "obs-fold")) << e;
}

TEST(HttpResponseParser, RejectsMalformedHeaderLines) {
  EXPECT_TRUE(contains(parse_error("HTTP/1.1 200 OK\r\nNoColonHere\r\n\r\n"), "without a colon"));
  EXPECT_TRUE(contains(parse_error("HTTP/1.1 200 OK\r\nBad Name: v\r\n\r\n"), "header name"));
  EXPECT_TRUE(contains(parse_error("HTTP/1.1 200 OK\r\nName : v\r\n\r\n"), "header name"));
  EXPECT_TRUE(contains(parse_error("HTTP/1.1 200 OK\r\n: v\r\n\r\n"), "header name"));
}

TEST(HttpResponseParser, ControlCharacterErrorNeverQuotesTheValue) {
  const std::string e =
      parse_error("HTTP/1.1 200 OK\r\nSet-Cookie: session=SECRET\x01value\r\n\r\n");
  EXPECT_TRUE(contains(e, "Set-Cookie")) << e;
  EXPECT_FALSE(contains(e, "SECRET")) << e;
}

TEST(HttpResponseParser, RejectsOversizedHeaders) {
  const std::string big = "HTTP/1.1 200 OK\r\nX-Big: " + std::string(70 * 1024, 'a') + "\r\n\r\n";
  EXPECT_TRUE(contains(parse_error(big), "64 KiB")) << parse_error(big);
  // Also when the terminating line feed has not arrived yet: the reader must not buffer forever.
  HttpResponseReader reader;
  EXPECT_EQ(reader.feed("HTTP/1.1 200 OK\r\nX-Big: " + std::string(70 * 1024, 'a')),
            HttpResponseReader::State::kError);
  // Many small headers count too.
  std::string many = "HTTP/1.1 200 OK\r\n";
  for (int i = 0; i < 5000; ++i) many += "X-H" + std::to_string(i) + ": 0123456789\r\n";
  EXPECT_TRUE(contains(parse_error(many + "\r\n"), "64 KiB"));
}

TEST(HttpResponseParser, RejectsATruncatedContentLengthBody) {
  const std::string e = parse_error("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
  EXPECT_TRUE(contains(e, "got 3 of 10 bytes")) << e;
}

TEST(HttpResponseParser, RejectsATruncatedChunkedBody) {
  EXPECT_TRUE(contains(parse_error("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"),
                       "chunked"));
  EXPECT_TRUE(contains(
      parse_error("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n"), "chunked"))
      << "no last chunk";
}

TEST(HttpResponseParser, RejectsMissingOrTruncatedHeaders) {
  EXPECT_TRUE(contains(parse_error(""), "without sending a response"));
  EXPECT_TRUE(contains(parse_error("HTTP/1.1 200 OK\r\nContent-Le"), "middle of the response"));
}

TEST(HttpResponseParser, RejectsMalformedChunks) {
  const std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  EXPECT_TRUE(contains(parse_error(head + "zz\r\n"), "malformed chunk size"));
  EXPECT_TRUE(contains(parse_error(head + "5x\r\nhello\r\n0\r\n\r\n"), "malformed chunk size"));
  EXPECT_TRUE(contains(parse_error(head + "2\r\nhello\r\n0\r\n\r\n"), "longer than its declared"));
  EXPECT_TRUE(contains(parse_error(head + "fffffffffffffffff\r\n"), "too large"));
}

TEST(HttpResponseParser, RejectsAmbiguousFraming) {
  EXPECT_TRUE(contains(parse_error("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                                   "Content-Length: 3\r\n\r\n0\r\n\r\n"),
                       "both Transfer-Encoding and Content-Length"));
  EXPECT_TRUE(
      contains(parse_error("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"),
               "conflicting Content-Length"));
  EXPECT_TRUE(contains(parse_error("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"),
                       "invalid Content-Length"));
  EXPECT_TRUE(contains(parse_error("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n"),
                       "unsupported Transfer-Encoding"));
  // The same length repeated is harmless.
  EXPECT_EQ(parse_ok("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok").body,
            "ok");
}

TEST(HttpResponseParser, RejectsBodiesOverTheLimit) {
  HttpResponseLimits small;
  small.max_body_bytes = 4;
  EXPECT_TRUE(contains(
      parse_error("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", false, small), "limit"));
  EXPECT_TRUE(contains(parse_error("HTTP/1.1 200 OK\r\n\r\nhello", false, small), "limit"));
  EXPECT_TRUE(contains(parse_error("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                   "3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n",
                                   false, small),
                       "limit"));
  EXPECT_EQ(parse_ok("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nfour", false, small).body,
            "four");
  // The default limit is 16 MiB, checked before any body byte is buffered.
  EXPECT_TRUE(
      contains(parse_error("HTTP/1.1 200 OK\r\nContent-Length: 16777217\r\n\r\n"), "16 MiB"));
}

TEST(HttpResponseParser, RejectsSwitchingProtocolsAndEndlessInterimResponses) {
  EXPECT_TRUE(contains(parse_error("HTTP/1.1 101 Switching Protocols\r\n\r\n"), "101"));
  std::string endless;
  for (int i = 0; i < 20; ++i) endless += "HTTP/1.1 100 Continue\r\n\r\n";
  EXPECT_TRUE(contains(parse_error(endless), "interim"));
}

}  // namespace
}  // namespace oauthsim::common
