#include "oauthsim/common/http_transport.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>
#include <thread>
#include <vector>

#include "mocks/mock_http_transport.h"
#include "oauthsim/common/http_server.h"
#include "oauthsim/common/socket_http_transport.h"
#include "support/text.h"
#include "unit/common/local_server.h"

namespace oauthsim::common {
namespace {

using ::testing::_;
using ::testing::Return;
using ::testing::Throw;

using test_support::contains;
using test_support::kRfcExampleAccessToken;
using test_support::kRfcExampleCode;

using oauthsim::testing::LocalServer;

// A loopback port with a bound but not listening socket: connecting is refused.
class RefusingPort {
 public:
  RefusingPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
  }
  ~RefusingPort() { ::close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(HttpResponse, HeaderLookupIsCaseInsensitive) {
  HttpResponse r;
  r.headers.add("Content-Type", "application/json");
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("CONTENT-TYPE"), "application/json");
  EXPECT_EQ(r.header("Location"), std::nullopt);
}

TEST(HttpRequest, PostFormEncodesTheBodyAndSetsTheType) {
  HttpRequest r = HttpRequest::post_form(
      "http://h/token", {{"grant_type", "authorization_code"}, {"redirect_uri", "http://x/cb"}});
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.body, "grant_type=authorization_code&redirect_uri=http%3A%2F%2Fx%2Fcb");
  EXPECT_EQ(r.content_type, "application/x-www-form-urlencoded");
}

// SocketHttpTransport has its own tests (socket_http_transport_test.cpp).

class TracingTransportTest : public ::testing::Test {
 protected:
  TracingTransportTest()
      : tracing_(inner_, trace_, clock_, party::kClient, [](const std::string& origin) {
          return origin == "http://127.0.0.1:7001" ? party::kAuthorizationServer : party::kUnknown;
        }) {}

  ::testing::StrictMock<oauthsim::testing::MockHttpTransport> inner_;
  Trace trace_;
  VirtualClock clock_{5'000};
  TracingTransport tracing_;
};

TEST_F(TracingTransportTest, RecordsExchangeWithPartiesPathStatusAndRedaction) {
  HttpResponse answer;
  answer.status = 200;
  answer.headers.add("content-type", "application/json");
  answer.headers.add("cache-control", "no-store");
  answer.headers.add("X-Unrelated", "dropped");
  answer.body =
      std::string(R"({"access_token":")") + kRfcExampleAccessToken + R"(","token_type":"Bearer"})";
  EXPECT_CALL(inner_, send(_)).WillOnce(Return(answer));

  HttpRequest req = HttpRequest::post_form("http://127.0.0.1:7001/identity/oauth/token?x=1",
                                           {{"grant_type", "authorization_code"},
                                            {"code", kRfcExampleCode},
                                            {"client_secret", "acme-secret"}});
  req.headers.add("authorization", std::string("Bearer ") + kRfcExampleAccessToken);
  HttpResponse got = tracing_.send(req);
  EXPECT_EQ(got.body, answer.body) << "the caller gets the unredacted answer";

  auto es = trace_.entries();
  ASSERT_EQ(es.size(), 1u);
  const TraceEntry& e = es[0];
  EXPECT_EQ(e.observer, party::kClient);
  EXPECT_EQ(e.from, party::kClient);
  EXPECT_EQ(e.to, party::kAuthorizationServer);
  EXPECT_EQ(e.method, "POST");
  EXPECT_EQ(e.path, "/identity/oauth/token");
  EXPECT_EQ(e.query.get("x"), "1");
  EXPECT_EQ(e.time_ms, 5'000);
  EXPECT_EQ(e.status, 200);
  EXPECT_EQ(e.form.get("grant_type"), "authorization_code");
  EXPECT_EQ(e.form.get("code"), "[redacted " + fingerprint(kRfcExampleCode) + "]");
  EXPECT_EQ(e.form.get("client_secret"), "[redacted]");
  EXPECT_EQ(e.request_headers.get("Authorization"),
            "Bearer [redacted " + fingerprint(kRfcExampleAccessToken) + "]");
  EXPECT_EQ(e.request_headers.get("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(e.response_headers.get("Cache-Control"), "no-store");
  EXPECT_FALSE(e.response_headers.has("X-Unrelated"));
  EXPECT_EQ(e.response_fields.get("token_type"), "Bearer");
  EXPECT_EQ(e.response_fields.get("access_token"),
            "[redacted " + fingerprint(kRfcExampleAccessToken) + "]");

  const std::string dump = trace_.to_json().dump();
  for (const char* secret : {kRfcExampleAccessToken, kRfcExampleCode, "acme-secret"}) {
    EXPECT_FALSE(contains(dump, secret)) << secret << " leaked: " << dump;
  }
}

TEST_F(TracingTransportTest, RedactsSecretsInTheQueryAndLocation) {
  HttpResponse answer;
  answer.status = 302;
  answer.headers.add("Location",
                     std::string("http://localhost:9000/callback?code=") + kRfcExampleCode);
  EXPECT_CALL(inner_, send(_)).WillOnce(Return(answer));
  tracing_.send(HttpRequest::get(std::string("http://127.0.0.1:7001/x?access_token=") +
                                 kRfcExampleAccessToken));
  const std::string dump = trace_.to_json().dump();
  EXPECT_FALSE(contains(dump, kRfcExampleCode)) << dump;
  EXPECT_FALSE(contains(dump, kRfcExampleAccessToken)) << dump;
  EXPECT_EQ(trace_.entries()[0].status, 302);
}

TEST_F(TracingTransportTest, UnknownOriginIsLabelledByTheCallback) {
  EXPECT_CALL(inner_, send(_)).WillOnce(Return(HttpResponse{204, {}, {}}));
  tracing_.send(HttpRequest::get("http://127.0.0.1:7999/"));
  EXPECT_EQ(trace_.entries()[0].to, party::kUnknown);
}

TEST_F(TracingTransportTest, FailedExchangeIsRecordedWithStatusZeroThenRethrown) {
  EXPECT_CALL(inner_, send(_)).WillOnce(Throw(TransportError("connection refused")));
  EXPECT_THROW(tracing_.send(HttpRequest::get("http://127.0.0.1:7001/token")), TransportError);
  auto es = trace_.entries();
  ASSERT_EQ(es.size(), 1u);
  EXPECT_EQ(es[0].status, 0);
  EXPECT_EQ(es[0].path, "/token");
  EXPECT_TRUE(contains(es[0].note, "connection refused")) << es[0].note;
}

TEST_F(TracingTransportTest, UnparseableUrlIsRecordedRedactedAndPassedOn) {
  EXPECT_CALL(inner_, send(_)).WillOnce(Throw(TransportError("bad url")));
  EXPECT_THROW(tracing_.send(HttpRequest::get(std::string("nonsense?code=") + kRfcExampleCode)),
               TransportError);
  auto es = trace_.entries();
  ASSERT_EQ(es.size(), 1u);
  EXPECT_EQ(es[0].to, party::kUnknown);
  EXPECT_FALSE(contains(es[0].to_json().dump(), kRfcExampleCode));
}

TEST_F(TracingTransportTest, PassesTheRequestThroughUnchanged) {
  HttpRequest seen;
  EXPECT_CALL(inner_, send(_)).WillOnce([&](const HttpRequest& r) {
    seen = r;
    return HttpResponse{200, {}, {}};
  });
  HttpRequest req = HttpRequest::post_form("http://127.0.0.1:7001/t", {{"code", kRfcExampleCode}});
  req.headers.add("Authorization", "Basic xyz");
  tracing_.send(req);
  EXPECT_EQ(seen.url, req.url);
  EXPECT_EQ(seen.body, req.body);
  EXPECT_EQ(seen.headers.items(), req.headers.items());
}

TEST(TracingTransportOverHttp, RecordsARealExchange) {
  LocalServer s;
  s.routes().Get("/users/me", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"id":"u1"})", "application/json");
  });
  SocketHttpTransport inner;
  Trace trace;
  VirtualClock clock;
  const std::string origin = "http://127.0.0.1:" + std::to_string(s.port());
  TracingTransport t(inner, trace, clock, party::kClient, [&](const std::string& o) {
    return o == origin ? party::kResourceServer : party::kUnknown;
  });
  HttpRequest req = HttpRequest::get(s.url("/users/me"));
  req.headers.add("Authorization", std::string("Bearer ") + kRfcExampleAccessToken);
  EXPECT_EQ(t.send(req).status, 200);
  auto es = trace.entries();
  ASSERT_EQ(es.size(), 1u);
  EXPECT_EQ(es[0].to, party::kResourceServer);
  EXPECT_EQ(es[0].response_fields.get("id"), "u1");
  EXPECT_FALSE(contains(es[0].to_json().dump(), kRfcExampleAccessToken));
}

TEST(TracingTransportOverHttp, RecordsTheFieldsOfACompressedAnswer) {
  LocalServer s;
  s.routes().Post("/identity/oauth/token", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"token_type":"Bearer","expires_in":1800})", "application/json");
  });
  SocketHttpTransport inner;
  Trace trace;
  VirtualClock clock;
  TracingTransport t(inner, trace, clock, party::kClient, nullptr);
  for (const char* asked : {"gzip", "br"}) {
    HttpRequest req = HttpRequest::post_form(s.url("/identity/oauth/token"),
                                             Params{{"grant_type", "client_credentials"}});
    req.headers.add("Accept-Encoding", asked);
    const HttpResponse res = t.send(req);
    EXPECT_EQ(res.header("Content-Encoding"), asked);  // the caller gets the wire as it was
  }
  const auto es = trace.entries();
  ASSERT_EQ(es.size(), 2u);
  for (const auto& e : es) {
    EXPECT_EQ(e.response_fields.get("token_type"), "Bearer") << e.to_json().dump();
    EXPECT_EQ(e.response_fields.get("expires_in"), "1800");
    EXPECT_EQ(e.form.get("grant_type"), "client_credentials");
  }
}

TEST(TracingTransportOverHttp, RecordsARefusedConnection) {
  RefusingPort p;
  SocketHttpTransport inner(2);
  Trace trace;
  VirtualClock clock;
  TracingTransport t(inner, trace, clock, party::kUserAgent, nullptr);
  EXPECT_THROW(t.send(HttpRequest::get("http://127.0.0.1:" + std::to_string(p.port()) + "/")),
               TransportError);
  ASSERT_EQ(trace.size(), 1u);
  EXPECT_EQ(trace.entries()[0].status, 0);
  EXPECT_EQ(trace.entries()[0].to, party::kUnknown);
}

TEST(TracingTransportOverHttp, ClientEntrySortsBeforeTheServersAndBothExistOnReturn) {
  Trace trace;
  VirtualClock clock;
  HttpServer server(party::kResourceServer, &trace, &clock);
  server.routes().Get("/users/me", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"id":"u1"})", "application/json");
  });
  server.start();
  SocketHttpTransport inner;
  TracingTransport t(inner, trace, clock, party::kClient,
                     [](const std::string&) { return party::kResourceServer; });
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(t.send(HttpRequest::get(server.base_url() + "/users/me")).status, 200);
    auto es = trace.entries();
    ASSERT_EQ(es.size(), 2u * (i + 1)) << "an entry was missing when send() returned";
    EXPECT_EQ(es[2 * i].observer, party::kClient);
    EXPECT_EQ(es[2 * i + 1].observer, party::kResourceServer);
  }
}

}  // namespace
}  // namespace oauthsim::common
