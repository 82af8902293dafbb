#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "oauthsim/client/token_set.h"

namespace oauthsim::client::detail {

// Reads a successful RFC 6749 5.1 answer. Throws ClientError(kInvalidTokenResponse) when
// it is not JSON, lacks access_token, or its token_type is not Bearer.
// `fallback_scope` fills in a missing scope (5.1: left out when it equals the request).
TokenSet parse_token_response(std::string_view body, std::int64_t now_ms,
                              const std::string& fallback_scope);

// What an app that does not check the answer makes of it (ClientFlaw::kTokenAnswerNotChecked):
// the string fields of a JSON object labelled application/json, empty ones otherwise; never
// throws.
TokenSet read_token_answer_unchecked(std::string_view content_type, std::string_view body,
                                     const std::string& fallback_scope);

struct OAuthErrorBody {
  std::string error, description;
};
// The RFC 6749 5.2 / RFC 6750 JSON error body, when the body is one.
std::optional<OAuthErrorBody> parse_error_body(std::string_view body);

// "invalid_grant (Code already used)" or just "invalid_grant"; descriptions are cut short
// and stripped of control characters so a hostile server cannot flood the message.
std::string describe(const OAuthErrorBody& e);

}  // namespace oauthsim::client::detail
