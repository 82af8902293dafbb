#pragma once
// What the plain and the TLS guarded servers share: a connection's bytes behind one small
// interface, and the request loop that counts them against ReadLimits. The limit accounting
// lives in guarded_server.cpp once; a server only supplies the transport.
#include <httplib.h>
#include <poll.h>
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <unordered_set>

#include "oauthsim/common/read_limits.h"

namespace oauthsim::common::detail {

// The bytes of one accepted connection: the socket itself, or TLS records over it.
class ConnectionTransport {
 public:
  // One read or write attempt. `wait_for` set (POLLIN or POLLOUT): nothing moved, retry once
  // the socket is ready for that; otherwise n > 0 bytes, 0 at an orderly end, -1 an error.
  struct Io {
    ssize_t n = -1;
    short wait_for = 0;
  };
  virtual ~ConnectionTransport() = default;
  virtual socket_t fd() const = 0;
  // Bytes already received and decoded (TLS records read ahead): no need to poll the socket.
  virtual bool has_buffered_input() const = 0;
  virtual Io read_some(char* buf, std::size_t size) = 0;
  virtual Io write_some(const char* buf, std::size_t size) = 0;
  // Waits for bytes and reads them: >0 bytes, 0 at the end, -1 on an error, or when nothing
  // came by `until` or `running` turned false. This one polls, then reads; a transport that
  // can wait inside its read (one system call instead of two) does that instead.
  virtual ssize_t read_waiting(char* buf, std::size_t size,
                               std::chrono::steady_clock::time_point until,
                               const std::function<bool()>& running);
};

// poll() for `events` until `until`, in slices, giving up early once `running` says the server
// is stopping: >0 ready, 0 timed out or stopping, <0 a poll error.
int wait_sliced(socket_t sock, short events, std::chrono::steady_clock::time_point until,
                const std::function<bool()>& running);

// The connections waiting for their next request, so a stopping server can end those waits at
// once instead of when a poll slice runs out (a kept-alive client would hold stop() that long).
// A connection registers once while it is open; each wait only flips its flag, so requests on
// kept-alive connections take no lock and allocate nothing here.
class IdleSockets {
 public:
  class Connection {
   public:
    Connection(IdleSockets& set, socket_t sock) : set_(set), sock_(sock) { set_.add(this); }
    ~Connection() { set_.remove(this); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs `wait` with this connection counted as idle. The flag is set before `wait` checks
    // whether the server still runs, and the server stops running before wake_all() reads the
    // flags: with both sequentially consistent, a wait either sees the stop or is woken.
    template <typename Wait>
    bool while_idle(Wait wait) {
      idle_.store(true);
      const bool arrived = wait();
      idle_.store(false);
      return arrived;
    }

   private:
    friend class IdleSockets;
    IdleSockets& set_;
    const socket_t sock_;
    std::atomic<bool> idle_{false};
  };

  // After the server stopped: shuts down every connection waiting for its next request.
  void wake_all();

 private:
  void add(Connection* c) {
    std::lock_guard lock(mu_);
    open_.insert(c);
  }
  void remove(Connection* c) {
    std::lock_guard lock(mu_);
    open_.erase(c);
  }

  std::mutex mu_;
  std::unordered_set<Connection*> open_;
};

// An httplib::Server whose connections are read through a guarded stream.
class GuardedServerBase : public httplib::Server {
 public:
  void wake_idle_connections() { idle_.wake_all(); }

 protected:
  explicit GuardedServerBase(const ReadLimits& limits) : limits_(limits) {}

  // Serves the connection's requests until it ends, a limit refuses one (answered, then the
  // loop ends) or the server stops. `setup` runs for each request once its head is read.
  bool serve_connection(ConnectionTransport& transport,
                        const std::function<void(httplib::Request&)>& setup);
  bool running() const { return svr_sock_ != INVALID_SOCKET; }
  const ReadLimits& limits() const { return limits_; }

 private:
  ReadLimits limits_;
  IdleSockets idle_;
};

}  // namespace oauthsim::common::detail
