#include "oauthsim/common/trace.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "oauthsim/common/ascii.h"
#include "oauthsim/common/json_limits.h"
#include "oauthsim/common/trace_recording.h"
#include "oauthsim/common/url.h"

namespace oauthsim::common {
namespace {

// Values that let someone act as a party: replaying them must be impossible from a trace.
constexpr std::array<std::string_view, 11> kFingerprinted = {
    "code",    "access_token", "refresh_token",  "token",    "code_verifier", "csrf_token",
    "session", "sr_session",   "vendor_session", "id_token", "assertion"};
// Values people choose, where a fingerprint would allow a dictionary attack.
constexpr std::array<std::string_view, 3> kHidden = {"client_secret", "password", "wrong_password"};

bool contains(const auto& list, std::string_view name) {
  return std::any_of(list.begin(), list.end(),
                     [&](std::string_view n) { return iequals(n, name); });
}

// Nested values are shown as JSON, so secrets inside them are redacted first.
nlohmann::json redact_nested(const nlohmann::json& j) {
  if (j.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : j) out.push_back(redact_nested(v));
    return out;
  }
  if (!j.is_object()) return j;
  nlohmann::json out = nlohmann::json::object();
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (is_secret_param(it.key())) {
      out[it.key()] =
          redact_value(it.key(), it->is_string() ? it->get<std::string>() : dump_json(*it));
    } else {
      out[it.key()] = redact_nested(*it);
    }
  }
  return out;
}

Params params_of_json(const nlohmann::json& j) {
  Params out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it->is_string()) {
      out.add(it.key(), redact_value(it.key(), it->get<std::string>()));
    } else if (is_secret_param(it.key())) {
      out.add(it.key(), redact_value(it.key(), dump_json(*it)));
    } else {
      out.add(it.key(), dump_json(redact_nested(*it)));
    }
  }
  return out;
}

bool is_cookie_attribute(std::string_view name) {
  return iequals(name, "path") || iequals(name, "samesite") || iequals(name, "max-age") ||
         iequals(name, "expires") || iequals(name, "domain");
}

bool is_cookie_flag(std::string_view piece) {
  return piece.empty() || iequals(piece, "httponly") || iequals(piece, "secure") ||
         iequals(piece, "partitioned");
}

// "a=1; b=2" (Cookie) or "name=value; HttpOnly; Path=/" (Set-Cookie): keep names and
// attributes, hide values. Only what follows a Set-Cookie's first pair can be an attribute: a
// cookie may be named "path" or "expires" (found by fuzzing: its value was shown).
std::string redact_cookie_list(std::string_view value, bool set_cookie) {
  std::string out;
  bool first = true;
  while (!value.empty()) {
    const auto semi = value.find(';');
    std::string_view piece = value.substr(0, semi);
    value = semi == std::string_view::npos ? std::string_view{} : value.substr(semi + 1);
    while (!piece.empty() && piece.front() == ' ') piece.remove_prefix(1);
    if (!out.empty()) out += "; ";
    const bool may_be_attribute = set_cookie && !first;
    first = false;
    const auto eq = piece.find('=');
    if (eq == std::string_view::npos &&
        !(is_cookie_flag(piece) && (may_be_attribute || piece.empty()))) {
      out += "[redacted " + fingerprint(piece) + "]";  // a nameless cookie: all value
    } else if (eq == std::string_view::npos ||
               (may_be_attribute && is_cookie_attribute(piece.substr(0, eq)))) {
      out += piece;
    } else {
      out += std::string(piece.substr(0, eq)) + "=[redacted " + fingerprint(piece.substr(eq + 1)) +
             "]";
    }
  }
  return out;
}

}  // namespace

std::string fingerprint(std::string_view secret) {
  return "fp:" + hex(sha256(secret)).substr(0, 8);
}

bool is_secret_param(std::string_view name) {
  return contains(kFingerprinted, name) || contains(kHidden, name);
}

std::string redact_value(std::string_view name, std::string_view value) {
  if (contains(kHidden, name)) return "[redacted]";
  if (contains(kFingerprinted, name)) return "[redacted " + fingerprint(value) + "]";
  return std::string(value);
}

Params redact_params(const Params& params) {
  Params out;
  for (const auto& [k, v] : params.items()) out.add(k, redact_value(k, v));
  return out;
}

std::string redact_url(std::string_view url) {
  const auto q = url.find('?');
  if (q == std::string_view::npos) return std::string(url);
  std::string_view rest = url.substr(q + 1);
  std::string_view fragment;
  const auto hash = rest.find('#');
  if (hash != std::string_view::npos) {
    fragment = rest.substr(hash);
    rest = rest.substr(0, hash);
  }
  auto parsed = parse_params(rest);
  if (!parsed) return std::string(url.substr(0, q)) + "?[unparseable query redacted]";
  // Redacted values are shown literally (not re-encoded) so a reader sees "[redacted fp:..]".
  std::string out(url.substr(0, q + 1));
  bool first = true;
  for (const auto& [k, v] : parsed->items()) {
    if (!first) out += '&';
    first = false;
    out += url_encode(k) + "=" + (is_secret_param(k) ? redact_value(k, v) : url_encode(v));
  }
  return out + std::string(fragment);
}

std::string redact_header(std::string_view name, std::string_view value) {
  if (iequals(name, "authorization")) {
    const auto sp = value.find(' ');
    if (sp == std::string_view::npos) {
      // A bare scheme carries nothing secret; any other lone word is the credential itself.
      if (iequals(value, "bearer") || iequals(value, "basic")) return std::string(value);
      return "[redacted " + fingerprint(value) + "]";
    }
    const std::string_view scheme = value.substr(0, sp);
    const std::string_view cred = value.substr(sp + 1);
    // A scheme with no credential after it carries nothing secret, and the checks must see
    // that it is empty (a fingerprint of nothing would look like a token).
    if (cred.find_first_not_of(' ') == std::string_view::npos) return std::string(value);
    if (iequals(scheme, "basic")) {
      auto decoded = base64_decode(cred);
      const auto colon = decoded ? decoded->find(':') : std::string::npos;
      if (colon != std::string::npos) {
        auto id = url_decode(decoded->substr(0, colon), true);
        return "Basic client_id=" + (id ? *id : std::string("?")) + " secret=[redacted]";
      }
      return "Basic [undecodable credentials redacted]";
    }
    return std::string(scheme) + " [redacted " + fingerprint(cred) + "]";
  }
  if (iequals(name, "cookie")) return redact_cookie_list(value, false);
  if (iequals(name, "set-cookie")) return redact_cookie_list(value, true);
  if (iequals(name, "location")) return redact_url(value);
  return std::string(value);
}

Params redacted_body_fields(std::string_view content_type, std::string_view body) {
  if (body.empty()) return {};
  if (content_type.find("json") != std::string_view::npos) {
    std::string error;
    auto j = parse_bounded_json(body, &error);
    if (j.is_object()) return params_of_json(j);
    if (j.is_discarded() && error != "malformed JSON") return {{"_body", "[" + error + "]"}};
    return {};
  }
  if (content_type.find("x-www-form-urlencoded") != std::string_view::npos) {
    auto parsed = parse_params(body);
    return parsed ? redact_params(*parsed) : Params{{"_body", "[malformed form body]"}};
  }
  return {};
}

const std::vector<std::string_view>& traced_request_headers() {
  static const std::vector<std::string_view> kNames = {"Authorization", "Cookie", "Content-Type",
                                                       "Content-Encoding"};
  return kNames;
}

const std::vector<std::string_view>& traced_response_headers() {
  static const std::vector<std::string_view> kNames = {"Location",
                                                       "WWW-Authenticate",
                                                       "Set-Cookie",
                                                       "Cache-Control",
                                                       "Pragma",
                                                       "Retry-After",
                                                       "X-RateLimit-Limit",
                                                       "X-RateLimit-Remaining",
                                                       "X-RateLimit-Concurrent-Limit",
                                                       "X-RateLimit-Concurrent-Remaining",
                                                       "Link",
                                                       "Content-Type",
                                                       "Content-Encoding"};
  return kNames;
}

nlohmann::json TraceEntry::to_json() const {
  auto pairs = [](const Params& p) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& [k, v] : p.items()) a.push_back({k, v});
    return a;
  };
  nlohmann::json j{{"seq", seq}, {"time_ms", time_ms}, {"observer", observer}, {"from", from},
                   {"to", to},   {"method", method},   {"path", path},         {"status", status}};
  if (!query.empty()) j["query"] = pairs(query);
  if (!form.empty()) j["form"] = pairs(form);
  if (!request_headers.empty()) j["request_headers"] = pairs(request_headers);
  if (!response_headers.empty()) j["response_headers"] = pairs(response_headers);
  if (!response_fields.empty()) j["response_fields"] = pairs(response_fields);
  if (!note.empty()) j["note"] = note;
  if (!served_at.empty()) j["served_at"] = served_at;
  if (!client_certificate.empty()) j["client_certificate"] = client_certificate;
  if (!tls_version.empty()) j["tls_version"] = tls_version;
  if (refusal_reason != RefusalReason::kNone) {
    j["refusal_reason"] = std::string(refusal_reason_name(refusal_reason));
  }
  if (outcome != ExchangeOutcome::kNone) j["outcome"] = std::string(exchange_outcome_name(outcome));
  if (fault != FaultEffect::kNone) j["fault"] = std::string(fault_effect_name(fault));
  if (action_number != 0) {
    j["action_number"] = action_number;
    j["action"] = action;
  }
  return j;
}

std::string TraceEntry::summary() const {
  if (observer == party::kHarness) return "#" + std::to_string(seq) + " -- " + note + " --";
  std::string out = "#" + std::to_string(seq) + " [" + observer + "] " + from + " -> " + to + " " +
                    method + " " + path;
  if (!query.empty()) {
    std::string q;
    for (const auto& [k, v] : query.items()) q += (q.empty() ? "" : "&") + k + "=" + v;
    out += "?" + q;
  }
  out += status == 0 ? " -> (no response)" : " -> " + std::to_string(status);
  if (!note.empty()) out += "  [" + note + "]";
  return out;
}

std::uint64_t Trace::reserve_seq() {
  unrecorded_.fetch_add(1);
  return next_seq_.fetch_add(1);
}

bool Trace::settle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  return settled_.wait_for(lock, timeout, [this] { return unrecorded_ == 0; });
}

Trace::Trace(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

Trace::~Trace() = default;

const TraceEntry& Trace::redacted(Slot& slot) {
  if (slot.raw) {
    redact_exchange(slot.entry, *slot.raw);
    slot.raw.reset();
  }
  return slot.entry;
}

void Trace::record(TraceEntry entry) {
  record(std::move(entry), nullptr);
}

void Trace::record(TraceEntry entry, std::unique_ptr<UnredactedExchange> raw) {
  std::function<void(const TraceEntry&)> sink;
  std::function<void(std::size_t)> announce;
  TraceEntry copy;
  const bool reserved = entry.seq != 0;
  if (!reserved) entry.seq = next_seq_.fetch_add(1);
  auto slot = std::make_unique<Slot>(Slot{std::move(entry), std::move(raw)});
  std::unique_ptr<Slot> evicted;  // freed after the lock is released: an entry is a few dozen
                                  // allocations
  {
    std::lock_guard lock(mu_);
    if (reserved && unrecorded_.load() > 0 && unrecorded_.fetch_sub(1) == 1) {
      settled_.notify_all();
    }
    if (sink_) {
      sink = sink_;
      copy = redacted(*slot);
    }
    // Entries arrive nearly in order, so the insertion point is near the end.
    const auto at =
        std::upper_bound(entries_.begin(), entries_.end(), slot->entry.seq,
                         [](std::uint64_t seq, const auto& s) { return seq < s->entry.seq; });
    entries_.insert(at, std::move(slot));
    if (entries_.size() > capacity_) {
      evicted = std::move(entries_.front());
      entries_.pop_front();
      ++dropped_;
      if (!drop_announced_) {
        drop_announced_ = true;
        announce = on_first_drop_;
      }
    }
  }
  if (announce) announce(capacity_);
  if (sink) sink(copy);
}

std::vector<TraceEntry> Trace::entries() const {
  std::lock_guard lock(mu_);
  std::vector<TraceEntry> out;
  out.reserve(entries_.size());
  for (auto& slot : entries_) out.push_back(redacted(*slot));
  return out;
}

TracePage Trace::page(std::uint64_t since, std::size_t limit) const {
  std::lock_guard lock(mu_);
  TracePage p;
  p.dropped = dropped_;
  auto it = std::upper_bound(entries_.begin(), entries_.end(), since,
                             [](std::uint64_t seq, const auto& s) { return seq < s->entry.seq; });
  for (; it != entries_.end() && p.entries.size() < limit; ++it) {
    p.entries.push_back(redacted(**it));
  }
  p.more = it != entries_.end();
  return p;
}

std::size_t Trace::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

std::uint64_t Trace::dropped() const {
  std::lock_guard lock(mu_);
  return dropped_;
}

void Trace::clear() {
  std::lock_guard lock(mu_);
  entries_.clear();
  dropped_ = 0;
  drop_announced_ = false;
}

nlohmann::json Trace::to_json() const {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& e : entries()) a.push_back(e.to_json());
  return a;
}

void Trace::set_on_first_drop(std::function<void(std::size_t)> on_first_drop) {
  std::lock_guard lock(mu_);
  on_first_drop_ = std::move(on_first_drop);
}

void Trace::set_sink(std::function<void(const TraceEntry&)> sink) {
  std::lock_guard lock(mu_);
  sink_ = std::move(sink);
}

}  // namespace oauthsim::common
