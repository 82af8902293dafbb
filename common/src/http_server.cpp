#include "oauthsim/common/http_server.h"

#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <utility>

#include <nlohmann/json.hpp>

#include "guarded_server.h"
#include "oauthsim/common/ascii.h"
#include "oauthsim/common/peer_certificate.h"
#include "oauthsim/common/trace_recording.h"
#include "oauthsim/common/url.h"
#include "tls_server.h"

namespace oauthsim::common {
namespace {

// Handler and post-routing recorder run on the same worker thread, one request at a time, so a
// thread-local note carries a handler's conclusion into its trace entry.
thread_local std::string t_note;
thread_local RefusalReason t_refusal_reason = RefusalReason::kNone;
// A Content-Type the post-routing step puts on the real answer (a wrong_content_type fault).
thread_local std::string t_content_type_override;
// A delay fault held for the handler (hold_delays_for_handler), not yet served.
thread_local std::chrono::milliseconds t_held_delay{0};
thread_local ExchangeOutcome t_outcome = ExchangeOutcome::kNone;
thread_local FaultEffect t_fault = FaultEffect::kNone;
// The trace position of the request this thread is serving, taken when it arrived.
thread_local std::uint64_t t_seq = 0;
// Set when that request's path is under an untraced prefix: it stays out of the trace.
thread_local bool t_untraced = false;
// The handshake fault this worker just fired: its method and path label the trace entry.
thread_local InjectedFault t_handshake_fault;
// The trace position of a handshake sure to fail, taken at its ClientHello: the client may
// answer its user before this thread records the failure, and the trace shows it first.
thread_local std::uint64_t t_handshake_seq = 0;

// Workers grow on demand up to this many: each is a mostly idle thread.
constexpr std::size_t kMaxWorkers = 256;
// cpp-httplib adds these to every request's headers; the client did not send them.
constexpr std::size_t kAddedHeaders = 4;  // REMOTE_ADDR, REMOTE_PORT, LOCAL_ADDR, LOCAL_PORT

bool is_transport_status(int status) {
  return status == 400 || status == 408 || status == 413 || status == 414 || status == 415 ||
         status == 431;
}

// The body the trace's redaction will read, or nothing: an entry shows the fields of a form or
// JSON body only (and says so when a body's Content-Encoding cannot be undone), so the ring
// must not keep an HTML page or a style sheet it would never show.
std::string traced_body(const Params& traced, const std::string& body, bool decoded) {
  const std::string* type = traced.find("Content-Type");
  const bool fields = type && (type->find("json") != std::string::npos ||
                               type->find("x-www-form-urlencoded") != std::string::npos);
  const std::string* coding = traced.find("Content-Encoding");
  const bool encoded = !decoded && coding && !coding->empty();
  return fields || encoded ? body : std::string();
}

// The answer body of a dropped connection: announced by Content-Length, never sent.
constexpr std::size_t kDroppedBodyLength = 64;

}  // namespace

HttpServer::HttpServer(std::string party, Trace* trace, const Clock* clock,
                       std::optional<TlsServerOptions> tls, ReadLimits limits)
    : party_(std::move(party)),
      trace_(trace),
      clock_(clock),
      limits_(limits),
      server_(tls ? detail::make_guarded_tls_server(*tls, limits_, handshake_hooks())
                  : detail::make_guarded_server(limits_)),
      tls_(tls.has_value()) {
  server_->set_tcp_nodelay(true);
  server_->set_keep_alive_max_count(10'000);
  server_->set_payload_max_length(limits_.max_body_bytes);
  server_->set_keep_alive_timeout(std::max<time_t>(
      1, std::chrono::duration_cast<std::chrono::seconds>(limits_.idle_timeout).count()));
  // cpp-httplib's pool has 8 workers; a few idle or slow connections would take them all.
  // Workers start on demand: a scenario world starts three servers, most of whose workers
  // would never run (starting them dominated `oauthsim run`).
  server_->new_task_queue = [this] {
    return detail::make_elastic_pool(kMaxWorkers, limits_.worker_idle_exit, worker_threads_);
  };
  // What cpp-httplib refuses itself (a request line over 8 KB, unparseable headers) and what
  // the guarded stream cut short arrives here with an empty body.
  server_->set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        const ReadRefusal refusal = detail::current_read_refusal();
        if (refusal == ReadRefusal::kNone &&
            !(res.body.empty() && is_transport_status(res.status))) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        const ReadRefusal why = refusal == ReadRefusal::kNone ? refusal_of(res.status) : refusal;
        answer_refusal(req, res, status_of(why), describe(why));
        return httplib::Server::HandlerResponse::Handled;
      }));
  server_->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown error";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        note(res, "internal error: " + what);
        send_json(res, 500, {{"error", "server_error"}, {"error_description", "internal error"}});
      });
  server_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    t_note.clear();
    t_refusal_reason = RefusalReason::kNone;
    t_held_delay = std::chrono::milliseconds{0};
    t_content_type_override.clear();
    t_outcome = ExchangeOutcome::kNone;
    t_fault = FaultEffect::kNone;
    t_untraced = trace_ && !traced(req);
    t_seq = trace_ && !t_untraced ? trace_->reserve_seq() : 0;
    return refuse_unreadable(req, res) || answer_fault(req, res)
               ? httplib::Server::HandlerResponse::Handled
               : httplib::Server::HandlerResponse::Unhandled;
  });
  // Record just before the response is written (the logger runs after it is sent), so a
  // caller that has its answer can rely on the server's entry being in the trace.
  server_->set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    serve_held_delay();
    if (!t_content_type_override.empty()) {
      res.headers.erase("Content-Type");
      res.set_header("Content-Type", std::exchange(t_content_type_override, std::string()));
    }
    record(req, res);
  });
  // httplib's default also sets SO_REUSEPORT, which lets a second server bind a port that
  // is already listening (and then the kernel splits connections between the two).
  server_->set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
}

HttpServer::~HttpServer() {
  stop();
}

int HttpServer::start(const std::string& host, int port) {
  if (running()) throw std::logic_error(party_ + " server is already running");
  host_ = host;
  if (port == 0) {
    port_ = server_->bind_to_any_port(host);
    if (port_ <= 0)
      throw std::runtime_error("cannot bind " + party_ + " to " + host + ": no free port");
  } else {
    if (!server_->bind_to_port(host, port)) {
      throw std::runtime_error("cannot bind " + party_ + " to " + host + ":" +
                               std::to_string(port) +
                               " (in use, or not an address of this machine)");
    }
    port_ = port;
  }
  served_at_ = base_url();
  listening_done_ = false;
  // The socket listens already (connections queue up); the accept loop starts on the thread.
  thread_ = std::thread([this] {
    server_->listen_after_bind();
    listening_done_ = true;
  });
  return port_;
}

void HttpServer::stop() {
  if (!thread_.joinable()) return;
  // cpp-httplib's stop() is a no-op until the accept loop runs, so a stop right after start
  // waits for it here (waiting in start() instead cost every start a spin).
  while (!server_->is_running() && !listening_done_) std::this_thread::yield();
  server_->stop();
  detail::wake_idle_connections(*server_);
  thread_.join();
}

std::string HttpServer::base_url() const {
  const std::string h = host_.find(':') != std::string::npos ? "[" + host_ + "]" : host_;
  return (tls_ ? "https://" : "http://") + h + ":" + std::to_string(port_);
}

bool HttpServer::answer_fault(const httplib::Request& req, httplib::Response& res) {
  auto fault = faults_.take(req.method, req.path);
  for (const auto& foreign : foreign_paths_) {
    if (!fault && req.path == foreign.path) fault = foreign.faults->take(req.method, req.path);
  }
  if (!fault) return false;
  note(res, "fault injected: " + fault->describe());
  t_fault = fault->drop_connection                 ? FaultEffect::kConnectionDropped
            : fault->status != 0                   ? FaultEffect::kAnswerReplaced
            : !fault->rewrite_content_type.empty() ? FaultEffect::kAnswerRelabelled
                                                   : FaultEffect::kAnswerDelayed;
  // Real time on purpose: a slow answer exists to exercise the caller's socket timeouts,
  // which run on the wall clock, not on the scenario's virtual one.
  if (!fault->rewrite_content_type.empty()) t_content_type_override = fault->rewrite_content_type;
  if (hold_delays_ && fault->status == 0 && !fault->drop_connection) {
    t_held_delay = fault->delay;
    return false;
  }
  if (fault->delay.count() > 0) std::this_thread::sleep_for(fault->delay);
  if (fault->drop_connection) {
    // cpp-httplib 0.11 gives a handler no way to close the socket before the status line and
    // headers are written. The closest honest drop: announce a body, then fail its content
    // provider before any byte of it, which makes httplib close the connection. The caller
    // sees a truncated answer (headers, then EOF), which HTTP clients report as an error.
    res.status = fault->status != 0 ? fault->status : 200;
    res.set_header("Connection", "close");
    for (const auto& [name, value] : fault->headers.items()) res.set_header(name, value);
    res.set_content_provider(kDroppedBodyLength, "application/json",
                             [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
    return true;
  }
  if (fault->status == 0) return false;
  // The handler never ran, so the request body was never read: the connection cannot carry
  // another request. (For the same reason the trace shows no form fields for this exchange.)
  res.set_header("Connection", "close");
  res.status = fault->status;
  for (const auto& [name, value] : fault->headers.items()) res.set_header(name, value);
  if (!fault->body.empty()) {
    res.set_content(fault->body,
                    fault->content_type.empty() ? "application/json" : fault->content_type.c_str());
  } else {
    const char* error = fault->status == 429   ? "too_many_requests"
                        : fault->status >= 500 ? "server_error"
                                               : "invalid_request";
    send_json(res, fault->status,
              {{"error", error},
               {"error_description",
                "oauthsim injected this answer (HTTP " + std::to_string(fault->status) + ")"}});
  }
  return true;
}

namespace {

// The headers refuse_unreadable judges, gathered in one pass over the request's headers (a
// lookup by name each cost a case-folding tree search, for every request).
struct FramingHeaders {
  std::size_t bytes = 0;
  std::size_t length_count = 0;
  const std::string* length = nullptr;  // the first of each, as get_header_value gives
  const std::string* coding = nullptr;
  const std::string* content_type = nullptr;
  const std::string* content_encoding = nullptr;

  explicit FramingHeaders(const httplib::Headers& headers) {
    for (const auto& [name, value] : headers) {
      bytes += name.size() + value.size() + 4;
      if (iequals(name, "Content-Length")) {
        if (length_count++ == 0) length = &value;
      } else if (!coding && iequals(name, "Transfer-Encoding")) {
        coding = &value;
      } else if (!content_type && iequals(name, "Content-Type")) {
        content_type = &value;
      } else if (!content_encoding && iequals(name, "Content-Encoding")) {
        content_encoding = &value;
      }
    }
  }
  static std::string_view of(const std::string* value) {
    return value ? std::string_view(*value) : std::string_view();
  }
};

// Which of the request's framing headers is malformed, or nullptr.
const char* malformed_framing(const FramingHeaders& h) {
  const std::string_view length = FramingHeaders::of(h.length);
  const std::string_view coding = FramingHeaders::of(h.coding);
  if (h.length_count > 1) return "Content-Length is sent twice";
  if (!length.empty() && length.find_first_not_of("0123456789") != std::string_view::npos) {
    return "Content-Length is not a number";
  }
  // Two framings of one body: the way requests are smuggled past a proxy (RFC 9112 6.3).
  if (!length.empty() && !coding.empty()) return "Content-Length and Transfer-Encoding together";
  if (!coding.empty() && !iequals(coding, "chunked")) {
    return "a Transfer-Encoding other than chunked";
  }
  return nullptr;
}

}  // namespace

bool HttpServer::refuse_unreadable(const httplib::Request& req, httplib::Response& res) {
  const FramingHeaders h(req.headers);
  const std::string length(FramingHeaders::of(h.length));
  ReadRefusal refusal = ReadRefusal::kNone;
  const char* malformed = nullptr;
  if (req.headers.size() > limits_.max_header_count + kAddedHeaders ||
      h.bytes > limits_.max_header_bytes + 256) {
    refusal = ReadRefusal::kHeadersTooLarge;
  } else if ((malformed = malformed_framing(h)) != nullptr) {
    note(res, std::string("refused before routing: ") + malformed);
    answer_refusal(req, res, 400, malformed);
    return true;
  } else if (!length.empty() &&
             (length.size() > 18 || std::stoull(length) > limits_.max_body_bytes)) {
    refusal = ReadRefusal::kBodyTooLarge;
  } else if (!length.empty() && is_form_media_type(FramingHeaders::of(h.content_type)) &&
             std::stoull(length) > kMaxFormBytes) {
    refusal = ReadRefusal::kBodyTooLarge;
  } else if (h.content_encoding && !iequals(*h.content_encoding, "identity")) {
    // Inflating would turn a small body into a huge one; no OAuth client compresses requests.
    refusal = ReadRefusal::kUnsupportedCoding;
  }
  if (refusal == ReadRefusal::kNone) return false;
  note(res, std::string("refused before routing: ") + describe(refusal));
  answer_refusal(req, res, status_of(refusal), describe(refusal));
  return true;
}

void HttpServer::answer_refusal(const httplib::Request& req, httplib::Response& res, int status,
                                const std::string& description) {
  const std::string path = req.path.empty() ? detail::current_request_path() : req.path;
  const bool html = std::any_of(html_prefixes_.begin(), html_prefixes_.end(),
                                [&path](const std::string& p) { return path.starts_with(p); });
  if (html) {
    send_html(res, status,
              "<!doctype html><html><head><title>Bad request</title></head><body><h1>Bad "
              "request</h1><p>" +
                  html_escape(description) + "</p></body></html>");
  } else {
    send_json(res, status, {{"error", "invalid_request"}, {"error_description", description}});
  }
  // The rest of the request may still be on its way: the connection cannot carry another.
  if (req.get_header_value("Connection") != "close") res.set_header("Connection", "close");
  detail::close_after_answer();
}

const std::string& HttpServer::observer_of(const std::string& path) const {
  for (const auto& foreign : foreign_paths_) {
    if (path == foreign.path) return foreign.party;
  }
  return party_;
}

bool HttpServer::traced(const httplib::Request& req) const {
  if (!trace_) return false;
  for (const auto& prefix : untraced_prefixes_) {
    if (req.path.starts_with(prefix)) return false;
  }
  return true;
}

void HttpServer::serve_held_delay() {
  const auto delay = std::exchange(t_held_delay, std::chrono::milliseconds{0});
  if (delay.count() > 0) std::this_thread::sleep_for(delay);
}

void HttpServer::note(httplib::Response&, const std::string& text) {
  if (!t_note.empty()) t_note += "; ";
  t_note += text;
}

void HttpServer::refusal_reason(httplib::Response&, RefusalReason reason) {
  t_refusal_reason = reason;
}

void HttpServer::outcome(httplib::Response&, ExchangeOutcome outcome) {
  t_outcome = outcome;
}

void HttpServer::record(const httplib::Request& req, const httplib::Response& res) {
  std::string note_text;
  note_text.swap(t_note);
  const RefusalReason refusal = std::exchange(t_refusal_reason, RefusalReason::kNone);
  const ExchangeOutcome outcome = std::exchange(t_outcome, ExchangeOutcome::kNone);
  const FaultEffect fault = std::exchange(t_fault, FaultEffect::kNone);
  if (!trace_ || t_untraced) {
    t_untraced = false;
    return;
  }
  TraceEntry e;
  e.seq = t_seq;
  t_seq = 0;
  e.time_ms = clock_ ? clock_->now_ms() : 0;
  e.observer = observer_of(req.path);
  // Which socket answered: the token endpoint answers on two hosts under one party's name.
  e.served_at = served_at_;
  e.from = labeler_ ? labeler_(req) : party::kUnknown;
  e.to = e.observer;
  e.method = req.method;
  e.path = req.path;
  e.status = res.status;
  // The redacted facts are drawn from these when the entry is first read (Trace::record).
  auto raw = std::make_unique<UnredactedExchange>();
  raw->query = query_params(req);
  raw->request_headers = select_traced(req.headers, traced_request_headers());
  // cpp-httplib's server has already undone the request's Content-Encoding.
  raw->request_decoded = true;
  raw->request_body = traced_body(raw->request_headers, req.body, true);
  // The post-routing handler runs after cpp-httplib compressed the answer for a client that
  // asked for it, so the body here is as it leaves, Content-Encoding and all.
  raw->response_headers = select_traced(res.headers, traced_response_headers());
  raw->response_body = traced_body(raw->response_headers, res.body, false);
  e.note = std::move(note_text);
  e.refusal_reason = refusal;
  e.outcome = outcome;
  e.fault = fault;
  e.client_certificate = peer_certificate_thumbprint(req);
  if (req.ssl != nullptr) e.tls_version = detail::tls_version_name(SSL_version(req.ssl));
  trace_->record(std::move(e), std::move(raw));
}

detail::TlsHandshakeHooks HttpServer::handshake_hooks() {
  detail::TlsHandshakeHooks hooks;
  hooks.refuse_handshake = [this]() -> std::optional<std::string> {
    auto fault = faults_.take_handshake();
    if (!fault) return std::nullopt;
    t_handshake_fault = *fault;
    return fault->describe();
  };
  hooks.handshake_failing = [this] {
    if (trace_) t_handshake_seq = trace_->reserve_seq();
  };
  hooks.handshake_failed = [this](const detail::TlsHandshakeFailure& failure) {
    record_failed_handshake(failure.reason, !failure.injected.empty());
  };
  return hooks;
}

void HttpServer::record_failed_handshake(const std::string& reason, bool injected) {
  const InjectedFault fault = std::exchange(t_handshake_fault, InjectedFault{});
  const std::uint64_t seq = std::exchange(t_handshake_seq, 0);
  if (!trace_) return;
  TraceEntry e;
  e.seq = seq != 0 ? seq : trace_->reserve_seq();
  e.time_ms = clock_ ? clock_->now_ms() : 0;
  e.observer = party_;
  e.from = party::kUnknown;
  if (injected) {
    // No request arrived; the fault names the exchange it was queued for.
    httplib::Request meant;
    meant.method = fault.method;
    meant.path = fault.path;
    e.method = fault.method;
    e.path = fault.path;
    if (labeler_) e.from = labeler_(meant);
    e.observer = observer_of(fault.path);
    e.fault = FaultEffect::kHandshakeRefused;
  }
  e.to = e.observer;
  e.note = reason;
  trace_->record(std::move(e));
}

}  // namespace oauthsim::common
