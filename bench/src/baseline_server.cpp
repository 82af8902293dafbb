// The yardstick of bench/run: the least a cpp-httplib server can do on this machine, with the
// settings oauthsim's HttpServer uses (tcp_nodelay, keep-alive of 10,000 requests, httplib's
// default thread pool, SO_REUSEADDR only). Every oauthsim row of the table is a ratio to it.
//
// Usage: bench_baseline_server READY_FILE   (binds 127.0.0.1 on any free port; writes
// {"url": "http://127.0.0.1:PORT"} to READY_FILE once it listens; stops on SIGTERM or SIGINT)
#include <sys/socket.h>

#include <signal.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

#include <httplib.h>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: bench_baseline_server READY_FILE\n";
    return 2;
  }
  // Blocked here, so every server thread inherits the mask and main alone takes the signal.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  httplib::Server server;
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(10'000);
  server.set_payload_max_length(1 << 20);
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  // The POST row sends a 50-byte JSON body and gets a small JSON answer, as a token request does.
  server.Post("/post", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.body.size() == 50 ? R"({"ok":true})" : R"({"ok":false})",
                    "application/json");
  });
  server.Get("/get", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"ok":true})", "application/json");
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  if (port <= 0) {
    std::cerr << "bench_baseline_server: cannot bind 127.0.0.1\n";
    return 1;
  }
  std::thread serving([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::yield();
  const std::string tmp = std::string(argv[1]) + ".tmp";
  std::ofstream(tmp) << R"({"url": "http://127.0.0.1:)" << port << "\"}\n";
  std::rename(tmp.c_str(), argv[1]);
  int sig = 0;
  sigwait(&stop_signals, &sig);
  server.stop();
  serving.join();
  return 0;
}
