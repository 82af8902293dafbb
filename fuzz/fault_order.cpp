// POST /_oauthsim/faults in-process, as the control route answers it: the loopback/cross-site
// guard, the JSON body (status, body, quirk, delay_ms, ... forms) read strictly, the fault queued
// on its server, listed, and then taken by a matching request as the server would.
// Input: the Host header line (empty: 127.0.0.1:8080), the Origin line (empty: none), then the
// request body.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "control/src/fault_json.h"
#include "control/src/routes.h"
#include "fuzz_check.h"
#include "oauthsim/common/http_responses.h"

namespace {

using namespace oauthsim;

struct Answer {
  int status = 0;
  nlohmann::json body;
};

Answer post_fault(control::FaultQueues queues, const std::string& host, const std::string& origin,
                  const std::string& body) {
  const auto handler = control::guarded([&](const httplib::Request& req, httplib::Response& res) {
    common::send_json(res, 201, control::queue_fault(req.body, queues));
  });
  httplib::Request req;
  req.method = "POST";
  req.path = req.target = "/_oauthsim/faults";
  req.remote_addr = "127.0.0.1";
  req.set_header("Host", host);
  if (!origin.empty()) req.set_header("Origin", origin);
  req.set_header("Content-Type", "application/json");
  req.body = body;
  httplib::Response res;
  try {
    handler(req, res);
  } catch (const std::exception& e) {
    // cpp-httplib would answer 500 and the control API would be unusable for this input.
    oauthsim::fuzz::fail("the fault route threw", e.what());
  }
  Answer a{res.status, nlohmann::json::parse(res.body, nullptr, false)};
  FUZZ_CHECK(a.body.is_object(), res.body);
  return a;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::string host(fuzz::next_line(rest));
  if (host.empty()) host = "127.0.0.1:8080";
  const std::string origin(fuzz::next_line(rest));
  const std::string body(rest);

  common::FaultInjector authz, rs;
  // One server over https and one over http: a handshake fault is taken on the first and
  // refused (400) on the second.
  const control::FaultQueues queues{authz, rs, "https://127.0.0.1:8081", "http://127.0.0.1:8082"};
  const Answer a = post_fault(queues, host, origin, body);
  FUZZ_CHECK(a.status == 201 || a.status == 400 || a.status == 403, std::to_string(a.status));
  if (a.status != 201) {
    // A refusal says why, and nothing was queued.
    FUZZ_CHECK(!a.body.value("error_description", "").empty(), a.body.dump());
    FUZZ_CHECK(authz.pending().empty() && rs.pending().empty(), "a refused fault was queued");
  } else {
    const auto pending_a = authz.pending();
    const auto pending_r = rs.pending();
    FUZZ_CHECK(pending_a.size() + pending_r.size() == 1, "one fault queued");
    const bool on_authz = pending_a.size() == 1;
    const common::InjectedFault& queued = on_authz ? pending_a.front() : pending_r.front();
    const std::string server = on_authz ? control::kAuthorizationServer : control::kResourceServer;
    // The answer lists exactly what was queued, and GET /_oauthsim/faults can print it.
    FUZZ_CHECK(control::fault_json(server, queued) == a.body, a.body.dump());
    FUZZ_CHECK(queued.times >= 1 && !queued.path.empty() && queued.path.front() == '/',
               queued.describe());
    FUZZ_CHECK(queued.status == 0 || (queued.status >= 100 && queued.status <= 599),
               queued.describe());
    // Applied: each matching request takes it once, until it is spent; others never do.
    common::FaultInjector& faults = on_authz ? authz : rs;
    const std::string method = queued.method.empty() ? "GET" : queued.method;
    FUZZ_CHECK(!queued.refuse_tls_handshake || on_authz, "a handshake fault on an http server");
    FUZZ_CHECK(!faults.take(method, queued.path + "x"), "a fault hit another path");
    const int takes = std::min(queued.times, 3);
    for (int i = 0; i < takes; ++i) {
      // A handshake fault fires at a ClientHello, before any request names a path.
      const auto taken =
          queued.refuse_tls_handshake ? faults.take_handshake() : faults.take(method, queued.path);
      FUZZ_CHECK(taken && taken->path == queued.path, queued.describe());
      FUZZ_CHECK(!taken->describe().empty(), "a fault that cannot be described");
    }
    FUZZ_CHECK(faults.pending().size() == (queued.times > takes ? 1u : 0u), queued.describe());
  }
  // The control API still takes a good order afterwards.
  const Answer good = post_fault(queues, "127.0.0.1:8080", "",
                                 R"({"server":"resource_server","path":"/jobs","status":503})");
  FUZZ_CHECK(good.status == 201, good.body.dump());
  return 0;
}
