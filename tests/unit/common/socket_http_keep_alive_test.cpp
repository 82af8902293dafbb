// SocketHttpTransport with ConnectionReuse::kKeepAlive: persistent connections, and what happens
// when the server ends one the transport kept.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "oauthsim/common/socket_http_transport.h"
#include "unit/common/local_server.h"

// A namespace of its own: the unity build puts this file beside others with helpers alike.
namespace oauthsim::common::keep_alive_test {
namespace {

using oauthsim::testing::LocalServer;

// What a LocalServer saw of each request: the client's port (one per connection) and its
// Connection header.
struct Seen {
  std::mutex mu;
  std::vector<int> ports;
  std::vector<std::string> connection;
};

void serve_seen(LocalServer& s, Seen& seen) {
  s.routes().Get("/", [&seen](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(seen.mu);
    seen.ports.push_back(req.remote_port);
    seen.connection.push_back(req.get_header_value("Connection"));
    res.set_content("ok", "text/plain");
  });
}

SocketHttpTransport kept() {
  return SocketHttpTransport(5, {}, std::nullopt, ConnectionReuse::kKeepAlive);
}

TEST(SocketHttpKeepAlive, KeptTransportSendsTheNextRequestOnTheSameConnection) {
  LocalServer s;
  Seen seen;
  serve_seen(s, seen);
  auto transport = kept();
  EXPECT_EQ(transport.send(HttpRequest::get(s.url("/"))).body, "ok");
  EXPECT_EQ(transport.idle_connections(), 1u);
  EXPECT_EQ(transport.send(HttpRequest::get(s.url("/"))).body, "ok");
  ASSERT_EQ(seen.ports.size(), 2u);
  EXPECT_EQ(seen.ports[0], seen.ports[1]);
  EXPECT_EQ(seen.connection, (std::vector<std::string>{"", ""}));  // HTTP/1.1: persistent
}

TEST(SocketHttpKeepAlive, ClosingTransportSaysCloseAndUsesOneConnectionPerRequest) {
  LocalServer s;
  Seen seen;
  serve_seen(s, seen);
  SocketHttpTransport transport(5);
  transport.send(HttpRequest::get(s.url("/")));
  transport.send(HttpRequest::get(s.url("/")));
  EXPECT_EQ(transport.idle_connections(), 0u);
  ASSERT_EQ(seen.ports.size(), 2u);
  EXPECT_NE(seen.ports[0], seen.ports[1]);
  EXPECT_EQ(seen.connection, (std::vector<std::string>{"close", "close"}));
}

TEST(SocketHttpKeepAlive, AnswerSayingConnectionCloseIsNotKept) {
  LocalServer s;
  s.routes().Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Connection", "close");
    res.set_content("bye", "text/plain");
  });
  auto transport = kept();
  EXPECT_EQ(transport.send(HttpRequest::get(s.url("/"))).body, "bye");
  EXPECT_EQ(transport.idle_connections(), 0u);
}

TEST(SocketHttpKeepAlive, CloseIdleConnectionsForgetsThem) {
  LocalServer s;
  Seen seen;
  serve_seen(s, seen);
  auto transport = kept();
  transport.send(HttpRequest::get(s.url("/")));
  transport.close_idle_connections();
  EXPECT_EQ(transport.idle_connections(), 0u);
  transport.send(HttpRequest::get(s.url("/")));
  ASSERT_EQ(seen.ports.size(), 2u);
  EXPECT_NE(seen.ports[0], seen.ports[1]);
}

bool readable_within(int fd, int ms) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, ms) > 0;
}

// Reads one request (no body) from fd; empty when the peer closed first.
std::string read_head(int fd) {
  std::string in;
  char buf[4096];
  while (in.find("\r\n\r\n") == std::string::npos && readable_within(fd, 5000)) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    in.append(buf, static_cast<std::size_t>(n));
  }
  return in;
}

void answer(int fd, const std::string& body) {
  const std::string out = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) +
                          "\r\nContent-Type: text/plain\r\n\r\n" + body;
  ::send(fd, out.data(), out.size(), MSG_NOSIGNAL);
}

// A server that lets a kept connection go the way servers do: after its idle timeout, or right
// when the next request arrives on it, without answering.
class ClosingServer {
 public:
  enum class When { kBeforeNextRequest, kOnNextRequest };

  explicit ClosingServer(When when) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    EXPECT_EQ(::listen(fd_, 8), 0);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this, when] { serve(when); });
  }
  ~ClosingServer() {
    thread_.join();
    ::close(fd_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }
  // Lets the first connection close (kBeforeNextRequest) and waits until it has.
  void wait_first_closed() {
    std::unique_lock lock(mu_);
    closed_cv_.wait(lock, [this] { return first_closed_; });
  }

 private:
  void serve(When when) {
    if (!readable_within(fd_, 5000)) return;
    const int first = ::accept(fd_, nullptr, nullptr);
    read_head(first);
    answer(first, "first");
    if (when == When::kOnNextRequest) read_head(first);  // taken, never answered
    ::close(first);
    {
      std::lock_guard lock(mu_);
      first_closed_ = true;
    }
    closed_cv_.notify_all();
    if (!readable_within(fd_, 5000)) return;
    const int second = ::accept(fd_, nullptr, nullptr);
    read_head(second);
    answer(second, "second");
    ::close(second);
  }

  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable closed_cv_;
  bool first_closed_ = false;
};

TEST(SocketHttpKeepAlive, KeptConnectionTheServerClosedIsReplacedBeforeSending) {
  ClosingServer server(ClosingServer::When::kBeforeNextRequest);
  auto transport = kept();
  EXPECT_EQ(transport.send(HttpRequest::get(server.url())).body, "first");
  server.wait_first_closed();
  EXPECT_EQ(transport.send(HttpRequest::get(server.url())).body, "second");
}

TEST(SocketHttpKeepAlive, KeptConnectionClosedWithoutAnAnswerIsRetriedOnANewOne) {
  ClosingServer server(ClosingServer::When::kOnNextRequest);
  auto transport = kept();
  EXPECT_EQ(transport.send(HttpRequest::get(server.url())).body, "first");
  EXPECT_EQ(transport.send(HttpRequest::get(server.url())).body, "second");
}

TEST(SocketHttpKeepAlive, ThreadsShareTheKeptConnections) {
  LocalServer s;
  s.routes().set_keep_alive_max_count(1000);  // cpp-httplib's default closes after 5 requests
  Seen seen;
  serve_seen(s, seen);
  auto transport = kept();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i)
        EXPECT_EQ(transport.send(HttpRequest::get(s.url("/"))).body, "ok");
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_GE(transport.idle_connections(), 1u);
  EXPECT_LE(transport.idle_connections(), 4u);
  EXPECT_EQ(seen.ports.size(), 80u);
}

}  // namespace
}  // namespace oauthsim::common::keep_alive_test
