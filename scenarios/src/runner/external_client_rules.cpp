#include "oauthsim/scenario/runner/external_client_rules.h"

namespace oauthsim::scenario {
namespace {

using Kind = ScenarioAction::Kind;
using Point = ScenarioFault::Point;

// Why an action needs the reference app; nullopt for what works on any client.
std::optional<std::string> needs_reference_app(const ScenarioAction& a) {
  switch (a.kind) {
    case Kind::kConnect:
    case Kind::kAdvanceClock:
    case Kind::kDeleteUser:
    case Kind::kCustomerApiAccess:
      return std::nullopt;
    case Kind::kCallApi:
      if (a.method != "GET" || !a.body.empty()) {
        return "call_api " + a.method +
               " needs the reference app's POST /action (the external "
               "app's action URL is opened with GET only)";
      }
      return std::nullopt;
    case Kind::kRefresh:
      return std::string("refresh needs the reference app's POST /refresh route");
    case Kind::kRevoke:
      return std::string("revoke needs the reference app's POST /revoke route");
    case Kind::kClientCredentials:
      return std::string(
          "client_credentials is the harness acting as the client with its secret, "
          "not the app under test");
    case Kind::kReplayCode:
      return std::string(
          "replay_code needs the code exchange the reference app sent, which only "
          "its own transport records");
    case Kind::kCallApiWithTokenInQuery:
      return std::string("call_api_with_token_in_query needs the reference app's access token");
    case Kind::kCallApiWithOtherCertificate:
      return std::string("call_api_with_other_certificate needs the reference app's access token");
    case Kind::kReusePreviousRefreshToken:
      return std::string(
          "reuse_previous_refresh_token needs the refresh tokens the reference app "
          "held");
  }
  return std::nullopt;
}

std::optional<std::string> needs_reference_transport(const ScenarioFault& f) {
  if (f.at == Point::kTokenRequest) {
    return std::string(
        "a token_request fault changes the reference app's requests on its own "
        "transport");
  }
  if (f.at == Point::kApiRequest) {
    return std::string(
        "an api_request fault changes the reference app's requests on its own "
        "transport");
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> external_client_refusal(const ScenarioSpec& spec) {
  const std::string prefix = "scenario " + spec.name + " cannot check an external client: ";
  for (std::size_t i = 0; i < spec.actions.size(); ++i) {
    if (auto why = needs_reference_app(spec.actions[i])) {
      return prefix + "action " + std::to_string(i + 1) + ": " + *why;
    }
  }
  for (std::size_t i = 0; i < spec.faults.size(); ++i) {
    if (auto why = needs_reference_transport(spec.faults[i])) {
      return prefix + "fault " + std::to_string(i + 1) + ": " + *why;
    }
  }
  return std::nullopt;
}

}  // namespace oauthsim::scenario
