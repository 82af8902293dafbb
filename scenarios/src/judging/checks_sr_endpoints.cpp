// Step 7: calls to endpoints the mock serves and SmartRecruiters does not (sr_endpoint_checks.h).
#include <string>

#include "oauthsim/scenario/judging/sr_endpoint_checks.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;

bool is_unserved_by_sr(const std::string& path) {
  return path == paths::kRevoke || path == paths::kIntrospect ||
         path.rfind("/.well-known/", 0) == 0;
}

// The client under test made this call: it authenticated as the registered client (form or
// HTTP Basic), or sent no credentials at all (metadata discovery). The mock's own Customer API
// introspects with credentials of its own, and is not the client.
bool made_by_the_client(const TraceEntry& e, const FlowView& flow) {
  const std::string form_id = e.form.get_or("client_id", "");
  const std::string basic_id = basic_client_id(e).value_or("");
  if (form_id.empty() && basic_id.empty()) return e.path != paths::kIntrospect;
  const auto* client = flow.client();
  return client && (form_id == client->client_id || basic_id == client->client_id);
}

}  // namespace

std::optional<CheckResult> ClientCallsOnlyEndpointsSrServes::evaluate(const FlowView& flow) const {
  const auto calls = flow.all([&](const TraceEntry& e) {
    return e.observer == common::party::kAuthorizationServer && !e.method.empty() &&
           is_unserved_by_sr(e.path) && made_by_the_client(e, flow);
  });
  if (calls.empty()) return std::nullopt;
  std::string evidence;
  for (const auto* e : calls) {
    evidence += (evidence.empty() ? "" : ", ") + e->method + " " + e->path + " (trace #" +
                std::to_string(e->seq) + ")";
  }
  return fail("the client called " + evidence +
                  ": the mock answers it, SmartRecruiters documents no such endpoint and would "
                  "answer 404; make sure the app works without it",
              calls.front());
}

}  // namespace oauthsim::scenario
