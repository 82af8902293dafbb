// HttpServer over TLS keeps the plain server's read limits: oversized heads, too many header
// lines and oversized bodies (chunked too) are refused with their status, slow heads get 408,
// and clients that never start or finish a handshake, or handshake and say nothing, are
// dropped rather than holding a worker. A failed handshake is an exchange in the trace.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "component/authz/tls_test_pki.h"
#include "oauthsim/common/http_server.h"
#include "oauthsim/common/socket_http_transport.h"
#include "support/raw_http.h"
#include "support/raw_tls.h"
#include "support/text.h"

namespace oauthsim::common {
namespace {

using test_support::contains;
using test_support::RawConnection;
using test_support::RawTlsConnection;
using test_support::status_of_answer;

class TlsServerLimitsTest : public ::testing::Test {
 protected:
  void start(ReadLimits limits = {}) {
    server_ = std::make_unique<HttpServer>(party::kAuthorizationServer, &trace_, &clock_,
                                           pki_.server_options(), limits);
    server_->routes().Get("/hello", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("hi", "text/plain");
    });
    server_->routes().Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(std::to_string(req.body.size()), "text/plain");
    });
    port_ = server_->start();
  }
  const std::string& ca() const { return pki_.server_options().client_ca_file; }

  // An HTTPS client library's GET /hello on a new connection.
  int hello() {
    SocketHttpTransport t(5, {}, pki_.client_options());
    return t.send(HttpRequest::get(server_->base_url() + "/hello")).status;
  }

  // Sends `request` over TLS; the answer's status, after which the server must have closed.
  int refused_status(const std::string& request) {
    RawTlsConnection c(port_, ca());
    EXPECT_TRUE(c.handshaken()) << c.handshake_error();
    c.send(request);
    const std::string answer = c.read_to_close();
    EXPECT_TRUE(c.closed_by_server()) << answer.substr(0, 200);
    return status_of_answer(answer);
  }

  // Failed handshakes, once every exchange the server began is recorded.
  std::vector<TraceEntry> handshake_entries() {
    EXPECT_TRUE(trace_.settle(std::chrono::seconds(10)));
    std::vector<TraceEntry> out;
    for (const auto& e : trace_.entries()) {
      if (contains(e.note, "TLS handshake")) out.push_back(e);
    }
    return out;
  }

  testing::TestPki pki_;
  Trace trace_;
  VirtualClock clock_;
  std::unique_ptr<HttpServer> server_;
  int port_ = 0;
};

TEST_F(TlsServerLimitsTest, AHeadOver64KbIs431AndALongRequestLineIs414) {
  start();
  const std::string filler(70 * 1024, 'a');
  EXPECT_EQ(refused_status("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + filler + "\r\n\r\n"), 431);
  EXPECT_EQ(refused_status("GET /hello?" + filler + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414);
  EXPECT_EQ(hello(), 200);
}

TEST_F(TlsServerLimitsTest, MoreThan100HeaderLinesAre431) {
  start();
  std::string req = "GET /hello HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 150; ++i) req += "X-" + std::to_string(i) + ": y\r\n";
  EXPECT_EQ(refused_status(req + "\r\n"), 431);
}

TEST_F(TlsServerLimitsTest, ABodyOver1MbIs413ChunkedOrNot) {
  start();
  EXPECT_EQ(refused_status("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                           "Content-Length: 2000000\r\n\r\n"),
            413);
  std::string chunked =
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  const std::string chunk(64 * 1024, 'b');
  for (int i = 0; i < 20; ++i) chunked += "10000\r\n" + chunk + "\r\n";
  EXPECT_EQ(refused_status(chunked + "0\r\n\r\n"), 413);
  EXPECT_EQ(hello(), 200);
}

TEST_F(TlsServerLimitsTest, ASlowHeadIs408) {
  ReadLimits limits;
  limits.header_deadline = std::chrono::milliseconds(300);
  start(limits);
  RawTlsConnection c(port_, ca());
  ASSERT_TRUE(c.handshaken()) << c.handshake_error();
  c.send("GET /hello HTTP/1.1\r\nHost: x\r\n");  // the head never ends
  EXPECT_EQ(status_of_answer(c.read_to_close()), 408);
  EXPECT_TRUE(c.closed_by_server());
}

TEST_F(TlsServerLimitsTest, SilentClientsAreDroppedAndHoldNoWorker) {
  ReadLimits limits;
  limits.handshake_deadline = std::chrono::milliseconds(300);
  limits.idle_timeout = std::chrono::milliseconds(300);
  start(limits);
  // Ten times the deadlines: the server has closed them long before (cpp-httplib's own TLS
  // server waited 5 s for each).
  const auto wait = std::chrono::seconds(3);
  // 40 that open TCP and never send a ClientHello, 40 that handshake and never send a request.
  std::vector<std::unique_ptr<RawConnection>> tcp;
  std::vector<std::unique_ptr<RawTlsConnection>> tls;
  for (int i = 0; i < 40; ++i) {
    tcp.push_back(std::make_unique<RawConnection>(port_));
    tls.push_back(std::make_unique<RawTlsConnection>(port_, ca(), 0, wait));
    ASSERT_TRUE(tls.back()->handshaken()) << tls.back()->handshake_error();
  }
  EXPECT_EQ(hello(), 200);
  for (auto& c : tcp) {
    c->read_to_close(wait);
    EXPECT_TRUE(c->closed_by_server()) << "a connection without a ClientHello stayed open";
  }
  for (auto& c : tls) {
    c->read_to_close();
    EXPECT_TRUE(c->closed_by_server()) << "a handshaken connection without a request stayed open";
  }
  // No ClientHello, no exchange: port probes stay out of the trace.
  EXPECT_TRUE(handshake_entries().empty());
}

TEST_F(TlsServerLimitsTest, EachExchangeRecordsItsTlsVersion) {
  start();
  ASSERT_EQ(hello(), 200);
  const auto entries = trace_.entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].tls_version, "TLS 1.3");
  EXPECT_EQ(entries[0].to_json().value("tls_version", ""), "TLS 1.3");
}

TEST_F(TlsServerLimitsTest, AClientOfferingOnlyTls11IsRefusedAndTheTraceSaysWhy) {
  start();
  RawTlsConnection old(port_, ca(), TLS1_1_VERSION);
  EXPECT_FALSE(old.handshaken());
  EXPECT_TRUE(contains(old.handshake_error(), "protocol version")) << old.handshake_error();
  const auto entries = handshake_entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].status, 0);
  EXPECT_EQ(entries[0].fault, FaultEffect::kNone);
  EXPECT_EQ(entries[0].note,
            "TLS handshake refused: the client offered TLS 1.1; SR requires TLS 1.2 or later");
  EXPECT_EQ(hello(), 200);
}

TEST_F(TlsServerLimitsTest, AHandshakeFaultRefusesTheNextHandshakeOnlyAndIsRecordedAsInjected) {
  start();
  InjectedFault fault;
  fault.method = "POST";
  fault.path = "/identity/oauth/token";
  apply_quirk(FaultQuirk::kTlsHandshakeRefused, fault);
  server_->faults().add(fault);
  RawTlsConnection refused(port_, ca());
  EXPECT_FALSE(refused.handshaken());
  EXPECT_TRUE(contains(refused.handshake_error(), "protocol version")) << refused.handshake_error();
  EXPECT_EQ(hello(), 200);
  const auto entries = handshake_entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].fault, FaultEffect::kHandshakeRefused);
  EXPECT_EQ(entries[0].method, "POST");
  EXPECT_EQ(entries[0].path, "/identity/oauth/token");
  EXPECT_EQ(entries[0].status, 0);
  EXPECT_TRUE(contains(entries[0].note, "fault injected: TLS handshake refused once on POST"))
      << entries[0].note;
}

}  // namespace
}  // namespace oauthsim::common
