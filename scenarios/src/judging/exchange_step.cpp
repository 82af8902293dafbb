#include "oauthsim/scenario/judging/exchange_step.h"

#include <string_view>

#include "oauthsim/authz/metadata.h"
#include "oauthsim/scenario/judging/flow_view.h"

namespace oauthsim::scenario {
namespace {

namespace party = common::party;
namespace labels = exchange_labels;

// The vendor app's routes (client/src/vendor_app.cpp) that start and finish the flow.
constexpr std::string_view kConnectPath = "/connect";
constexpr std::string_view kCallbackPath = "/callback";

std::string token_endpoint_label(const common::TraceEntry& e) {
  const std::string grant_type = e.form.get_or("grant_type", "");
  if (grant_type == "authorization_code") return labels::kCodeRedemption;
  if (grant_type == "refresh_token") return labels::kRefresh;
  if (grant_type == "client_credentials") return labels::kClientCredentials;
  return labels::kTokenEndpoint;
}

}  // namespace

std::string exchange_step(const common::TraceEntry& e) {
  if (is_harness_marker(e)) return "";
  // The authorization server's paths are unique to it, so they classify whoever recorded them
  // (a user agent may have labelled a foreign origin "unknown").
  if (e.path == paths::kAuthorize) return "2";
  if (e.path == paths::kLogin) return "3";
  if (e.path == paths::kConsent) return e.method == "POST" ? "5" : "4";
  if (e.path == paths::kToken) return token_endpoint_label(e);
  if (e.path == paths::kRevoke) return labels::kRevocation;
  if (e.path == authz::paths::kIntrospect) return labels::kIntrospection;
  if (e.to == party::kResourceServer) return labels::kApiCall;
  if (e.to == party::kClient) {
    if (e.path == kConnectPath) return "1";
    if (e.path == kCallbackPath) return "6";
    return labels::kVendorApp;
  }
  return labels::kOther;
}

}  // namespace oauthsim::scenario
