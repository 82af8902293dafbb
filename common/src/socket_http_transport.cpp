#include "oauthsim/common/socket_http_transport.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "oauthsim/common/ascii.h"
#include "oauthsim/common/url.h"
#include "socket_wait.h"
#include "tls_client.h"

namespace oauthsim::common {
namespace detail {

// Kept plain connections by origin, shared by the threads sending through one transport.
class IdleConnections {
 public:
  IdleConnections() = default;
  IdleConnections(const IdleConnections&) = delete;
  IdleConnections& operator=(const IdleConnections&) = delete;
  ~IdleConnections() { close_all(); }

  // A kept connection to `origin` that looks open (nothing to read: no EOF, no stray bytes), or
  // -1 when there is none.
  int take(const std::string& origin) {
    for (;;) {
      int fd = -1;
      {
        std::lock_guard lock(mu_);
        auto it = by_origin_.find(origin);
        if (it == by_origin_.end() || it->second.empty()) return -1;
        fd = it->second.back();
        it->second.pop_back();
        --count_;
      }
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 0) == 0) return fd;
      ::close(fd);
    }
  }

  void give(const std::string& origin, int fd) {
    {
      std::lock_guard lock(mu_);
      if (count_ < kMaxIdle) {
        by_origin_[origin].push_back(fd);
        ++count_;
        return;
      }
    }
    ::close(fd);
  }

  std::size_t size() const {
    std::lock_guard lock(mu_);
    return count_;
  }

  void close_all() {
    std::lock_guard lock(mu_);
    for (auto& [origin, fds] : by_origin_) {
      for (const int fd : fds) ::close(fd);
    }
    by_origin_.clear();
    count_ = 0;
  }

 private:
  // Enough for every thread of a load test to keep one per server; past it, the newest close.
  static constexpr std::size_t kMaxIdle = 512;

  mutable std::mutex mu_;
  std::unordered_map<std::string, std::vector<int>> by_origin_;
  std::size_t count_ = 0;
};

}  // namespace detail

namespace {

using detail::wait_for;

using SteadyClock = std::chrono::steady_clock;

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  int fd() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

bool is_token(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_http_token_char);
}

bool is_space_or_control(unsigned char c) {
  return c <= 0x20 || c == 0x7f;
}

// Untrusted text made safe for an error message: control bytes become %XX.
std::string printable(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x20 || c >= 0x7f) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string errno_text(int e) {
  switch (e) {
    case ECONNREFUSED:
      return "connection refused";
    case ECONNRESET:
      return "connection reset by peer";
    case EPIPE:
      return "connection closed by peer";
    case ENETUNREACH:
      return "network unreachable";
    case EHOSTUNREACH:
      return "host unreachable";
    default:
      return std::strerror(e);
  }
}

std::string address_text(const sockaddr* addr) {
  char host[INET6_ADDRSTRLEN] = {};
  if (addr->sa_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(addr);
    ::inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
    return "[" + std::string(host) + "]";
  }
  const auto* a = reinterpret_cast<const sockaddr_in*>(addr);
  ::inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
  return host;
}

// One request: everything that can fail names the method and URL (never the query).
class Exchange {
 public:
  Exchange(const HttpRequest& request, const Url& url, int timeout_seconds,
           HttpResponseLimits limits, const detail::TlsClientContext* tls,
           detail::IdleConnections* idle)
      : request_(request),
        url_(url),
        timeout_(std::chrono::seconds(timeout_seconds)),
        timeout_seconds_(timeout_seconds),
        limits_(limits),
        tls_(tls),
        idle_(idle) {}

  HttpResponse run() {
    if (!tls_) return run_plain();
    const std::string wire = request_text();
    Socket socket(connect_any());
    detail::TlsStream stream(*tls_, socket.fd(), url_.host,
                             [this](const std::string& what) { fail(what); });
    stream.handshake(deadline());
    stream.write_all(wire, deadline());
    return *read_response([&](char* buf,
                              std::size_t size) { return stream.read_some(buf, size, deadline()); },
                          /*may_find_closed=*/false)
                .response;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw TransportError(printable(request_.method) + " " + printable(url_.origin() + url_.path) +
                         " failed: " + what);
  }

  std::string request_text() const {
    if (!is_token(request_.method)) fail("the method is not a valid HTTP token");
    std::string host_header = url_.origin().substr(url_.scheme.size() + 3);
    std::string out = request_.method + " " + url_.path_and_query() + " HTTP/1.1\r\n";
    std::string extra;
    bool has_content_type = false;
    for (const auto& [name, value] : request_.headers.items()) {
      if (!is_token(name)) fail("request header name " + printable(name) + " is not a token");
      if (std::any_of(value.begin(), value.end(),
                      [](unsigned char c) { return (c < 0x20 && c != '\t') || c == 0x7f; })) {
        fail("request header " + name + " has a control character in its value");
      }
      if (iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") ||
          iequals(name, "Connection")) {
        fail("request header " + name + " is set by the transport itself");
      }
      if (iequals(name, "Host")) {
        host_header.clear();  // the caller's Host wins (tests of virtual hosting)
      }
      if (iequals(name, "Content-Type")) has_content_type = true;
      extra += name + ": " + value + "\r\n";
    }
    if (!host_header.empty()) out += "Host: " + host_header + "\r\n";
    out += extra;
    if (!request_.body.empty() && !request_.content_type.empty() && !has_content_type) {
      out += "Content-Type: " + request_.content_type + "\r\n";
    }
    if (!request_.body.empty() || request_.method == "POST" || request_.method == "PUT" ||
        request_.method == "PATCH") {
      out += "Content-Length: " + std::to_string(request_.body.size()) + "\r\n";
    }
    if (!idle_) out += "Connection: close\r\n";
    out += "\r\n";
    out += request_.body;
    return out;
  }

  // `blocking`: the socket is switched to blocking reads and writes that give up after the
  // timeout (SO_RCVTIMEO, SO_SNDTIMEO), so a kept connection's read waits inside recv() instead
  // of a poll() and a recv() per answer. Worth its two setup calls only where the connection
  // serves many requests.
  int connect_any(bool blocking = false) const {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string port = std::to_string(url_.port);
    const int rc = ::getaddrinfo(url_.host.c_str(), port.c_str(), &hints, &found);
    if (rc != 0) fail("cannot resolve host " + printable(url_.host) + ": " + ::gai_strerror(rc));
    std::string reasons;
    int fd = -1;
    // localhost may resolve to ::1 first while the server listens on 127.0.0.1 only.
    for (const addrinfo* ai = found; ai != nullptr && fd < 0; ai = ai->ai_next) {
      std::string why;
      fd = connect_one(*ai, &why);
      if (fd < 0) {
        if (!reasons.empty()) reasons += "; ";
        reasons += address_text(ai->ai_addr) + ":" + port + ": " + why;
      }
    }
    ::freeaddrinfo(found);
    if (fd < 0) fail("could not connect (" + reasons + ")");
    if (blocking) make_blocking(fd);
    return fd;
  }

  // Plain kept connections block (a zero SO_RCVTIMEO would wait forever, so not without a
  // timeout); if switching fails, the connection is dropped rather than half set up.
  bool blocks() const { return idle_ != nullptr && timeout_seconds_ > 0; }
  void make_blocking(int fd) const {
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
      const int e = errno;
      ::close(fd);
      fail("setting up the connection: " + errno_text(e));
    }
    timeval tv{timeout_seconds_, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  }

  int connect_one(const addrinfo& ai, std::string* why) const {
    Socket s(::socket(ai.ai_family, ai.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai.ai_protocol));
    if (s.fd() < 0) {
      *why = errno_text(errno);
      return -1;
    }
    if (::connect(s.fd(), ai.ai_addr, ai.ai_addrlen) != 0) {
      if (errno != EINPROGRESS) {
        *why = errno_text(errno);
        return -1;
      }
      if (!wait_for(s.fd(), POLLOUT, SteadyClock::now() + timeout_)) {
        *why = "connect timed out after " + std::to_string(timeout_seconds_) + " s";
        return -1;
      }
      int err = 0;
      socklen_t len = sizeof err;
      if (::getsockopt(s.fd(), SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
      if (err != 0) {
        *why = errno_text(err);
        return -1;
      }
    }
    const int one = 1;
    ::setsockopt(s.fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return s.release();
  }

  // False (nothing sent that the peer read) when `may_find_closed` and the peer already closed.
  bool write_all(int fd, std::string_view data, bool may_find_closed) const {
    while (!data.empty()) {
      // MSG_NOSIGNAL: a peer that closed early must give EPIPE, not kill the process.
      const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
      if (n > 0) {
        data.remove_prefix(static_cast<std::size_t>(n));
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        // A blocking socket has already waited its SO_SNDTIMEO.
        if (blocks() || !wait_for(fd, POLLOUT, SteadyClock::now() + timeout_)) {
          fail("timed out after " + std::to_string(timeout_seconds_) + " s sending the request");
        }
      } else if (n < 0 && may_find_closed && (errno == EPIPE || errno == ECONNRESET)) {
        return false;
      } else if (n < 0 && errno != EINTR) {
        fail("sending the request: " + errno_text(errno));
      }
    }
    return true;
  }

  SteadyClock::time_point deadline() const { return SteadyClock::now() + timeout_; }

  // Bytes from a plain socket: 0 at its end, nullopt when the timeout passed first. With
  // `reset_is_end`, a reset connection counts as ended (a kept one the server dropped).
  std::optional<std::size_t> recv_some(int fd, char* buf, std::size_t size,
                                       bool reset_is_end) const {
    // Once the answer has begun, the rest is usually there already: read before polling. A
    // blocking socket waits in recv() itself, up to its SO_RCVTIMEO.
    const bool blocking = blocks();
    bool poll_first = !answer_begun_ && !blocking;
    for (;;) {
      if (poll_first && !wait_for(fd, POLLIN, deadline())) return std::nullopt;
      poll_first = true;
      const ssize_t n = ::recv(fd, buf, size, 0);
      if (n > 0) answer_begun_ = true;
      if (n >= 0) return static_cast<std::size_t>(n);
      if (reset_is_end && errno == ECONNRESET) return 0;
      if (blocking && (errno == EAGAIN || errno == EWOULDBLOCK)) return std::nullopt;
      if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) {
        fail("reading the response: " + errno_text(errno));
      }
    }
  }

  // One request on a plain connection, kept or new; the connection goes back to the idle ones
  // when its response allows. A kept connection the server has closed meanwhile (it ends before
  // one byte of an answer) is given up for a new one.
  HttpResponse run_plain() {
    const std::string wire = request_text();
    const std::string origin = url_.origin();
    if (idle_) {
      if (const int fd = idle_->take(origin); fd >= 0) {
        Socket socket(fd);
        if (auto answer = exchange_on(socket, wire, /*kept=*/true)) {
          return std::move(*answer);
        }
      }
    }
    Socket socket(connect_any(blocks()));
    return *exchange_on(socket, wire, /*kept=*/false);
  }

  std::optional<HttpResponse> exchange_on(Socket& socket, const std::string& wire, bool kept) {
    if (!write_all(socket.fd(), wire, kept)) return std::nullopt;
    Received got = read_response(
        [&](char* buf, std::size_t size) { return recv_some(socket.fd(), buf, size, kept); }, kept);
    if (!got.response) return std::nullopt;
    if (idle_ && got.reusable) idle_->give(url_.origin(), socket.release());
    return std::move(got.response);
  }

  struct Received {
    // nullopt: the connection ended before one byte of an answer (only when may_find_closed).
    std::optional<HttpResponse> response;
    bool reusable = false;  // framed by length or chunks, no `Connection: close`
  };

  template <typename ReadSome>
  Received read_response(ReadSome read_some, bool may_find_closed) const {
    HttpResponseReader reader(request_.method == "HEAD", limits_);
    char buf[16 * 1024];
    bool received = false;
    bool ended = false;
    while (reader.state() == HttpResponseReader::State::kNeedMore) {
      const std::optional<std::size_t> n = read_some(buf, sizeof buf);
      if (!n) {
        fail("timed out after " + std::to_string(timeout_seconds_) + " s " +
             (received ? "in the middle of the response" : "waiting for the response"));
      }
      if (*n > 0) {
        received = true;
        reader.feed(std::string_view(buf, *n));
      } else {
        if (!received && may_find_closed) return {};
        ended = true;
        reader.finish();
      }
    }
    if (reader.state() == HttpResponseReader::State::kError) {
      fail("invalid response: " + reader.error());
    }
    Received got;
    got.response = reader.take_response();
    const auto connection = got.response->header("Connection");
    got.reusable = !ended && !(connection && iequals(*connection, "close"));
    return got;
  }

  const HttpRequest& request_;
  const Url& url_;
  std::chrono::seconds timeout_;
  int timeout_seconds_;
  HttpResponseLimits limits_;
  const detail::TlsClientContext* tls_;
  detail::IdleConnections* idle_;      // null: every connection closes after its exchange
  mutable bool answer_begun_ = false;  // recv_some has had bytes of the answer
};

// Only the part before the query: it may hold codes or tokens.
std::string without_query(std::string_view url) {
  return printable(url.substr(0, url.find_first_of("?#")));
}

}  // namespace

HttpResponse SocketHttpTransport::send(const HttpRequest& request) {
  std::string error;
  auto url = parse_url(request.url, &error);
  if (!url) {
    throw TransportError("cannot send " + printable(request.method) + " to " +
                         without_query(request.url) + ": " + error);
  }
  if (url->scheme == "https" && !tls_) {
    throw TransportError("cannot send " + printable(request.method) + " to " + url->origin() +
                         printable(url->path) +
                         ": https needs TLS options (a CA file to verify the server against)");
  }
  if (url->scheme != "http" && url->scheme != "https") {
    throw TransportError("cannot send " + printable(request.method) + " to " + url->origin() +
                         printable(url->path) + ": only http and https are supported");
  }
  // The target goes on the request line verbatim, so a space or control character would split
  // it or inject a header.
  if (std::any_of(request.url.begin(), request.url.end(), is_space_or_control)) {
    throw TransportError("cannot send " + printable(request.method) + " to " +
                         without_query(request.url) +
                         ": the URL contains a space or control character");
  }
  return Exchange(request, *url, timeout_seconds_, limits_, tls_.get(),
                  url->scheme == "http" ? idle_.get() : nullptr)
      .run();
}

SocketHttpTransport::SocketHttpTransport(int timeout_seconds, HttpResponseLimits limits,
                                         std::optional<TlsClientOptions> tls, ConnectionReuse reuse)
    : timeout_seconds_(timeout_seconds),
      limits_(limits),
      tls_(tls ? std::make_shared<detail::TlsClientContext>(*tls) : nullptr),
      idle_(reuse == ConnectionReuse::kKeepAlive ? std::make_unique<detail::IdleConnections>()
                                                 : nullptr) {}

SocketHttpTransport::~SocketHttpTransport() = default;

std::size_t SocketHttpTransport::idle_connections() const {
  return idle_ ? idle_->size() : 0;
}

void SocketHttpTransport::close_idle_connections() {
  if (idle_) idle_->close_all();
}

}  // namespace oauthsim::common
