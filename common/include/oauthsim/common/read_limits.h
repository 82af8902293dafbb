#pragma once
#include <chrono>
#include <cstddef>

namespace oauthsim::common {

// What a server reads from one request before it refuses it and closes the connection. The
// defaults are far above anything an OAuth client or a browser sends, and low enough that a
// hostile client cannot make a server hold much memory or a worker for long.
struct ReadLimits {
  // Request line and header lines together (431, or 414 while the request line is unfinished).
  std::size_t max_header_bytes = 64 * 1024;
  std::size_t max_header_count = 100;  // 431
  // The body as it comes over the wire after the headers, however framed (413).
  std::size_t max_body_bytes = 1 << 20;
  // From the first byte of a request to its last header line, and then to the end of its
  // body (408): a client that sends a byte now and then cannot hold a worker forever.
  std::chrono::milliseconds header_deadline{10'000};
  std::chrono::milliseconds body_deadline{30'000};
  // From a TLS connection's accept to the end of its handshake: a client that connects and
  // never sends (or never finishes) a ClientHello is dropped, and no answer is possible.
  std::chrono::milliseconds handshake_deadline{10'000};
  // How long a kept-alive connection may sit idle between requests.
  std::chrono::milliseconds idle_timeout{5'000};
  // How long a worker thread waits for a connection before it ends (the pool grows again on
  // demand): after a burst, a long-running server gives its threads back.
  std::chrono::milliseconds worker_idle_exit{30'000};
};

// Requests a server refuses before any handler sees them.
enum class ReadRefusal {
  kNone,
  kUriTooLong,         // 414
  kHeadersTooLarge,    // 431
  kBodyTooLarge,       // 413
  kTimeout,            // 408
  kUnsupportedCoding,  // 415: a Content-Encoding on a request body
};

int status_of(ReadRefusal refusal);  // 400 for kNone
ReadRefusal refusal_of(int status);  // kNone for 400 and any status not above
const char* describe(ReadRefusal refusal);

}  // namespace oauthsim::common
