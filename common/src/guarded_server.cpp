#include "guarded_server.h"

#include "guarded_connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_set>
#include <utility>

namespace oauthsim::common::detail {
namespace {

using SteadyClock = std::chrono::steady_clock;

thread_local ReadRefusal t_refusal = ReadRefusal::kNone;
thread_local bool t_close_after_answer = false;
constexpr std::size_t kRequestStartBytes = 512;

// Waits are cut into slices so a stopping server never waits for a slow client.
constexpr int kSliceMs = 100;

std::string sockaddr_text(const sockaddr_storage& addr) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(addr).sin_addr, buf, sizeof buf);
  } else if (addr.ss_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(addr).sin6_addr, buf, sizeof buf);
  }
  return buf;
}

int port_of(const sockaddr_storage& addr) {
  if (addr.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in&>(addr).sin_port);
  }
  if (addr.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6&>(addr).sin6_port);
  }
  return 0;
}

// One connection's bytes, counted per phase of the request being read, whatever carries them.
class GuardedStream final : public httplib::Stream {
 public:
  GuardedStream(ConnectionTransport& transport, const ReadLimits& limits,
                std::function<bool()> running)
      : transport_(transport),
        sock_(transport.fd()),
        limits_(limits),
        running_(std::move(running)) {}

  // Waits for the first byte of the next request; false when the connection stays idle past
  // the idle timeout, closes, or the server stops.
  bool next_request_arrives() {
    if (off_ < len_) return true;
    const auto until = SteadyClock::now() + limits_.idle_timeout;
    return fill(until) > 0;
  }

  void begin_headers() {
    in_body_ = false;
    counted_ = 0;
    start_len_ = 0;
    line_ended_ = false;
    wrote_ = false;
    deadline_ = SteadyClock::now() + limits_.header_deadline;
  }
  void begin_body() {
    in_body_ = true;
    counted_ = 0;
    deadline_ = SteadyClock::now() + limits_.body_deadline;
  }
  bool wrote() const { return wrote_; }

  bool is_readable() const override {
    if (off_ < len_ || transport_.has_buffered_input()) return true;
    if (!held_.empty() && !flush()) return false;  // e.g. a 100 Continue the client waits for
    return wait_sliced(sock_, POLLIN, deadline_, running_) > 0;
  }
  bool is_writable() const override {
    return wait_sliced(sock_, POLLOUT, write_deadline(), running_) > 0;
  }

  ssize_t read(char* ptr, std::size_t size) override {
    if (t_refusal != ReadRefusal::kNone) return -1;
    if (off_ >= len_) {
      const ssize_t n = fill(deadline_);
      if (n <= 0) {
        // wait_sliced gives up with under 1 ms left (it counts whole milliseconds).
        if (n < 0 && SteadyClock::now() + std::chrono::milliseconds(1) >= deadline_) {
          t_refusal = ReadRefusal::kTimeout;
        }
        return n;
      }
    }
    const std::size_t n = std::min(size, len_ - off_);
    const char* data = buf_.data() + off_;
    if (!account(data, n)) return -1;
    // cpp-httplib reads a request's head a byte at a time.
    if (n == 1) {
      *ptr = *data;
    } else {
      std::memcpy(ptr, data, n);
    }
    off_ += n;
    return static_cast<ssize_t>(n);
  }

  std::string_view request_start() const { return {start_.data(), start_len_}; }

  // cpp-httplib writes an answer's head and its body separately: two sends (two TLS records),
  // two segments, and a client woken twice. A small write is held until the next one joins it,
  // or until this connection reads or closes (flush()).
  ssize_t write(const char* ptr, std::size_t size) override {
    if (held_.size() + size <= kHoldBytes) {
      held_.append(ptr, size);
      wrote_ = true;
      return static_cast<ssize_t>(size);
    }
    if (!flush()) return -1;
    return send_some(ptr, size);
  }

  // Sends what write() holds; false when the connection broke or stayed full.
  bool flush() const {
    std::size_t off = 0;
    while (off < held_.size()) {
      const ssize_t n = send_some(held_.data() + off, held_.size() - off);
      if (n <= 0) break;
      off += static_cast<std::size_t>(n);
    }
    const bool sent = off == held_.size();
    held_.clear();
    return sent;
  }

  // Asked for every request; a connection's ends never change, so each is looked up once.
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip_and_port(remote_, ::getpeername, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip_and_port(local_, ::getsockname, ip, port);
  }
  socket_t socket() const override { return sock_; }

 private:
  static constexpr std::chrono::milliseconds kWriteTimeout{5'000};
  static SteadyClock::time_point write_deadline() { return SteadyClock::now() + kWriteTimeout; }
  static constexpr std::size_t kHoldBytes = 16 * 1024;

  // Room in the socket's buffer is the rule: poll only when there is none (a poll before every
  // send cost a system call per write).
  ssize_t send_some(const char* ptr, std::size_t size) const {
    const auto until = write_deadline();
    for (;;) {
      // A TLS write may need to read first (or wait to write); it is retried with the same bytes.
      const auto io = transport_.write_some(ptr, size);
      if (io.wait_for != 0) {
        if (wait_sliced(sock_, io.wait_for, until, running_) <= 0) return -1;
        continue;
      }
      if (io.n > 0) wrote_ = true;
      return io.n;
    }
  }

  // Counts bytes handed to cpp-httplib against the current phase's limit.
  bool account(const char* data, std::size_t n) {
    counted_ += n;
    if (!in_body_) {
      if (start_len_ < kRequestStartBytes) {
        const std::size_t keep = std::min(n, kRequestStartBytes - start_len_);
        std::memcpy(start_.data() + start_len_, data, keep);
        start_len_ += keep;
      }
      if (!line_ended_) {
        line_ended_ = n == 1 ? *data == '\n' : std::memchr(data, '\n', n) != nullptr;
      }
      if (counted_ > limits_.max_header_bytes) {
        t_refusal = line_ended_ ? ReadRefusal::kHeadersTooLarge : ReadRefusal::kUriTooLong;
        return false;
      }
    } else if (counted_ > limits_.max_body_bytes) {
      t_refusal = ReadRefusal::kBodyTooLarge;
      return false;
    }
    return true;
  }

  // Reads what the transport has into the buffer: >0 bytes, 0 at EOF, -1 on error or no data
  // by `until`. What write() holds goes out first: the peer may wait for it.
  ssize_t fill(SteadyClock::time_point until) {
    if (!held_.empty() && !flush()) return -1;
    const ssize_t n = transport_.read_waiting(buf_.data(), buf_.size(), until, running_);
    off_ = 0;
    len_ = n > 0 ? static_cast<std::size_t>(n) : 0;
    return n;
  }

  struct Endpoint {
    bool known = false;
    std::string ip;
    int port = 0;
  };
  using NameOf = int (*)(int, sockaddr*, socklen_t*);
  void ip_and_port(Endpoint& cached, NameOf name_of, std::string& ip, int& port) const {
    if (!cached.known) {
      sockaddr_storage addr{};
      socklen_t len = sizeof addr;
      if (name_of(sock_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return;
      cached = {true, sockaddr_text(addr), port_of(addr)};
    }
    ip = cached.ip;
    port = cached.port;
  }

  ConnectionTransport& transport_;
  socket_t sock_;
  mutable Endpoint remote_, local_;
  const ReadLimits& limits_;
  std::function<bool()> running_;
  std::array<char, 16 * 1024> buf_{};
  std::size_t off_ = 0;
  std::size_t len_ = 0;
  std::array<char, kRequestStartBytes> start_{};
  std::size_t start_len_ = 0;
  bool in_body_ = false;
  bool line_ended_ = false;
  mutable bool wrote_ = false;
  mutable std::string held_;  // small writes not yet sent
  std::size_t counted_ = 0;
  SteadyClock::time_point deadline_{};
};

// The socket itself. cpp-httplib's accepted sockets block: a read waits in recv() itself, a
// slice at a time (SO_RCVTIMEO), instead of a poll() and then a recv() for every request.
class PlainTransport final : public ConnectionTransport {
 public:
  explicit PlainTransport(socket_t sock) : sock_(sock) { set_receive_timeout(kSliceMs); }
  socket_t fd() const override { return sock_; }
  bool has_buffered_input() const override { return false; }
  Io read_some(char* buf, std::size_t size) override { return {::recv(sock_, buf, size, 0), 0}; }
  ssize_t read_waiting(char* buf, std::size_t size, SteadyClock::time_point until,
                       const std::function<bool()>& running) override {
    for (;;) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(until - SteadyClock::now()).count();
      if (left <= 0 || !running()) return -1;
      // The last slice ends at the deadline, not up to a slice after it.
      if (left < timeout_ms_) set_receive_timeout(static_cast<int>(left));
      const ssize_t n = ::recv(sock_, buf, size, 0);
      if (n >= 0) return n;
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return -1;
    }
  }
  Io write_some(const char* buf, std::size_t size) override {
    const ssize_t n = ::send(sock_, buf, size, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return {-1, POLLOUT};
    return {n, 0};
  }

 private:
  void set_receive_timeout(int ms) {
    timeval tv{ms / 1000, (ms % 1000) * 1000};
    ::setsockopt(sock_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    timeout_ms_ = ms;
  }

  socket_t sock_;
  int timeout_ms_ = 0;
};

// The connection this thread is serving: the first bytes of its request (not always a whole
// request line) name the path of a request refused before cpp-httplib parsed it.
thread_local const GuardedStream* t_serving = nullptr;

const char* reason_phrase(int status) {
  switch (status) {
    case 408:
      return "Request Timeout";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 431:
      return "Request Header Fields Too Large";
    default:
      return "Bad Request";
  }
}

// The answer to a request refused before cpp-httplib could answer it (its request line never
// ended): written by hand, then the connection closes.
void write_refusal(GuardedStream& strm, ReadRefusal refusal) {
  const int status = status_of(refusal);
  const std::string body = std::string(R"({"error":"invalid_request","error_description":")") +
                           describe(refusal) + "\"}";
  const std::string head = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) +
                           "\r\nContent-Type: application/json\r\nConnection: close\r\n"
                           "Content-Length: " +
                           std::to_string(body.size()) + "\r\n\r\n";
  strm.write(head.data(), head.size());
  strm.write(body.data(), body.size());
}

class GuardedServer final : public GuardedServerBase {
 public:
  explicit GuardedServer(const ReadLimits& limits) : GuardedServerBase(limits) {}

 private:
  bool process_and_close_socket(socket_t sock) override {
    PlainTransport transport(sock);
    const bool ret = serve_connection(transport, [](httplib::Request&) {});
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ret;
  }
};

}  // namespace

ssize_t ConnectionTransport::read_waiting(char* buf, std::size_t size,
                                          SteadyClock::time_point until,
                                          const std::function<bool()>& running) {
  short want = POLLIN;
  for (;;) {
    if (!(want == POLLIN && has_buffered_input()) && wait_sliced(fd(), want, until, running) <= 0) {
      return -1;
    }
    // Part of a TLS record may have arrived, or the TLS layer may need to write first.
    const auto io = read_some(buf, size);
    if (io.wait_for == 0) return io.n;
    want = io.wait_for;
  }
}

int wait_sliced(socket_t sock, short events, SteadyClock::time_point until,
                const std::function<bool()>& running) {
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(until - SteadyClock::now()).count();
    if (left <= 0 || !running()) return 0;
    pollfd p{sock, events, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, kSliceMs)));
    if (r > 0 || (r < 0 && errno != EINTR)) return r;
  }
}

bool GuardedServerBase::serve_connection(ConnectionTransport& transport,
                                         const std::function<void(httplib::Request&)>& setup) {
  GuardedStream strm(transport, limits_, [this] { return running(); });
  IdleSockets::Connection idle(idle_, transport.fd());
  t_serving = &strm;
  struct Unpublish {
    ~Unpublish() { t_serving = nullptr; }
  } unpublish;
  bool ret = false;
  for (std::size_t left = keep_alive_max_count_; left > 0; --left) {
    // The last answer leaves before the connection counts as idle: a stopping server shuts
    // idle connections down, and must not cut off an answer still held.
    if (!strm.flush() || !running() ||
        !idle.while_idle([&strm] { return strm.next_request_arrives(); })) {
      break;
    }
    t_refusal = ReadRefusal::kNone;
    t_close_after_answer = false;
    strm.begin_headers();
    bool connection_closed = false;
    ret =
        process_request(strm, left == 1, connection_closed, [&strm, &setup](httplib::Request& req) {
          strm.begin_body();
          setup(req);
        });
    const ReadRefusal refusal = std::exchange(t_refusal, ReadRefusal::kNone);
    if (refusal != ReadRefusal::kNone && !strm.wrote()) write_refusal(strm, refusal);
    if (!ret || connection_closed || refusal != ReadRefusal::kNone ||
        std::exchange(t_close_after_answer, false)) {
      break;
    }
  }
  strm.flush();  // the answer before a close
  return ret;
}

void IdleSockets::wake_all() {
  std::lock_guard lock(mu_);
  for (const Connection* c : open_) {
    if (c->idle_.load()) ::shutdown(c->sock_, SHUT_RDWR);
  }
}

std::unique_ptr<httplib::Server> make_guarded_server(const ReadLimits& limits) {
  return std::make_unique<GuardedServer>(limits);
}

void wake_idle_connections(httplib::Server& server) {
  if (auto* guarded = dynamic_cast<GuardedServerBase*>(&server)) guarded->wake_idle_connections();
}

ReadRefusal current_read_refusal() {
  return t_refusal;
}

std::string current_request_path() {
  const std::string_view start_bytes = t_serving ? t_serving->request_start() : "";
  const auto start = start_bytes.find(' ');
  if (start == std::string_view::npos) return "";
  const auto end = start_bytes.find_first_of(" ?\r\n", start + 1);
  return std::string(
      start_bytes.substr(start + 1, end == std::string_view::npos ? end : end - start - 1));
}

void close_after_answer() {
  t_close_after_answer = true;
}

}  // namespace oauthsim::common::detail
