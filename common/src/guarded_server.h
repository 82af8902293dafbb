#pragma once
// The servers of HttpServer: cpp-httplib's request processing over a socket stream
// that enforces ReadLimits (bytes and deadlines per phase of a request), which cpp-httplib 0.11
// cannot: its header lines are unlimited in number, a chunked body ignores the payload limit and
// a client that trickles bytes holds a worker for as long as it likes.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "oauthsim/common/read_limits.h"
#include "oauthsim/common/tls_options.h"

namespace oauthsim::common::detail {

std::unique_ptr<httplib::Server> make_guarded_server(const ReadLimits& limits);
// Once `server` (from make_guarded_server; any other is left alone) has stopped: ends the waits
// of its connections idle between requests, so stopping never waits for a kept-alive client.
void wake_idle_connections(httplib::Server& server);

// A TLS handshake that failed after the client's ClientHello arrived (a connection closed
// before any byte is not one: port probes stay out of the trace).
struct TlsHandshakeFailure {
  // The highest version the ClientHello offered, as OpenSSL numbers it (TLS1_1_VERSION...).
  int offered_version = 0;
  // Set when refuse_handshake refused it: what it said.
  std::string injected;
  std::string reason;  // why, for people: "TLS handshake refused: the client offered TLS 1.0..."
};
struct TlsHandshakeHooks {
  // Asked at each ClientHello; a description refuses the handshake with a protocol_version
  // alert (a fault), nullopt lets it go on.
  std::function<std::optional<std::string>()> refuse_handshake;
  // Called at the ClientHello of a handshake sure to fail (refused, or offering only versions
  // below TLS 1.2), before the client can learn it: handshake_failed follows on the same thread.
  std::function<void()> handshake_failing;
  std::function<void(const TlsHandshakeFailure&)> handshake_failed;
};

// The https server: the same guarded reading over TLS records, after a handshake that must end
// within limits.handshake_deadline. Each request carries its SSL (Request::ssl) as
// httplib::SSLServer's do. Throws std::runtime_error naming the file OpenSSL could not use.
std::unique_ptr<httplib::Server> make_guarded_tls_server(const TlsServerOptions& options,
                                                         const ReadLimits& limits,
                                                         TlsHandshakeHooks hooks);

// Why the stream refused the request this worker thread is serving (kNone: it did not).
ReadRefusal current_read_refusal();
// The path of the request this worker is reading, from its first bytes: cpp-httplib leaves
// Request::path empty when it refuses a request line itself (414).
std::string current_request_path();
// Makes this worker close the connection once the current answer is written.
void close_after_answer();

// A worker pool that starts empty and grows on demand up to `max_threads`, so connections that
// sit idle or arrive slowly occupy a cheap thread rather than one of a few. A worker left
// without work for `idle_exit` ends, so a long-running server does not keep a burst's threads.
// `live_threads` counts the workers alive; it outlives the pool (cpp-httplib deletes the pool
// when listening ends).
httplib::TaskQueue* make_elastic_pool(std::size_t max_threads, std::chrono::milliseconds idle_exit,
                                      std::shared_ptr<std::atomic<std::size_t>> live_threads);

}  // namespace oauthsim::common::detail
