#include "oauthsim/common/socket_http_transport.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "support/text.h"
#include "unit/common/local_server.h"

namespace oauthsim::common {
namespace {

using test_support::contains;
using test_support::kRfcExampleCode;

// The message of the TransportError `send` throws, or a test failure when none is thrown.
template <typename Send>
std::string transport_error(Send send) {
  try {
    send();
  } catch (const TransportError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no TransportError";
  return {};
}

// A loopback socket on a free port; when not listening, connecting to it is refused.
class Listener {
 public:
  explicit Listener(bool listening = true) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    if (listening) {
      EXPECT_EQ(::listen(fd_, 8), 0);
    }
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
  }
  ~Listener() { ::close(fd_); }
  int fd() const { return fd_; }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  int fd_ = -1;
  int port_ = 0;
};

bool readable_within(int fd, int ms) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, ms) > 0;
}

// Answers one connection with canned bytes, so the transport meets responses cpp-httplib would
// never produce. It reads the whole request first (closing with unread input would reset the
// connection) and hands it to the test.
class RawServer {
 public:
  enum class Mode { kAnswer, kCloseAtOnce };

  explicit RawServer(std::string response, Mode mode = Mode::kAnswer) {
    thread_ = std::thread([this, response = std::move(response), mode] { serve(response, mode); });
  }
  ~RawServer() { thread_.join(); }
  std::string url(const std::string& path) const { return listener_.url(path); }
  std::string request() { return request_.get_future().get(); }

 private:
  void serve(const std::string& response, Mode mode) {
    std::string request;
    if (readable_within(listener_.fd(), 5000)) {
      const int fd = ::accept(listener_.fd(), nullptr, nullptr);
      if (mode == Mode::kAnswer) {
        request = read_request(fd);
        ::send(fd, response.data(), response.size(), MSG_NOSIGNAL);
        ::shutdown(fd, SHUT_WR);
        char drain[4096];
        while (readable_within(fd, 5000) && ::recv(fd, drain, sizeof drain, 0) > 0) {
        }
      }
      ::close(fd);
    }
    request_.set_value(request);
  }

  static std::string read_request(int fd) {
    std::string in;
    char buf[4096];
    std::size_t need = std::string::npos;
    while (in.size() < need && readable_within(fd, 5000)) {
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      in.append(buf, static_cast<std::size_t>(n));
      const auto end = in.find("\r\n\r\n");
      if (end != std::string::npos && need == std::string::npos) {
        std::size_t length = 0;
        const auto cl = in.find("Content-Length: ");
        if (cl != std::string::npos && cl < end) length = std::stoul(in.substr(cl + 16));
        need = end + 4 + length;
      }
    }
    return in;
  }

  Listener listener_;
  std::promise<std::string> request_;
  std::thread thread_;
};

using oauthsim::testing::LocalServer;

TEST(SocketHttpTransport, ReturnsStatusHeadersAndBody) {
  LocalServer s;
  s.routes().Get("/users/me", [](const httplib::Request&, httplib::Response& res) {
    res.status = 203;
    res.set_header("X-RateLimit-Remaining", "9");
    res.set_content(R"({"id":"u1"})", "application/json");
  });
  HttpResponse r = SocketHttpTransport().send(HttpRequest::get(s.url("/users/me")));
  EXPECT_EQ(r.status, 203);
  EXPECT_EQ(r.body, R"({"id":"u1"})");
  EXPECT_EQ(r.header("x-ratelimit-remaining"), "9");
  EXPECT_EQ(r.header("Content-Type"), "application/json");
}

TEST(SocketHttpTransport, LocationArrivesByteExactWithItsEscapes) {
  LocalServer s;
  const std::string location = "http://x/cb?state=a%26b%3Dc&error_description=b%20c%2Bd%25e+f";
  s.routes().Get("/authorize", [&](const httplib::Request&, httplib::Response& res) {
    res.status = 302;
    res.set_header("Location", location);
  });
  HttpResponse r = SocketHttpTransport().send(HttpRequest::get(s.url("/authorize")));
  EXPECT_EQ(r.status, 302);
  EXPECT_EQ(r.header("Location"), location);
}

TEST(SocketHttpTransport, SeveralSetCookieAndWwwAuthenticateArriveExactly) {
  LocalServer s;
  const std::string challenge =
      R"(Bearer realm="sr", error="invalid_token", error_description="x%20y")";
  s.routes().Get("/", [&](const httplib::Request&, httplib::Response& res) {
    res.status = 401;
    res.set_header("Set-Cookie", "sid=a%3Db; Path=/; HttpOnly");
    res.set_header("Set-Cookie", "csrf=c%2Bd; Path=/");
    res.set_header("WWW-Authenticate", challenge);
  });
  HttpResponse r = SocketHttpTransport().send(HttpRequest::get(s.url("/")));
  std::vector<std::string> cookies;
  for (const auto& [k, v] : r.headers.items()) {
    if (k == "Set-Cookie") cookies.push_back(v);
  }
  EXPECT_EQ(cookies,
            (std::vector<std::string>{"sid=a%3Db; Path=/; HttpOnly", "csrf=c%2Bd; Path=/"}));
  EXPECT_EQ(r.header("WWW-Authenticate"), challenge);
}

TEST(SocketHttpTransport, SendsRequestHeadersAndHostWithPort) {
  LocalServer s;
  std::string auth, host;
  s.routes().Get("/h", [&](const httplib::Request& req, httplib::Response& res) {
    auth = req.get_header_value("Authorization");
    host = req.get_header_value("Host");
    res.set_content("ok", "text/plain");
  });
  HttpRequest req = HttpRequest::get(s.url("/h"));
  req.headers.add("Authorization", "Bearer abc");
  SocketHttpTransport().send(req);
  EXPECT_EQ(auth, "Bearer abc");
  EXPECT_EQ(host, "127.0.0.1:" + std::to_string(s.port()));
}

TEST(SocketHttpTransport, PostsAFormBody) {
  LocalServer s;
  std::string type, body, grant;
  s.routes().Post("/token", [&](const httplib::Request& req, httplib::Response& res) {
    type = req.get_header_value("Content-Type");
    body = req.body;
    grant = req.get_param_value("grant_type");
    res.set_content("{}", "application/json");
  });
  HttpResponse r = SocketHttpTransport().send(
      HttpRequest::post_form(s.url("/token"), {{"grant_type", "refresh_token"}, {"scope", "a b"}}));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(type, "application/x-www-form-urlencoded");
  EXPECT_EQ(body, "grant_type=refresh_token&scope=a%20b");
  EXPECT_EQ(grant, "refresh_token");
}

TEST(SocketHttpTransport, SendsOtherMethodsAndHeadHasNoBody) {
  LocalServer s;
  s.routes().Delete("/x",
                    [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  s.routes().Put("/x", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.body, "text/plain");
  });
  s.routes().Get("/x", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("a body HEAD must not wait for", "text/plain");
  });
  HttpRequest del{"DELETE", s.url("/x"), {}, {}, {}};
  EXPECT_EQ(SocketHttpTransport().send(del).status, 204);
  HttpRequest put{"PUT", s.url("/x"), {}, "payload", "text/plain"};
  EXPECT_EQ(SocketHttpTransport().send(put).body, "payload");
  HttpRequest head{"HEAD", s.url("/x"), {}, {}, {}};
  HttpResponse r = SocketHttpTransport(5).send(head);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "");
}

TEST(SocketHttpTransport, DoesNotFollowRedirects) {
  LocalServer s;
  bool followed = false;
  s.routes().Get("/allow", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("/callback?code=abc&state=s");
  });
  s.routes().Get("/callback", [&](const httplib::Request&, httplib::Response& res) {
    followed = true;
    res.set_content("landed", "text/plain");
  });
  HttpResponse r = SocketHttpTransport().send(HttpRequest::get(s.url("/allow")));
  EXPECT_EQ(r.status, 302);
  EXPECT_EQ(r.header("Location"), "/callback?code=abc&state=s");
  EXPECT_FALSE(followed);
}

TEST(SocketHttpTransport, SendsTheTargetExactlyAsGivenWithoutTheFragment) {
  LocalServer s;
  std::string target;
  s.routes().Get("/cb", [&](const httplib::Request& req, httplib::Response& res) {
    target = req.target;
    res.set_content("ok", "text/plain");
  });
  SocketHttpTransport().send(
      HttpRequest::get(s.url("/cb?error_description=The+user%20said%26no&x=a%2Cb#frag")));
  EXPECT_EQ(target, "/cb?error_description=The+user%20said%26no&x=a%2Cb");
}

TEST(SocketHttpTransport, LocalhostReachesAServerListeningOnlyOn127001) {
  LocalServer s;
  s.routes().Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("here", "text/plain");
  });
  EXPECT_EQ(SocketHttpTransport(5).send(HttpRequest::get(s.url("/", "localhost"))).body, "here");
}

TEST(SocketHttpTransport, RefusesSpacesAndControlCharactersInTheUrl) {
  LocalServer s;
  bool reached = false;
  s.routes().Get(".*", [&](const httplib::Request&, httplib::Response&) { reached = true; });
  for (const std::string& bad :
       std::vector<std::string>{"/x\r\nX-Injected: 1", "/x y", std::string("/x\0y", 4)}) {
    EXPECT_TRUE(
        contains(transport_error([&] { SocketHttpTransport().send(HttpRequest::get(s.url(bad))); }),
                 "space or control character"));
  }
  EXPECT_FALSE(reached);
}

TEST(SocketHttpTransport, RefusesHeaderInjectionThroughRequestHeaders) {
  HttpRequest req = HttpRequest::get("http://127.0.0.1:1/");
  req.headers.add("X-Evil", "a\r\nX-Injected: 1");
  EXPECT_TRUE(contains(transport_error([&] { SocketHttpTransport().send(req); }), "X-Evil"));
}

TEST(SocketHttpTransport, ConnectionRefusedNamesTheUrlButNotTheQuery) {
  Listener refusing(false);
  const std::string url = refusing.url("/identity/oauth/token");
  const std::string e = transport_error(
      [&] { SocketHttpTransport(2).send(HttpRequest::get(url + "?code=" + kRfcExampleCode)); });
  EXPECT_TRUE(contains(e, "GET " + url)) << e;
  EXPECT_TRUE(contains(e, "connection refused")) << e;
  EXPECT_FALSE(contains(e, kRfcExampleCode)) << "the query may hold secrets: " << e;
}

TEST(SocketHttpTransport, ServerThatNeverAnswersTimesOut) {
  Listener silent;  // connections complete in the backlog but are never accepted
  const std::string e = transport_error([&] {
    SocketHttpTransport(1).send(HttpRequest::get(silent.url("/slow?code=") + kRfcExampleCode));
  });
  EXPECT_TRUE(contains(e, "timed out after 1 s")) << e;
  EXPECT_TRUE(contains(e, silent.url("/slow"))) << e;
  EXPECT_FALSE(contains(e, kRfcExampleCode)) << e;
}

TEST(SocketHttpTransport, MalformedUrlAndHttpsAreClearErrors) {
  EXPECT_THROW(SocketHttpTransport().send(HttpRequest::get("not a url")), TransportError);
  EXPECT_THROW(SocketHttpTransport().send(HttpRequest::get("http:///nohost")), TransportError);
  const std::string e = transport_error(
      [] { SocketHttpTransport().send(HttpRequest::get("https://127.0.0.1:1/x?code=1")); });
  EXPECT_TRUE(contains(e, "https://127.0.0.1:1/x")) << e;
  EXPECT_TRUE(contains(e, "TLS")) << e;
}

TEST(SocketHttpTransport, SendsAWellFormedRequest) {
  RawServer s("HTTP/1.1 204 No Content\r\n\r\n");
  HttpRequest req{"POST", s.url("/revoke?x=1"), {}, {}, "text/plain"};
  req.headers.add("Accept", "application/json");
  EXPECT_EQ(SocketHttpTransport(5).send(req).status, 204);
  const std::string wire = s.request();
  const std::string host = s.url("").substr(7);
  EXPECT_EQ(wire.rfind("POST /revoke?x=1 HTTP/1.1\r\n", 0), 0u) << wire;
  EXPECT_TRUE(contains(wire, "\r\nHost: " + host + "\r\n")) << wire;
  EXPECT_TRUE(contains(wire, "\r\nAccept: application/json\r\n")) << wire;
  EXPECT_TRUE(contains(wire, "\r\nContent-Length: 0\r\n")) << wire;
  EXPECT_TRUE(contains(wire, "\r\nConnection: close\r\n")) << wire;
  EXPECT_FALSE(contains(wire, "Content-Type")) << "no body, no type: " << wire;
}

TEST(SocketHttpTransport, ReadsAChunkedResponseAfter100Continue) {
  RawServer s(
      "HTTP/1.1 100 Continue\r\n\r\n"
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nLocation: /a?b=%26\r\n\r\n"
      "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: 1\r\n\r\n");
  HttpResponse r = SocketHttpTransport(5).send(HttpRequest::get(s.url("/")));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "Wikipedia");
  EXPECT_EQ(r.header("Location"), "/a?b=%26");
}

TEST(SocketHttpTransport, ReadsABodyUntilTheServerCloses) {
  RawServer s("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close");
  EXPECT_EQ(SocketHttpTransport(5).send(HttpRequest::get(s.url("/"))).body, "until close");
}

TEST(SocketHttpTransport, MalformedResponsesAreTransportErrorsNamingTheUrl) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"HTTP/1.1 OK\r\n\r\n", "malformed status line"},
      {"HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\n\r\n", "obs-fold"},
      {"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "got 5 of 10 bytes"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "malformed chunk size"},
      {"", "without sending a response"},
  };
  for (const auto& [response, expected] : cases) {
    RawServer s(response);
    const std::string e = transport_error([&] {
      SocketHttpTransport(5).send(HttpRequest::get(s.url("/p?code=") + kRfcExampleCode));
    });
    EXPECT_TRUE(contains(e, expected)) << e;
    EXPECT_TRUE(contains(e, "GET " + s.url("/p"))) << e;
    EXPECT_FALSE(contains(e, kRfcExampleCode)) << e;
  }
}

TEST(SocketHttpTransport, ResponseBodyOverTheLimitIsAnError) {
  HttpResponseLimits limits;
  limits.max_body_bytes = 8;
  RawServer s("HTTP/1.1 200 OK\r\n\r\nmore than eight bytes");
  const std::string e =
      transport_error([&] { SocketHttpTransport(5, limits).send(HttpRequest::get(s.url("/"))); });
  EXPECT_TRUE(contains(e, "limit")) << e;
}

TEST(SocketHttpTransport, PeerClosingWhileWeSendIsAnErrorNotSigpipe) {
  RawServer s("", RawServer::Mode::kCloseAtOnce);
  HttpRequest big{"POST", s.url("/upload"), {}, std::string(8 * 1024 * 1024, 'x'), "text/plain"};
  const std::string e = transport_error([&] { SocketHttpTransport(5).send(big); });
  EXPECT_TRUE(contains(e, "POST " + s.url("/upload"))) << e;
}

}  // namespace
}  // namespace oauthsim::common
