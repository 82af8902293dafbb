#include "oauthsim/common/fault_injector.h"

#include <stdexcept>
#include <utility>

namespace oauthsim::common {

std::string InjectedFault::describe() const {
  std::string what;
  if (status != 0) what = std::to_string(status);
  if (delay.count() > 0) {
    what += (what.empty() ? "" : " after ") + std::to_string(delay.count()) + " ms";
    if (status == 0 && !drop_connection) what = "real answer delayed " + what;
  }
  if (drop_connection) what = "connection dropped" + (what.empty() ? "" : " (" + what + ")");
  if (!content_type.empty()) what += " (" + content_type + " body)";
  if (refuse_tls_handshake) what = "TLS handshake refused";
  if (!rewrite_content_type.empty()) {
    what =
        (what.empty() ? "real answer" : what) + " labelled Content-Type: " + rewrite_content_type;
  }
  const std::string count = times == 1 ? "once" : std::to_string(times) + " times";
  return what + " " + count + " on " + (method.empty() ? "any method" : method) + " " + path;
}

namespace {

constexpr std::pair<FaultQuirk, std::string_view> kQuirkNames[] = {
    {FaultQuirk::kEmptyJson200, "empty_json_200"},
    {FaultQuirk::kNonJsonBody, "non_json_body"},
    {FaultQuirk::kWrongContentType, "wrong_content_type"},
    {FaultQuirk::kTlsHandshakeRefused, "tls_handshake_refused"},
};

}  // namespace

std::optional<FaultQuirk> fault_quirk_from_name(std::string_view name) {
  for (const auto& [q, n] : kQuirkNames) {
    if (n == name) return q;
  }
  return std::nullopt;
}

std::string_view fault_quirk_name(FaultQuirk quirk) {
  for (const auto& [q, n] : kQuirkNames) {
    if (q == quirk) return n;
  }
  return "unknown";
}

std::string fault_quirk_names() {
  std::string out;
  for (const auto& [q, n] : kQuirkNames) {
    out += out.empty() ? "" : ", ";
    out += n;
  }
  return out;
}

void apply_quirk(FaultQuirk quirk, InjectedFault& fault) {
  switch (quirk) {
    case FaultQuirk::kEmptyJson200:
      fault.status = 200;
      fault.body = "{}";
      break;
    case FaultQuirk::kNonJsonBody:
      fault.status = 200;
      fault.body =
          "<!DOCTYPE html><html><head><title>Service Unavailable</title></head>"
          "<body><h1>We'll be right back</h1></body></html>";
      fault.content_type = "text/html; charset=utf-8";
      break;
    case FaultQuirk::kWrongContentType:
      fault.status = 0;
      fault.rewrite_content_type = "text/plain; charset=utf-8";
      break;
    case FaultQuirk::kTlsHandshakeRefused:
      fault.status = 0;
      fault.refuse_tls_handshake = true;
      break;
  }
}

void FaultInjector::add(InjectedFault fault) {
  if (fault.times < 1) throw std::invalid_argument("a fault must hit at least one request");
  if (fault.path.empty() || fault.path.front() != '/') {
    throw std::invalid_argument("a fault's path must start with '/', got \"" + fault.path + "\"");
  }
  if (fault.status != 0 && (fault.status < 100 || fault.status > 599)) {
    throw std::invalid_argument("a fault's status must be 100..599, got " +
                                std::to_string(fault.status));
  }
  if (fault.status == 0 && fault.delay.count() <= 0 && !fault.drop_connection &&
      fault.rewrite_content_type.empty() && !fault.refuse_tls_handshake) {
    throw std::invalid_argument(
        "a fault needs a status, a delay, a dropped connection, a Content-Type rewrite, a "
        "refused TLS handshake or a mix");
  }
  if (fault.refuse_tls_handshake &&
      (fault.status != 0 || fault.delay.count() > 0 || fault.drop_connection ||
       !fault.rewrite_content_type.empty())) {
    throw std::invalid_argument(
        "a refused TLS handshake ends the connection before any request: it cannot go with a "
        "status, a delay, a dropped connection or a Content-Type rewrite");
  }
  if (!fault.rewrite_content_type.empty() && (fault.status != 0 || fault.drop_connection)) {
    throw std::invalid_argument(
        "a Content-Type rewrite changes the real answer: it cannot go with a replacement status "
        "or a dropped connection");
  }
  std::lock_guard lock(mu_);
  if (faults_.size() >= kMaxQueued) {
    throw std::invalid_argument("at most " + std::to_string(kMaxQueued) +
                                " faults can be queued on a server; DELETE /_oauthsim/faults "
                                "clears them");
  }
  faults_.push_back(std::move(fault));
  count_.store(faults_.size(), std::memory_order_relaxed);
}

std::optional<InjectedFault> FaultInjector::take(std::string_view method, std::string_view path) {
  if (count_.load(std::memory_order_relaxed) == 0) return std::nullopt;
  std::lock_guard lock(mu_);
  return take_first(
      [&](const InjectedFault& f) { return !f.refuse_tls_handshake && f.matches(method, path); });
}

std::optional<InjectedFault> FaultInjector::take_handshake() {
  if (count_.load(std::memory_order_relaxed) == 0) return std::nullopt;
  std::lock_guard lock(mu_);
  return take_first([](const InjectedFault& f) { return f.refuse_tls_handshake; });
}

std::optional<InjectedFault> FaultInjector::take_first(
    const std::function<bool(const InjectedFault&)>& fires) {
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (!fires(*it)) continue;
    InjectedFault fired = *it;
    fired.times = 1;
    if (--it->times == 0) faults_.erase(it);
    count_.store(faults_.size(), std::memory_order_relaxed);
    return fired;
  }
  return std::nullopt;
}

std::vector<InjectedFault> FaultInjector::pending() const {
  std::lock_guard lock(mu_);
  return faults_;
}

void FaultInjector::clear() {
  std::lock_guard lock(mu_);
  faults_.clear();
  count_.store(0, std::memory_order_relaxed);
}

}  // namespace oauthsim::common
