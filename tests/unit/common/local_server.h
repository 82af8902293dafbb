#pragma once
#include <httplib.h>

#include <string>
#include <thread>

namespace oauthsim::testing {

// A plain cpp-httplib server on a free loopback port, so a transport is tested against
// something other than our own HttpServer.
class LocalServer {
 public:
  LocalServer() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::yield();
  }
  ~LocalServer() {
    server_.stop();
    thread_.join();
  }
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;

  httplib::Server& routes() { return server_; }
  std::string url(const std::string& path_and_query, const std::string& host = "127.0.0.1") const {
    return "http://" + host + ":" + std::to_string(port_) + path_and_query;
  }
  int port() const { return port_; }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace oauthsim::testing
