#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "oauthsim/common/encoding.h"
#include "oauthsim/common/exchange_outcome.h"
#include "oauthsim/common/refusal_reason.h"

namespace oauthsim::common {

// Party names as they appear in traces and reports.
namespace party {
inline constexpr const char* kUserAgent = "user_agent";
inline constexpr const char* kClient = "client";
inline constexpr const char* kAuthorizationServer = "authorization_server";
inline constexpr const char* kResourceServer = "resource_server";
inline constexpr const char* kUnknown = "unknown";
// Not a party: the scenario harness marks its actions and injected faults in the trace with
// entries that have no method ("action 2: advance_clock 1801 s"), so a replay can show them.
inline constexpr const char* kHarness = "harness";
}  // namespace party

// One HTTP exchange as one party saw it. Secrets are redacted before they get here
// (see redact_*): codes and tokens keep a short SHA-256 fingerprint so checks can tell
// "the same code twice" without the trace ever holding the code.
struct TraceEntry {
  std::uint64_t seq = 0;     // order in the trace, assigned by Trace::record
  std::int64_t time_ms = 0;  // shared clock
  std::string observer;      // the party that recorded it
  std::string from;          // sender of the request
  std::string to;            // receiver of the request
  std::string method;
  std::string path;         // without the query
  Params query;             // redacted
  Params form;              // redacted top-level fields of a form or JSON request body
  Params request_headers;   // selected and redacted (Authorization, Cookie, Content-Type)
  int status = 0;           // 0: no response (connection failed)
  Params response_headers;  // selected and redacted (Location, WWW-Authenticate, ...)
  Params response_fields;   // redacted top-level fields of a JSON or form response body
  std::string note;         // what the party concluded, e.g. "login refused: wrong password"
  // The base URL of the server socket that answered ("http://127.0.0.1:8082"); empty for an
  // entry a sender recorded. Tells which host served a route two hosts serve (the token
  // endpoint: the authorization server's own and the Customer API's).
  std::string served_at;
  // x5t#S256 of the TLS client certificate the sender presented (RFC 8705); empty: none, or
  // plain HTTP. A certificate is public, so it is kept as it is.
  std::string client_certificate;
  // The TLS version the exchange ran over ("TLS 1.2", "TLS 1.3"); empty: plain HTTP, or a
  // handshake that failed (its note names the version the client offered).
  std::string tls_version;
  // Why the token endpoint refused the grant (a typed fact, never read from `note`); kNone for
  // any other answer.
  RefusalReason refusal_reason = RefusalReason::kNone;
  // What the serving party concluded (login accepted, consent shown...); checks judge this,
  // never `note`, which is for people.
  ExchangeOutcome outcome = ExchangeOutcome::kNone;
  // How an injected fault changed this exchange; kNone: it was not faulted.
  FaultEffect fault = FaultEffect::kNone;
  // Harness markers of a scenario action only: its number (1-based) and its "do" word
  // ("advance_clock"); 0 and empty for fault markers and for exchanges.
  std::size_t action_number = 0;
  std::string action;

  nlohmann::json to_json() const;
  std::string summary()
      const;  // one line: "#3 user_agent -> authorization_server GET /x?.. -> 302"
};

// The raw facts of one exchange, before redaction (defined in trace_recording.h). A Trace keeps
// one beside its entry until someone reads the entry, and never hands it out.
struct UnredactedExchange;

// A page of the trace: the entries after a sequence number, and what the ring no longer has.
struct TracePage {
  std::vector<TraceEntry> entries;
  std::uint64_t dropped = 0;  // entries pushed out of the ring since the last clear()
  bool more = false;          // entries after the last one returned were left for the next page
};

// The ordered exchange log, a ring: past `capacity` entries the oldest are dropped (counted in
// dropped()), so a long-running `serve` keeps a bounded trace. A scenario's world is small and
// must never drop: its runner fails a scenario whose trace overflowed.
class Trace {
 public:
  static constexpr std::size_t kDefaultCapacity = 10'000;
  explicit Trace(std::size_t capacity = kDefaultCapacity);
  ~Trace();

  // Order is by seq: an entry that carries one from reserve_seq() (taken when its request
  // started) sorts there; one without gets the next number. Recording happens when an
  // exchange ends, and two parties may finish in either order, but a request that began
  // after another's answer arrived always sorts after it. Thread safe.
  std::uint64_t reserve_seq();
  void record(TraceEntry entry);
  // Records an entry whose redacted facts (query, form, headers, response fields) are still to
  // be drawn from `raw`. A server's hot path records this way: parsing and redacting bodies
  // costs more than serving the request, and a long-running `serve` rarely reads its trace.
  // The redaction happens once, when the entry is first read (entries(), page(), to_json(),
  // the sink), so every reader sees exactly what record() of the redacted entry would show.
  void record(TraceEntry entry, std::unique_ptr<UnredactedExchange> raw);
  // A server records an exchange just after its answer left, so a caller that just got the
  // answer can be ahead of the entry. Waits until every reserved entry is recorded; false
  // when some are still missing after `timeout` (an exchange that never finished).
  bool settle(std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));
  std::vector<TraceEntry> entries() const;
  // At most `limit` entries with seq > since, oldest first.
  TracePage page(std::uint64_t since, std::size_t limit) const;
  std::size_t size() const;
  std::size_t capacity() const { return capacity_; }
  // Entries dropped from the ring since the last clear().
  std::uint64_t dropped() const;
  void clear();
  nlohmann::json to_json() const;
  // Called (outside the lock) after each record, e.g. to print a live --verbose trace.
  void set_sink(std::function<void(const TraceEntry&)> sink);
  // Called once (outside the lock) when the ring first drops an entry, so `serve` can say so.
  void set_on_first_drop(std::function<void(std::size_t capacity)> on_first_drop);

 private:
  // An entry, and while it is unread the raw facts its redacted fields come from.
  struct Slot {
    TraceEntry entry;
    std::unique_ptr<UnredactedExchange> raw;
  };
  // The slot's entry, redacted now if it was not yet. Called with mu_ held.
  static const TraceEntry& redacted(Slot& slot);

  const std::size_t capacity_;
  mutable std::mutex mu_;
  // mutable: reading an entry redacts it in place (the view does not change, only its cost).
  // Slots are held by pointer: under load entries arrive a little out of order, and inserting
  // one moves the pointers after it, not whole entries.
  mutable std::deque<std::unique_ptr<Slot>> entries_;
  std::uint64_t dropped_ = 0;
  bool drop_announced_ = false;
  std::atomic<std::uint64_t> next_seq_{1};
  std::condition_variable settled_;
  // Reserved seqs not yet recorded: taken without the lock (every request reserves one), given
  // back under it, so settle() cannot miss the last one.
  std::atomic<std::uint64_t> unrecorded_{0};
  std::function<void(const TraceEntry&)> sink_;
  std::function<void(std::size_t)> on_first_drop_;
};

// "fp:1a2b3c4d": first 8 hex digits of SHA-256, enough to correlate, useless to replay.
std::string fingerprint(std::string_view secret);
// Parameter names whose values are secrets (code, access_token, client_secret, password...).
bool is_secret_param(std::string_view name);
// "[redacted fp:..]" for codes and tokens, "[redacted]" for passwords and client secrets
// (guessable values must not get a fingerprint), the value itself otherwise.
std::string redact_value(std::string_view name, std::string_view value);
Params redact_params(const Params& params);
// Authorization: "Bearer [redacted fp:..]" / "Basic client_id=acme-ats secret=[redacted]";
// Cookie/Set-Cookie values redacted; Location has its query redacted.
std::string redact_header(std::string_view name, std::string_view value);
std::string redact_url(std::string_view url);
// Top-level fields of a JSON object body (nested values as compact JSON), or of a form body.
Params redacted_body_fields(std::string_view content_type, std::string_view body);
// The headers a trace keeps: what the checks need, nothing more.
const std::vector<std::string_view>& traced_request_headers();
const std::vector<std::string_view>& traced_response_headers();

}  // namespace oauthsim::common
