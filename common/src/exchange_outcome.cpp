#include "oauthsim/common/exchange_outcome.h"

#include <array>
#include <utility>

namespace oauthsim::common {
namespace {

constexpr std::array<std::pair<ExchangeOutcome, std::string_view>, 6> kOutcomeNames = {{
    {ExchangeOutcome::kLoginFormShown, "login_form_shown"},
    {ExchangeOutcome::kLoginAccepted, "login_accepted"},
    {ExchangeOutcome::kLoginRefused, "login_refused"},
    {ExchangeOutcome::kConsentShown, "consent_shown"},
    {ExchangeOutcome::kConsentAllowed, "consent_allowed"},
    {ExchangeOutcome::kConsentDenied, "consent_denied"},
}};

constexpr std::array<std::pair<FaultEffect, std::string_view>, 5> kEffectNames = {{
    {FaultEffect::kAnswerReplaced, "answer_replaced"},
    {FaultEffect::kAnswerDelayed, "answer_delayed"},
    {FaultEffect::kConnectionDropped, "connection_dropped"},
    {FaultEffect::kAnswerRelabelled, "answer_relabelled"},
    {FaultEffect::kHandshakeRefused, "handshake_refused"},
}};

template <typename Enum, std::size_t N>
std::string_view name_in(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum v) {
  for (const auto& [value, name] : names) {
    if (value == v) return name;
  }
  return "";
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse_in(const std::array<std::pair<Enum, std::string_view>, N>& names,
                             std::string_view word) {
  for (const auto& [value, name] : names) {
    if (name == word) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view exchange_outcome_name(ExchangeOutcome outcome) {
  return name_in(kOutcomeNames, outcome);
}

std::optional<ExchangeOutcome> parse_exchange_outcome(std::string_view word) {
  return parse_in(kOutcomeNames, word);
}

std::string_view fault_effect_name(FaultEffect effect) {
  return name_in(kEffectNames, effect);
}

std::optional<FaultEffect> parse_fault_effect(std::string_view word) {
  return parse_in(kEffectNames, word);
}

}  // namespace oauthsim::common
