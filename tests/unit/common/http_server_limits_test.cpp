// HttpServer's read limits, driven with raw bytes: every refusal has its status, an error body
// in the route's language and a closed connection, and the server serves the next request.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "oauthsim/common/http_server.h"
#include "support/raw_http.h"
#include "support/text.h"

namespace oauthsim::common {
namespace {

using test_support::body_of_answer;
using test_support::contains;
using test_support::raw_exchange;
using test_support::RawConnection;
using test_support::status_of_answer;

class HttpServerLimitsTest : public ::testing::Test {
 protected:
  void start(ReadLimits limits = {}) {
    server_ = std::make_unique<HttpServer>(party::kAuthorizationServer, &trace_, &clock_,
                                           std::nullopt, limits);
    server_->answer_in_html_under("/page");
    server_->routes().Get("/hello", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("hi", "text/plain");
    });
    server_->routes().Post("/echo", [this](const httplib::Request& req, httplib::Response& res) {
      ++handled_;
      res.set_content(std::to_string(req.body.size()), "text/plain");
    });
    server_->routes().Post("/form", [](const httplib::Request& req, httplib::Response& res) {
      try {
        res.set_content(std::to_string(form_params(req).items().size()), "text/plain");
      } catch (const OAuthError& e) {
        send_oauth_error(res, e);
      }
    });
    port_ = server_->start();
  }

  // The server still answers a plain request on a new connection.
  void expect_still_serving() {
    const auto answer =
        raw_exchange(port_, "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(status_of_answer(answer), 200) << answer;
  }

  // A refusal: status, a JSON error naming the problem, the connection closed after it.
  void expect_refused(const std::string& request, int status, const std::string& words) {
    RawConnection c(port_);
    c.send(request);
    const auto answer = c.read_to_close();
    EXPECT_EQ(status_of_answer(answer), status) << answer.substr(0, 300);
    const auto body = nlohmann::json::parse(body_of_answer(answer), nullptr, false);
    ASSERT_TRUE(body.is_object()) << answer.substr(0, 300);
    EXPECT_EQ(body.value("error", ""), "invalid_request");
    EXPECT_TRUE(contains(body.value("error_description", ""), words)) << body;
    EXPECT_TRUE(c.closed_by_server()) << "the connection stayed open after " << status;
    expect_still_serving();
  }

  Trace trace_;
  VirtualClock clock_;
  std::unique_ptr<HttpServer> server_;
  int port_ = 0;
  std::atomic<int> handled_{0};
};

TEST_F(HttpServerLimitsTest, TooManyHeaderLinesAre431) {
  start();
  std::string req = "GET /hello HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 150; ++i) req += "X-" + std::to_string(i) + ": y\r\n";
  expect_refused(req + "\r\n", 431, "headers");
}

TEST_F(HttpServerLimitsTest, TenMegabytesOfHeadersAre431WithoutReadingThemAll) {
  start();
  RawConnection c(port_);
  c.send("GET /hello HTTP/1.1\r\nHost: x\r\n");
  const std::string line = "X-Filler: " + std::string(4000, 'a') + "\r\n";
  // The server stops reading long before 10 MB; the rest of what we send is refused.
  for (int i = 0; i < 2500 && c.send(line); ++i) {
  }
  const auto answer = c.read_to_close();
  EXPECT_EQ(status_of_answer(answer), 431) << answer.substr(0, 300);
  expect_still_serving();
}

TEST_F(HttpServerLimitsTest, OneHugeHeaderLineIs431) {
  start();
  expect_refused(
      "GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(100'000, 'a') + "\r\n\r\n", 431,
      "headers");
}

TEST_F(HttpServerLimitsTest, RequestLineOverTheLimitIs414) {
  start();
  expect_refused("GET /hello?" + std::string(10'000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n", 414,
                 "request line");
}

TEST_F(HttpServerLimitsTest, RequestLineThatNeverEndsIs414) {
  start();
  expect_refused("GET /" + std::string(200'000, 'a'), 414, "request line");
}

TEST_F(HttpServerLimitsTest, ContentLengthOverTheLimitIs413BeforeTheBodyIsRead) {
  start();
  expect_refused(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2000000\r\n"
      "\r\n",
      413, "body");
  EXPECT_EQ(handled_.load(), 0);
}

TEST_F(HttpServerLimitsTest, ChunkedBodyOverTheLimitIs413) {
  start();
  std::string req =
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: "
      "chunked\r\n\r\n";
  for (int i = 0; i < 40; ++i) req += "10000\r\n" + std::string(0x10000, 'a') + "\r\n";
  expect_refused(req + "0\r\n\r\n", 413, "body");
  EXPECT_EQ(handled_.load(), 0);
}

TEST_F(HttpServerLimitsTest, ChunkedBodyWithinTheLimitIsServed) {
  start();
  const auto answer = raw_exchange(
      port_,
      "POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n0\r\n\r\n");
  EXPECT_EQ(status_of_answer(answer), 200) << answer;
  EXPECT_EQ(body_of_answer(answer), "5");
}

TEST_F(HttpServerLimitsTest, CompressedRequestBodyIs415) {
  start();
  expect_refused(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: 3\r\n\r\nabc",
      415, "Content-Encoding");
  EXPECT_EQ(handled_.load(), 0);
}

TEST_F(HttpServerLimitsTest, TwoFramingsOfOneBodyAre400) {
  start();
  expect_refused(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
      "0\r\n\r\n",
      400, "Transfer-Encoding");
  expect_refused(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc", 400,
      "Content-Length");
  expect_refused("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3x\r\n\r\nabc", 400,
                 "Content-Length");
}

TEST_F(HttpServerLimitsTest, FormOver8KBIs413WhateverTheContentTypeSpelling) {
  start();
  const std::string body = "a=" + std::string(9000, 'b');
  for (const std::string type :
       {"application/x-www-form-urlencoded", "Application/X-WWW-Form-Urlencoded; charset=UTF-8"}) {
    const auto answer = raw_exchange(
        port_, "POST /form HTTP/1.1\r\nHost: x\r\nContent-Type: " + type +
                   "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
    EXPECT_EQ(status_of_answer(answer), 413) << type << "\n" << answer.substr(0, 300);
  }
  // Chunked, the length is unknown until read: the form reader holds it to the same limit.
  const auto chunked = raw_exchange(
      port_,
      "POST /form HTTP/1.1\r\nHost: x\r\nContent-Type: APPLICATION/x-www-form-urlencoded\r\n"
      "Transfer-Encoding: chunked\r\n\r\n2328\r\n" +
          std::string(9000, 'a') + "\r\n0\r\n\r\n");
  EXPECT_EQ(status_of_answer(chunked), 413) << chunked.substr(0, 300);
  expect_still_serving();
}

TEST_F(HttpServerLimitsTest, RefusalUnderAnHtmlPathIsAnHtmlPage) {
  start();
  RawConnection c(port_);
  c.send("GET /page/login?" + std::string(10'000, '<') + " HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto answer = c.read_to_close();
  EXPECT_EQ(status_of_answer(answer), 414) << answer.substr(0, 300);
  EXPECT_TRUE(contains(answer, "Content-Type: text/html")) << answer.substr(0, 300);
  EXPECT_TRUE(contains(body_of_answer(answer), "<p>the request line is too long</p>"));
}

TEST_F(HttpServerLimitsTest, IdleAndHalfSentConnectionsDoNotStarveTheWorkers) {
  start();
  // Far more than cpp-httplib's 8 workers: some never send a byte, the others stop halfway
  // through their headers.
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 40; ++i) {
    idle.push_back(std::make_unique<RawConnection>(port_));
    if (i % 2) idle.back()->send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Slow: ");
  }
  // Each idle connection would hold a worker for the 5 s keep-alive wait (or the 5 s read
  // timeout): 40 of them on 8 workers would keep this request waiting ~25 s.
  RawConnection c(port_);
  c.send("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  const auto answer = c.read_to_close(std::chrono::seconds(4));
  EXPECT_EQ(status_of_answer(answer), 200) << "starved: " << answer;
}

TEST_F(HttpServerLimitsTest, ClientThatTricklesItsHeadersIsCutOffAt408) {
  ReadLimits limits;
  limits.header_deadline = std::chrono::milliseconds(300);
  start(limits);
  RawConnection c(port_);
  c.send("GET /hello HTTP/1.1\r\n");
  // One header byte every 100 ms never completes the request within its deadline.
  std::string answer;
  for (int i = 0; i < 100 && c.send("X"); ++i) {
    answer = c.read_to_close(std::chrono::milliseconds(100));
    if (!answer.empty()) break;
  }
  if (answer.empty()) answer = c.read_to_close();
  EXPECT_EQ(status_of_answer(answer), 408) << answer;
  expect_still_serving();
}

TEST_F(HttpServerLimitsTest, KeptAliveConnectionServesSeveralRequests) {
  start();
  RawConnection c(port_);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
    const auto answer = c.read_one_answer();
    EXPECT_EQ(status_of_answer(answer), 200) << answer;
    EXPECT_EQ(body_of_answer(answer), "hi");
  }
}

TEST_F(HttpServerLimitsTest, RefusedRequestIsTracedWithItsStatus) {
  start();
  raw_exchange(port_, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 9999999\r\n\r\n");
  server_->stop();
  bool found = false;
  for (const auto& e : trace_.entries()) found = found || (e.path == "/echo" && e.status == 413);
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace oauthsim::common
