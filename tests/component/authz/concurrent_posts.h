#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <barrier>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "oauthsim/common/encoding.h"

namespace oauthsim::authz::testing {

// A connection to 127.0.0.1:port; -1 when it failed.
inline int connect_loopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  timeval timeout{30, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  return fd;
}

// Sends one form POST on fd (closing after the answer) and returns the status; 0: no answer.
inline int post_form_on(int fd, int port, const std::string& path, const std::string& body) {
  const std::string request = "POST " + path +
                              " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                              "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                              "Connection: close\r\nContent-Length: " +
                              std::to_string(body.size()) + "\r\n\r\n" + body;
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    return 0;
  }
  std::string answer;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) answer.append(buf, buf + n);
  // "HTTP/1.1 200 OK"
  if (answer.size() < 12 || answer.compare(0, 5, "HTTP/") != 0) return 0;
  return std::atoi(answer.substr(9, 3).c_str());
}

// What `n` clients got for the same form posted at the same instant: status -> how many (0: no
// answer). The clients' threads exist first; then all n connections are opened (accepted and
// queued for the server's workers) and only then released together, so the server meets the
// requests as fast as it can take them. Connecting last keeps the wait of a connection a worker
// already holds far below the server's read timeout, even on a busy machine.
inline std::map<int, int> post_concurrently(int port, const std::string& path,
                                            const common::Params& form, int n) {
  std::vector<int> fds(static_cast<std::size_t>(n), -1);
  std::vector<int> statuses(static_cast<std::size_t>(n), 0);
  std::barrier start(n + 1);
  std::vector<std::thread> threads;
  const std::string body = form.encode();
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      const int fd = fds[static_cast<std::size_t>(i)];
      int status = fd >= 0 ? post_form_on(fd, port, path, body) : 0;
      if (status == 0) {
        // The server dropped a connection it held unread past its read timeout (a starved
        // machine): it never saw the request, so a second connection races on equal terms.
        const int again = connect_loopback(port);
        if (again >= 0) {
          status = post_form_on(again, port, path, body);
          ::close(again);
        }
      }
      statuses[static_cast<std::size_t>(i)] = status;
    });
  }
  for (auto& fd : fds) fd = connect_loopback(port);
  start.arrive_and_wait();
  for (auto& t : threads) t.join();
  for (int fd : fds) {
    if (fd >= 0) ::close(fd);
  }
  std::map<int, int> counts;
  for (int s : statuses) ++counts[s];
  return counts;
}

}  // namespace oauthsim::authz::testing
