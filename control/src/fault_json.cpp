#include "fault_json.h"

#include <map>
#include <stdexcept>

#include "json_body.h"
#include "oauthsim/common/json_limits.h"
#include "oauthsim/control/control_api.h"

namespace oauthsim::control {
namespace {

constexpr std::int64_t kMaxDelayMs = 30'000;
constexpr std::int64_t kMaxTimes = 1'000'000;
constexpr std::int64_t kMaxRetryAfter = 86'400;
constexpr int kDefaultStatus = 503;

const std::map<std::string, std::string>& http_methods() {
  static const std::map<std::string, std::string> methods = {
      {"DELETE", "DELETE"}, {"GET", "GET"},   {"HEAD", "HEAD"}, {"OPTIONS", "OPTIONS"},
      {"PATCH", "PATCH"},   {"POST", "POST"}, {"PUT", "PUT"}};
  return methods;
}

void check_path(const std::string& path) {
  if (path.empty() || path.front() != '/') {
    throw BadRequest(kBodySource + ": /path: expected a request path starting with '/', got \"" +
                     path + "\"");
  }
  if (path.find('?') != std::string::npos) {
    throw BadRequest(kBodySource +
                     ": /path: expected a path without a query (faults match the path exactly), "
                     "got \"" +
                     path + "\"");
  }
  if (path.starts_with(kPrefix) || path + "/" == kPrefix) {
    throw BadRequest(kBodySource + ": /path: the control API under " + std::string(kPrefix) +
                     " cannot be faulted");
  }
}

}  // namespace

FaultOrder parse_fault_order(const nlohmann::json& body) {
  BodyReader r(body, "", kBodySource);
  FaultOrder order;
  common::InjectedFault& f = order.fault;
  r.choice<std::string>(
      "server", order.server,
      {{kAuthorizationServer, kAuthorizationServer}, {kResourceServer, kResourceServer}}, true);
  r.choice<std::string>("method", f.method, http_methods());
  r.string("path", f.path, true);
  check_path(f.path);
  std::int64_t status = 0, retry_after = 0, delay_ms = 0, times = 1;
  r.integer("status", status, 100, 599);
  r.integer("retry_after", retry_after, 0, kMaxRetryAfter);
  r.integer("delay_ms", delay_ms, 0, kMaxDelayMs);
  r.integer("times", times, 1, kMaxTimes);
  r.boolean("drop_connection", f.drop_connection);
  const nlohmann::json* replacement = r.find("body");
  std::string quirk_name;
  r.string("quirk", quirk_name);
  r.reject_unknown();

  if (!quirk_name.empty()) {
    const auto quirk = common::fault_quirk_from_name(quirk_name);
    if (!quirk) {
      throw BadRequest(kBodySource + ": /quirk: unknown quirk \"" + quirk_name +
                       "\"; expected one of " + common::fault_quirk_names());
    }
    for (const char* other : {"status", "body", "retry_after", "drop_connection"}) {
      if (body.contains(other)) {
        throw BadRequest(kBodySource + ": /" + other +
                         ": a quirk makes its own answer; leave out " + other + " or quirk");
      }
    }
    common::apply_quirk(*quirk, f);
    f.delay = std::chrono::milliseconds(delay_ms);
    f.times = static_cast<int>(times);
    return order;
  }

  const bool has_retry_after = body.contains("retry_after");
  if (replacement) {
    if (replacement->is_null()) {
      throw BadRequest(kBodySource + ": /body: expected the JSON answer to send, got null");
    }
    if (f.drop_connection) {
      throw BadRequest(kBodySource +
                       ": /body: a dropped connection sends no body; leave out body or "
                       "drop_connection");
    }
    f.body = replacement->dump();
  }
  // Without a status the fault replaces the answer with a 503, unless it only delays the real
  // answer or drops the connection.
  if (status == 0 && !f.drop_connection && (delay_ms == 0 || replacement || has_retry_after)) {
    status = kDefaultStatus;
  }
  f.status = static_cast<int>(status);
  if (has_retry_after) f.headers.add("Retry-After", std::to_string(retry_after));
  f.delay = std::chrono::milliseconds(delay_ms);
  f.times = static_cast<int>(times);
  return order;
}

nlohmann::json queue_fault(const std::string& request_body, FaultQueues queues) {
  FaultOrder order = parse_fault_order(parse_json_object(request_body));
  const bool authz = order.server == kAuthorizationServer;
  auto& faults = authz ? queues.authorization_server : queues.resource_server;
  const std::string& base = authz ? queues.authorization_server_url : queues.resource_server_url;
  // Over plain http there is no handshake: the fault would wait for ever, silently.
  if (order.fault.refuse_tls_handshake && base.rfind("https://", 0) != 0) {
    throw BadRequest(kBodySource + ": /quirk: tls_handshake_refused needs an https server; " +
                     order.server + " serves " + base + " (start serve with --tls)");
  }
  nlohmann::json listed = fault_json(order.server, order.fault);
  try {
    faults.add(std::move(order.fault));
  } catch (const std::invalid_argument& e) {
    throw BadRequest(kBodySource + ": " + e.what());
  }
  return listed;
}

nlohmann::json fault_json(const std::string& server, const common::InjectedFault& fault) {
  nlohmann::json j = {
      {"server", server},
      {"method", fault.method.empty() ? nlohmann::json() : nlohmann::json(fault.method)},
      {"path", fault.path},
      {"status", fault.status == 0 ? nlohmann::json() : nlohmann::json(fault.status)},
      {"delay_ms", fault.delay.count()},
      {"drop_connection", fault.drop_connection},
      {"content_type",
       fault.content_type.empty() ? nlohmann::json() : nlohmann::json(fault.content_type)},
      {"rewrite_content_type", fault.rewrite_content_type.empty()
                                   ? nlohmann::json()
                                   : nlohmann::json(fault.rewrite_content_type)},
      {"refuse_tls_handshake", fault.refuse_tls_handshake},
      {"remaining", fault.times},
      {"description", fault.describe()}};
  if (fault.body.empty()) {
    j["body"] = nullptr;
  } else {
    // A non-JSON quirk body is shown as the text it is.
    auto parsed = common::parse_bounded_json(fault.body);
    j["body"] = parsed.is_discarded() ? nlohmann::json(fault.body) : parsed;
  }
  // Faults queued by scenarios may carry any Retry-After text (an HTTP date); show it as is.
  const auto retry_after = fault.headers.get("Retry-After");
  if (!retry_after) {
    j["retry_after"] = nullptr;
  } else if (!retry_after->empty() && retry_after->size() < 10 &&
             retry_after->find_first_not_of("0123456789") == std::string::npos) {
    j["retry_after"] = std::stoll(*retry_after);
  } else {
    j["retry_after"] = *retry_after;
  }
  return j;
}

}  // namespace oauthsim::control
