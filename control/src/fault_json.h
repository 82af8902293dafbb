#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "oauthsim/common/fault_injector.h"

namespace oauthsim::control {

// The two servers a fault can be queued on, by their party names.
inline constexpr const char* kAuthorizationServer = "authorization_server";
inline constexpr const char* kResourceServer = "resource_server";

// A fault as POST /_oauthsim/faults asks for it: which server, and what to do.
struct FaultOrder {
  std::string server;
  common::InjectedFault fault;
};

// Reads {"server", "path", "method"?, "status"?, "body"?, "retry_after"?, "delay_ms"?, "times"?,
// "drop_connection"?}. Without status, delay_ms or drop_connection the fault answers 503.
// Throws BadRequest naming the field and what was expected.
FaultOrder parse_fault_order(const nlohmann::json& body);

// The two servers' fault queues.
struct FaultQueues {
  common::FaultInjector& authorization_server;
  common::FaultInjector& resource_server;
  // Their base URLs: a TLS handshake fault needs an https server.
  std::string authorization_server_url;
  std::string resource_server_url;
};

// POST /_oauthsim/faults: reads the request body (parse_fault_order), queues the fault on its
// server and returns it as listed (fault_json). Throws BadRequest naming what is wrong.
nlohmann::json queue_fault(const std::string& request_body, FaultQueues queues);

// A queued fault as the control API lists it; "remaining" is how many requests it still hits.
nlohmann::json fault_json(const std::string& server, const common::InjectedFault& fault);

}  // namespace oauthsim::control
