#pragma once
#include <string>

#include "oauthsim/common/trace.h"
#include "oauthsim/scenario/judging/flow_view.h"  // is_harness_marker

namespace oauthsim::scenario {

// Labels a replay shows beside an exchange that belongs to none of the ten steps.
namespace exchange_labels {
inline constexpr const char* kCodeRedemption = "7-8";  // one exchange: the request and its answer
inline constexpr const char* kApiCall = "9-10";
inline constexpr const char* kRefresh = "refresh";
inline constexpr const char* kClientCredentials = "client credentials";
inline constexpr const char* kTokenEndpoint = "token endpoint";  // another or no grant_type
inline constexpr const char* kRevocation = "revocation";
inline constexpr const char* kIntrospection = "introspection";
inline constexpr const char* kVendorApp = "vendor app";
inline constexpr const char* kOther = "other";
}  // namespace exchange_labels

// Which of SR's ten steps one traced exchange belongs to, judged from the path (and for the
// token endpoint the grant_type) as any observer recorded it: "1" (the user agent at the
// client's /connect), "2" (authorization endpoint), "3" (login form or login POST), "4" (consent
// form shown), "5" (consent decision), "6" (the client's /callback), "7-8" (authorization code
// redemption), "9-10" (a Customer API request), or one of exchange_labels for the exchanges
// around the ten steps. Empty for a harness marker (is_harness_marker: an action or a fault).
std::string exchange_step(const common::TraceEntry& e);

}  // namespace oauthsim::scenario
