#pragma once
// Bytes on a loopback socket, for requests no HTTP client library would send: truncated,
// oversized, trickled, or framed wrongly. Answers are read to EOF or until `wait` passes.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <string_view>

namespace oauthsim::test_support {

// One client connection; closed on destruction.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }

  // Sends what the peer accepts; false once it stops accepting (closed, or refused the rest).
  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Half-closes: the server reads EOF after what was sent (a truncated request stays so).
  void finish_sending() { ::shutdown(fd_, SHUT_WR); }

  // Everything until the server closes the connection or `wait` passes without a byte.
  std::string read_to_close(std::chrono::milliseconds wait = std::chrono::seconds(20)) {
    std::string out;
    char buf[16384];
    for (;;) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) {
        closed_ = false;
        return out;
      }
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        closed_ = true;
        return out;
      }
      out.append(buf, static_cast<std::size_t>(n));
    }
  }
  // True when the last read_to_close ended because the server closed the connection.
  bool closed_by_server() const { return closed_; }

  // One answer of a kept-alive connection: headers and a Content-Length body.
  std::string read_one_answer(std::chrono::milliseconds wait = std::chrono::seconds(20)) {
    std::string out;
    char c;
    for (;;) {
      const auto head_end = out.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        const auto at = out.find("Content-Length: ");
        const std::size_t length = at == std::string::npos || at > head_end
                                       ? 0
                                       : std::strtoul(out.c_str() + at + 16, nullptr, 10);
        if (out.size() >= head_end + 4 + length) return out;
      }
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return out;
      if (::recv(fd_, &c, 1, 0) <= 0) return out;
      out += c;
    }
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
};

// The status code of a raw answer ("HTTP/1.1 413 ..."), or 0 when there is none.
inline int status_of_answer(std::string_view answer) {
  if (answer.size() < 12 || answer.substr(0, 5) != "HTTP/") return 0;
  return std::atoi(std::string(answer.substr(9, 3)).c_str());
}

// The body of a raw answer (after the blank line).
inline std::string body_of_answer(std::string_view answer) {
  const auto at = answer.find("\r\n\r\n");
  return at == std::string_view::npos ? "" : std::string(answer.substr(at + 4));
}

// Sends `request` on a fresh connection and reads to close.
inline std::string raw_exchange(int port, std::string_view request,
                                std::chrono::milliseconds wait = std::chrono::seconds(20)) {
  RawConnection c(port);
  c.send(request);
  return c.read_to_close(wait);
}

// Sends `request`, then half-closes, and reads to close: a request that ends early gets EOF.
inline std::string raw_exchange_then_eof(
    int port, std::string_view request, std::chrono::milliseconds wait = std::chrono::seconds(20)) {
  RawConnection c(port);
  c.send(request);
  c.finish_sending();
  return c.read_to_close(wait);
}

}  // namespace oauthsim::test_support
