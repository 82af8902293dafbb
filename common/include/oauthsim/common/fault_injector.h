#pragma once
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "oauthsim/common/encoding.h"

namespace oauthsim::common {

// A misbehaviour a server shows for its next `times` matching requests: a replacement answer
// (a 503, a 429 with Retry-After), a delay before the real answer, a dropped connection, or a
// combination. A replaced or dropped request is not routed, so a faulted token request
// consumes no code.
struct InjectedFault {
  std::string method;  // empty: any method
  std::string path;    // exact request path
  int status = 0;      // 0: no replacement, the real handler answers (after the delay)
  std::string body;    // replacement body, JSON; empty: {"error": ...} chosen by status
  Params headers;      // replacement headers, e.g. Retry-After
  std::chrono::milliseconds delay{0};  // wall time before answering, to exercise timeouts
  int times = 1;                       // how many matching requests it hits
  // The connection breaks instead of an answer arriving. cpp-httplib writes the status line and
  // headers before a handler can stop it, so the caller gets those (status, or 200 when no
  // status is set) and then the connection closes before the announced body: a truncated
  // answer, which HTTP clients report as a failed request.
  bool drop_connection = false;
  std::string content_type;  // of the replacement body; empty: application/json
  // Set with status 0: the real handler answers and this replaces its Content-Type.
  std::string rewrite_content_type;
  // The next TLS handshake(s) at the server's port fail with a protocol_version alert, as SR
  // refuses a client offering only TLS 1.0 or 1.1. A handshake carries no method or path:
  // whatever the client connects for is refused; method and path name what the fault is meant
  // for and label its trace entry.
  bool refuse_tls_handshake = false;

  bool matches(std::string_view m, std::string_view p) const {
    return (method.empty() || method == m) && path == p;
  }
  // "503 once on POST /identity/oauth/token": for trace notes and listings.
  std::string describe() const;
};

// Misbehaviour vendors meet at SR, as ready-made faults (scenarios and the control API name
// them): kEmptyJson200 answers 200 with {} (SR's help pages list "200 OK with an empty JSON
// object" among code-exchange problems); kNonJsonBody answers 200 with an HTML page (a proxy's
// or maintenance page); kWrongContentType lets the real handler answer and labels its JSON
// text/plain; kTlsHandshakeRefused refuses the TLS handshake (SR requires TLS 1.2 or later).
enum class FaultQuirk { kEmptyJson200, kNonJsonBody, kWrongContentType, kTlsHandshakeRefused };
std::optional<FaultQuirk> fault_quirk_from_name(std::string_view name);
std::string_view fault_quirk_name(FaultQuirk quirk);
std::string fault_quirk_names();  // "empty_json_200, non_json_body, ..."
// Sets the fields of `fault` that make the quirk (method, path and times are the caller's).
void apply_quirk(FaultQuirk quirk, InjectedFault& fault);

// The faults queued on one server, in order; the first one matching a request fires. Thread
// safe. Costs one relaxed atomic load per request when nothing is queued.
class FaultInjector {
 public:
  // Faults queued for paths no request takes would otherwise pile up in a long `serve`, and
  // every request scans the queue.
  static constexpr std::size_t kMaxQueued = 1000;
  // Throws std::invalid_argument saying what is wrong with the fault, or that kMaxQueued are
  // queued already.
  void add(InjectedFault fault);
  // The fault for this request (its remaining count decremented, dropped at zero), if any.
  std::optional<InjectedFault> take(std::string_view method, std::string_view path);
  // The first refuse_tls_handshake fault (its count decremented), if any: handshakes come
  // before any request, so they match no method or path.
  std::optional<InjectedFault> take_handshake();
  std::vector<InjectedFault> pending() const;
  void clear();

 private:
  // Fires the first queued fault `fires` accepts; mu_ held.
  std::optional<InjectedFault> take_first(const std::function<bool(const InjectedFault&)>& fires);

  mutable std::mutex mu_;
  std::vector<InjectedFault> faults_;
  std::atomic<std::size_t> count_{0};
};

}  // namespace oauthsim::common
