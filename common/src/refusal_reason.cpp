#include "oauthsim/common/refusal_reason.h"

#include <array>
#include <utility>

namespace oauthsim::common {
namespace {

constexpr std::array<std::pair<RefusalReason, std::string_view>, 15> kNames = {{
    {RefusalReason::kCodeUnknown, "code_unknown"},
    {RefusalReason::kCodeIssuedToAnotherClient, "code_issued_to_another_client"},
    {RefusalReason::kCodeExpired, "code_expired"},
    {RefusalReason::kCodeReplayed, "code_replayed"},
    {RefusalReason::kRedirectUriMismatch, "redirect_uri_mismatch"},
    {RefusalReason::kCodeVerifierMissing, "code_verifier_missing"},
    {RefusalReason::kCodeVerifierMismatch, "code_verifier_mismatch"},
    {RefusalReason::kCodeVerifierWithoutChallenge, "code_verifier_without_challenge"},
    {RefusalReason::kUserDeleted, "user_deleted"},
    {RefusalReason::kRefreshTokenUnknown, "refresh_token_unknown"},
    {RefusalReason::kRefreshTokenIssuedToAnotherClient, "refresh_token_issued_to_another_client"},
    {RefusalReason::kRefreshTokenExpired, "refresh_token_expired"},
    {RefusalReason::kRefreshTokenRevoked, "refresh_token_revoked"},
    {RefusalReason::kRefreshTokenReused, "refresh_token_reused"},
    {RefusalReason::kScopeWiderThanGrant, "scope_wider_than_grant"},
}};

}  // namespace

std::string_view refusal_reason_name(RefusalReason reason) {
  for (const auto& [r, name] : kNames) {
    if (r == reason) return name;
  }
  return "";
}

std::optional<RefusalReason> parse_refusal_reason(std::string_view word) {
  for (const auto& [r, name] : kNames) {
    if (name == word) return r;
  }
  return std::nullopt;
}

const std::vector<RefusalReason>& all_refusal_reasons() {
  static const std::vector<RefusalReason> kAll = [] {
    std::vector<RefusalReason> v;
    for (const auto& [r, name] : kNames) v.push_back(r);
    return v;
  }();
  return kAll;
}

}  // namespace oauthsim::common
