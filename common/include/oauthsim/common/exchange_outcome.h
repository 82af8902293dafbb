#pragma once
#include <optional>
#include <string_view>

namespace oauthsim::common {

// What the party that served an exchange concluded, as a typed fact of its trace entry, so a
// check never reads a note's wording (notes are for people and may be reworded freely).
enum class ExchangeOutcome {
  kNone,
  kLoginFormShown,  // the authorization server asked the user to log in
  kLoginAccepted,   // a login succeeded and a session began
  kLoginRefused,    // wrong password or unknown user
  kConsentShown,    // the consent form with the requested scopes was served
  kConsentAllowed,  // the user allowed: a code was issued
  kConsentDenied,   // the user denied: access_denied
};

// The word traces and reports use, e.g. "login_accepted"; "" for kNone.
std::string_view exchange_outcome_name(ExchangeOutcome outcome);
std::optional<ExchangeOutcome> parse_exchange_outcome(std::string_view word);

// How an injected fault changed an exchange (a typed fact, never read from the note).
enum class FaultEffect {
  kNone,
  kAnswerReplaced,     // the handler never ran: the fault's status and body answered
  kAnswerDelayed,      // the real handler answered, after an injected wall-clock delay
  kConnectionDropped,  // the status line and headers went out, then the connection closed
  kAnswerRelabelled,   // the real handler answered, under another Content-Type (a quirk)
  kHandshakeRefused,   // the TLS handshake failed with a protocol_version alert: no request
};

std::string_view fault_effect_name(FaultEffect effect);
std::optional<FaultEffect> parse_fault_effect(std::string_view word);

}  // namespace oauthsim::common
