#pragma once
// The plain-HTTP server of HttpServer: cpp-httplib's request processing over a socket stream
// that enforces ReadLimits (bytes and deadlines per phase of a request), which cpp-httplib 0.11
// cannot: its header lines are unlimited in number, a chunked body ignores the payload limit and
// a client that trickles bytes holds a worker for as long as it likes.
#include <httplib.h>

#include <memory>

#include "oauthsim/common/read_limits.h"

namespace oauthsim::common::detail {

std::unique_ptr<httplib::Server> make_guarded_server(const ReadLimits& limits);
// Once `server` (from make_guarded_server; any other is left alone) has stopped: ends the waits
// of its connections idle between requests, so stopping never waits for a kept-alive client.
void wake_idle_connections(httplib::Server& server);

// Why the stream refused the request this worker thread is serving (kNone: it did not).
ReadRefusal current_read_refusal();
// The path of the request this worker is reading, from its first bytes: cpp-httplib leaves
// Request::path empty when it refuses a request line itself (414).
std::string current_request_path();
// Makes this worker close the connection once the current answer is written.
void close_after_answer();

// A worker pool that grows on demand up to `max_threads`, so connections that sit idle or
// arrive slowly occupy a cheap thread rather than one of a few.
httplib::TaskQueue* make_elastic_pool(std::size_t min_threads, std::size_t max_threads);

}  // namespace oauthsim::common::detail
