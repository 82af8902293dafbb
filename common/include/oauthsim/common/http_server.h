#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <httplib.h>
#include <nlohmann/json_fwd.hpp>

#include "oauthsim/common/clock.h"
#include "oauthsim/common/fault_injector.h"
#include "oauthsim/common/html_escape.h"
#include "oauthsim/common/http_responses.h"
#include "oauthsim/common/oauth_error.h"
#include "oauthsim/common/read_limits.h"
#include "oauthsim/common/ready_file.h"
#include "oauthsim/common/refusal_reason.h"
#include "oauthsim/common/termination_signals.h"
#include "oauthsim/common/tls_options.h"
#include "oauthsim/common/trace.h"

namespace oauthsim::common {
namespace detail {
struct TlsHandshakeHooks;
}

// One party's HTTP server: the same class runs embedded in a test (start(.., 0) returns the
// port) or behind the party's executable. Every exchange it serves goes into the trace.
class HttpServer {
 public:
  // trace and clock may be null (no tracing); party is this server's name in the trace. With
  // `tls` the server speaks https only; throws std::runtime_error naming the file when its
  // certificate, key or client CA cannot be used.
  HttpServer(std::string party, Trace* trace, const Clock* clock,
             std::optional<TlsServerOptions> tls = std::nullopt, ReadLimits limits = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Register routes here. The pre- and post-routing handlers, the exception handler and the
  // socket options belong to this class (they feed the trace, refuse a port in use);
  // replacing them breaks tracing.
  httplib::Server& routes() { return *server_; }

  // Binds host:port (0: any free port), serves on a background thread, returns the port.
  // Throws std::runtime_error naming host and port when binding fails.
  int start(const std::string& host = "127.0.0.1", int port = 0);
  void stop();  // idempotent; joins the thread
  bool running() const { return thread_.joinable(); }
  int port() const { return port_; }
  // "http://127.0.0.1:PORT", or https:// with TLS (IPv6 hosts bracketed).
  std::string base_url() const;
  bool tls() const { return tls_; }

  // Names the sender of a request in the trace (default: party::kUnknown).
  void set_peer_labeler(std::function<std::string(const httplib::Request&)> f) {
    labeler_ = std::move(f);
  }
  // Faults queued here fire before routing, for the requests they match.
  FaultInjector& faults() { return faults_; }
  // Requests whose path starts with `path_prefix` are served but not recorded in the trace
  // (e.g. the control API under /_oauthsim/, which is the harness, not a party). Call before
  // start().
  void skip_tracing_under(std::string path_prefix) {
    untraced_prefixes_.push_back(std::move(path_prefix));
  }
  // A route this server hosts on another party's behalf (SR serves its token endpoint on the
  // Customer API's host too): requests to exactly `path` are recorded as served by `party`
  // (observer and receiver), and faults queued on that party (`party_faults`, which outlives
  // this server) fire here too, after this server's own: a fault on "the token endpoint" meets
  // a client whichever host it posts to. Call before start().
  void serve_path_for(std::string path, std::string party, FaultInjector& party_faults) {
    foreign_paths_.push_back({std::move(path), std::move(party), &party_faults});
  }

  // A `delay` fault that changes nothing else is served inside the handler rather than before
  // routing: the handler calls serve_held_delay() once it holds its resources (the Customer
  // API: after taking its rate-limit slot, so a slow request counts as in flight, as on SR).
  // A handler that never calls it still gets the delay, just before the answer is written.
  // Call before start().
  void hold_delays_for_handler() { hold_delays_ = true; }
  static void serve_held_delay();

  // Requests refused before routing (too large, too slow, malformed) are answered with an HTML
  // page under these path prefixes, with a JSON error elsewhere. Call before start().
  void answer_in_html_under(std::string path_prefix) {
    html_prefixes_.push_back(std::move(path_prefix));
  }
  const ReadLimits& read_limits() const { return limits_; }
  // Worker threads alive now: one per connection being served, plus workers waiting for one
  // until ReadLimits::worker_idle_exit passes.
  std::size_t worker_threads() const { return worker_threads_->load(); }

  // Lets a handler attach a conclusion to its trace entry (e.g. "login refused").
  static void note(httplib::Response& res, const std::string& text);
  // Lets a handler record why it refused, as a typed fact of its trace entry.
  static void refusal_reason(httplib::Response& res, RefusalReason reason);
  // Lets a handler record what it concluded, as a typed fact of its trace entry.
  static void outcome(httplib::Response& res, ExchangeOutcome outcome);

 private:
  void record(const httplib::Request& req, const httplib::Response& res);
  // The party a trace entry for `path` is served by: this server's, or the one it hosts `path`
  // for (serve_path_for).
  const std::string& observer_of(const std::string& path) const;
  // The TLS server's hooks: handshake faults come from faults(), failed handshakes go into the
  // trace as exchanges with no status.
  detail::TlsHandshakeHooks handshake_hooks();
  void record_failed_handshake(const std::string& reason, bool injected);
  // True when a queued fault answered the request in place of its handler.
  bool answer_fault(const httplib::Request& req, httplib::Response& res);
  bool traced(const httplib::Request& req) const;
  // Refuses a request whose headers break the read limits; true when it did.
  bool refuse_unreadable(const httplib::Request& req, httplib::Response& res);
  // Answers `status` with `description`, in HTML or JSON as the request's path speaks, and
  // closes the connection after it.
  void answer_refusal(const httplib::Request& req, httplib::Response& res, int status,
                      const std::string& description);

  std::string party_;
  Trace* trace_;
  const Clock* clock_;
  ReadLimits limits_;  // before server_, which reads them
  std::shared_ptr<std::atomic<std::size_t>> worker_threads_ =
      std::make_shared<std::atomic<std::size_t>>(0);
  std::unique_ptr<httplib::Server> server_;
  bool tls_ = false;
  std::thread thread_;
  std::atomic<bool> listening_done_{false};  // the accept loop returned
  std::string host_;
  int port_ = 0;
  std::string served_at_;  // base_url() once started: every trace entry names it
  std::function<std::string(const httplib::Request&)> labeler_;
  FaultInjector faults_;
  std::vector<std::string> untraced_prefixes_;
  struct ForeignPath {
    std::string path;
    std::string party;
    FaultInjector* faults;
  };
  std::vector<ForeignPath> foreign_paths_;
  bool hold_delays_ = false;
  std::vector<std::string> html_prefixes_;
};

}  // namespace oauthsim::common
