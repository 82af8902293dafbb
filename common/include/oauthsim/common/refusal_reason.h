#pragma once
#include <optional>
#include <string_view>
#include <vector>

namespace oauthsim::common {

// Why the token endpoint refused a grant: a typed fact of its trace entry. Several reasons share
// one RFC 6749 5.2 error code (invalid_grant above all), and checks and scenarios must tell them
// apart without reading a note's wording. kNone: not refused, or refused for a reason that has an
// error code of its own (invalid_client, invalid_request, ...).
enum class RefusalReason {
  kNone,
  kCodeUnknown,
  kCodeIssuedToAnotherClient,
  kCodeExpired,
  kCodeReplayed,
  kRedirectUriMismatch,
  kCodeVerifierMissing,
  kCodeVerifierMismatch,
  kCodeVerifierWithoutChallenge,
  kUserDeleted,
  kRefreshTokenUnknown,
  kRefreshTokenIssuedToAnotherClient,
  kRefreshTokenExpired,
  kRefreshTokenRevoked,
  kRefreshTokenReused,
  kScopeWiderThanGrant,
};

// The word traces, reports and scenario files use, e.g. "code_verifier_mismatch"; "" for kNone.
std::string_view refusal_reason_name(RefusalReason reason);
// nullopt for a word that names no reason (kNone has no word).
std::optional<RefusalReason> parse_refusal_reason(std::string_view word);
// Every reason but kNone, in declaration order.
const std::vector<RefusalReason>& all_refusal_reasons();

}  // namespace oauthsim::common
