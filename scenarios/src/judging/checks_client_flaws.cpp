// Checks of what the client does after an answer it must act on: a forged callback, a denial,
// a rotated refresh token, a refused one. Only the client's own requests count: the scenario
// harness posts stolen copies too (replay_code, reuse_previous_refresh_token), and those are an
// attacker's doing.
#include <map>
#include <string>
#include <vector>

#include "oauthsim/scenario/judging/client_flaw_checks.h"

namespace oauthsim::scenario {
namespace {

using common::TraceEntry;
namespace party = common::party;

// The harness action whose marker precedes `e` ("" when none does).
std::string_view action_around(const FlowView& flow, const TraceEntry& e) {
  std::string_view word;
  for (auto* marker : flow.harness_actions()) {
    if (marker->seq > e.seq) break;
    word = harness_action_word(*marker);
  }
  return word;
}

bool sent_by_harness(const FlowView& flow, const TraceEntry& e) {
  const auto word = action_around(flow, e);
  return word == "reuse_previous_refresh_token" || word == "replay_code";
}

// Refresh requests the client itself made, as the authorization server saw them.
std::vector<const TraceEntry*> client_refreshes(const FlowView& flow) {
  std::vector<const TraceEntry*> out;
  for (auto* e : flow.token_requests("refresh_token")) {
    if (!sent_by_harness(flow, *e)) out.push_back(e);
  }
  return out;
}

std::vector<const TraceEntry*> code_redemptions_after(const FlowView& flow, std::uint64_t seq) {
  std::vector<const TraceEntry*> out;
  for (auto* e : flow.token_requests("authorization_code")) {
    if (e->seq > seq && !sent_by_harness(flow, *e)) out.push_back(e);
  }
  return out;
}

std::string quoted(const std::optional<std::string>& v) {
  return v ? "'" + *v + "'" : "(none)";
}

}  // namespace

std::optional<CheckResult> ClientRefusesCallbackWithWrongState::evaluate(
    const FlowView& flow) const {
  const TraceEntry* back = flow.redirect_back();
  const TraceEntry* request = back ? flow.authorization_request_before(*back) : nullptr;
  if (!request || !back) return std::nullopt;
  // The callback is the user agent following the redirect back: its first request to the
  // client after it, carrying whatever reached the user agent (a man in the middle included).
  const TraceEntry* callback = flow.first([&](const TraceEntry& e) {
    return e.seq > back->seq && e.observer == party::kUserAgent && e.to == party::kClient;
  });
  if (!callback) return std::nullopt;
  const auto sent = request->query.get("state");
  const auto received = callback->query.get("state");
  // No state sent is StateCarriesAtLeast128Bits' finding; an intact state leaves nothing to
  // refuse.
  if (!sent || received == sent) return std::nullopt;
  const auto redemptions = code_redemptions_after(flow, callback->seq);
  const std::string what =
      "the callback carried state " + quoted(received) + ", the client sent " + quoted(sent);
  if (!redemptions.empty()) {
    return fail(what + ", yet it redeemed the callback's code: a forged callback is accepted",
                redemptions.front());
  }
  return pass(what + "; it answered " + std::to_string(callback->status) + " and redeemed no code",
              callback);
}

std::optional<CheckResult> NoTokenRequestAfterDenial::evaluate(const FlowView& flow) const {
  const TraceEntry* back = flow.redirect_back();
  if (!back) return std::nullopt;
  const auto params = location_params(*back);
  const auto error = params.get("error");
  if (!error || params.has("code")) return std::nullopt;
  const auto requests = code_redemptions_after(flow, back->seq);
  if (!requests.empty()) {
    const TraceEntry* e = requests.front();
    const auto code = e->form.get("code");
    // The trace fingerprints every code, an empty one too.
    const bool empty = code && (code->empty() || *code == common::redact_value("code", ""));
    return fail("error=" + *error + " came back without a code, yet the client posted " +
                    std::to_string(requests.size()) + " authorization_code token request(s)" +
                    (!code   ? " with no code"
                     : empty ? " with an empty code"
                             : " with code " + *code) +
                    ", answered " + answer_summary(*e),
                e);
  }
  return pass("error=" + *error + " came back; the client posted no token request", back);
}

std::optional<CheckResult> ClientKeepsRotatedRefreshToken::evaluate(const FlowView& flow) const {
  std::map<std::string, const TraceEntry*> rotated_out;  // presented -> the refresh replacing it
  for (auto* e : client_refreshes(flow)) {
    const std::string presented = e->form.get_or("refresh_token", "");
    if (auto it = rotated_out.find(presented); it != rotated_out.end()) {
      return fail("the client presented refresh token " + presented + " again after refresh #" +
                      std::to_string(it->second->seq) + " replaced it with " +
                      it->second->response_fields.get_or("refresh_token", "") +
                      "; it must keep the rotated one (answered " + answer_summary(*e) + ")",
                  e);
    }
    const auto issued = e->response_fields.get("refresh_token");
    if (e->status == 200 && issued && *issued != presented) rotated_out.emplace(presented, e);
  }
  if (rotated_out.empty()) return std::nullopt;
  return pass(std::to_string(rotated_out.size()) +
                  " refresh(es) rotated the refresh token; the client never presented a "
                  "rotated-out one again",
              rotated_out.begin()->second);
}

std::optional<CheckResult> ClientStopsRefreshingAfterInvalidGrant::evaluate(
    const FlowView& flow) const {
  std::map<std::string, const TraceEntry*> refused;  // refresh token -> its first refusal
  std::map<std::string, int> again;                  // refresh token -> presentations after it
  const TraceEntry* first_again = nullptr;
  for (auto* e : client_refreshes(flow)) {
    const std::string presented = e->form.get_or("refresh_token", "");
    if (refused.count(presented)) {
      ++again[presented];
      if (!first_again) first_again = e;
    } else if (refused_with_invalid_grant(*e)) {
      refused.emplace(presented, e);
    }
  }
  if (refused.empty()) return std::nullopt;
  if (first_again) {
    const std::string token = first_again->form.get_or("refresh_token", "");
    return fail("refresh token " + token + " was refused with invalid_grant, yet the client " +
                    "presented it " + std::to_string(again[token]) +
                    " more time(s): the grant is dead, the user must connect again",
                first_again);
  }
  return pass("a refresh refused with invalid_grant was not tried again", refused.begin()->second);
}

}  // namespace oauthsim::scenario
