#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace oauthsim::rs {

// SR's error body, the shape of its published API description (SR-FACTS.md, "Error bodies"):
//   {"message": "...", "errors": [{"code": "...", "message": "...", "field"?: "..."}]}
// Every Customer API error that is not the RFC 6750 bearer challenge uses it. `field` names the
// query parameter or body field at fault (SR's description has code + message; the field is the
// mock's addition so a client can point at what it sent wrong).
struct ApiError {
  int status = 400;
  std::string code;  // e.g. "CANDIDATE_DATA_CONFLICT" (SR's), "INVALID_PARAMETER" (the mock's)
  std::string message;
  std::string field;  // empty: no single field is at fault
};

// Codes the mock sends. Only CANDIDATE_DATA_CONFLICT is SR's own spelling (its API description);
// the others are the mock's names for the situation.
namespace error_code {
inline constexpr std::string_view kInvalidParameter = "INVALID_PARAMETER";
inline constexpr std::string_view kInvalidField = "INVALID_FIELD";
inline constexpr std::string_view kInvalidBody = "INVALID_BODY";
inline constexpr std::string_view kUnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
inline constexpr std::string_view kNotFound = "NOT_FOUND";
inline constexpr std::string_view kMethodNotAllowed = "METHOD_NOT_ALLOWED";
inline constexpr std::string_view kCandidateDataConflict = "CANDIDATE_DATA_CONFLICT";
inline constexpr std::string_view kNoUserContext = "NO_USER_CONTEXT";
inline constexpr std::string_view kNoFeatureAccess = "NO_ACCESS_TO_FEATURE";
inline constexpr std::string_view kRateLimitExceeded = "RATE_LIMIT_EXCEEDED";
inline constexpr std::string_view kConcurrencyLimitExceeded = "CONCURRENT_LIMIT_EXCEEDED";
inline constexpr std::string_view kServiceUnavailable = "SERVICE_UNAVAILABLE";
inline constexpr std::string_view kCandidateLimitReached = "CANDIDATE_LIMIT_REACHED";
}  // namespace error_code

nlohmann::json to_json(const ApiError& e);

}  // namespace oauthsim::rs
