#include "oauthsim/scenario/judging/flow_view.h"

namespace oauthsim::scenario {

FlowView::FlowView(std::vector<common::TraceEntry> entries, const common::ClientConfig* client,
                   common::Lifetimes lifetimes)
    : entries_(std::move(entries)), client_(client), lifetimes_(lifetimes) {}

std::vector<const common::TraceEntry*> FlowView::all(const Match& m) const {
  std::vector<const common::TraceEntry*> out;
  for (const auto& e : entries_) {
    if (m(e)) out.push_back(&e);
  }
  return out;
}

const common::TraceEntry* FlowView::first(const Match& m) const {
  for (const auto& e : entries_) {
    if (m(e)) return &e;
  }
  return nullptr;
}

const common::TraceEntry* FlowView::last(const Match& m) const {
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (m(*it)) return &*it;
  }
  return nullptr;
}

FlowView::Match FlowView::seen_by(std::string_view observer, std::string_view method,
                                  std::string_view path) {
  return [observer = std::string(observer), method = std::string(method),
          path = std::string(path)](const common::TraceEntry& e) {
    return e.observer == observer && (method.empty() || e.method == method) && e.path == path;
  };
}

std::vector<const common::TraceEntry*> FlowView::token_requests(std::string_view grant_type) const {
  auto token = seen_by(common::party::kAuthorizationServer, "POST", paths::kToken);
  return all([&](const common::TraceEntry& e) {
    return token(e) && e.form.get_or("grant_type", "") == grant_type &&
           !answered_by_injected_fault(e);
  });
}

std::vector<const common::TraceEntry*> FlowView::injected_answers() const {
  return all([](const common::TraceEntry& e) { return answered_by_injected_fault(e); });
}

const common::TraceEntry* FlowView::redirect_back() const {
  return last([](const common::TraceEntry& e) {
    if (e.observer != common::party::kAuthorizationServer || e.status / 100 != 3) return false;
    if (e.path != paths::kAuthorize && e.path != paths::kConsent) return false;
    auto p = location_params(e);
    return p.has("code") || p.has("error");
  });
}

const common::TraceEntry* FlowView::authorization_request() const {
  return first(seen_by(common::party::kAuthorizationServer, "GET", paths::kAuthorize));
}

const common::TraceEntry* FlowView::authorization_request_before(
    const common::TraceEntry& e) const {
  auto authorize = seen_by(common::party::kAuthorizationServer, "GET", paths::kAuthorize);
  // An authorization request refused at once (invalid_scope, say) is its own redirect back.
  return last([&](const common::TraceEntry& t) { return t.seq <= e.seq && authorize(t); });
}

std::vector<const common::TraceEntry*> FlowView::api_requests() const {
  return all(
      [](const common::TraceEntry& e) { return e.observer == common::party::kResourceServer; });
}

std::vector<const common::TraceEntry*> FlowView::harness_actions() const {
  return all([](const common::TraceEntry& e) { return !harness_action_word(e).empty(); });
}

const common::TraceEntry* FlowView::harness_action(std::string_view do_word) const {
  return first([&](const common::TraceEntry& e) { return harness_action_word(e) == do_word; });
}

bool answered_by_injected_fault(const common::TraceEntry& e) {
  return !is_harness_marker(e) && (e.fault == common::FaultEffect::kAnswerReplaced ||
                                   e.fault == common::FaultEffect::kConnectionDropped ||
                                   e.fault == common::FaultEffect::kAnswerRelabelled ||
                                   e.fault == common::FaultEffect::kHandshakeRefused);
}

bool is_harness_marker(const common::TraceEntry& e) {
  return e.observer == common::party::kHarness && e.from == common::party::kHarness &&
         e.to == common::party::kHarness && e.method.empty();
}

std::string_view harness_action_word(const common::TraceEntry& e) {
  if (!is_harness_marker(e) || e.action_number == 0) return {};
  return e.action;
}

std::optional<std::string> bearer_token(const common::TraceEntry& e) {
  constexpr std::string_view kScheme = "Bearer ";
  const auto value = e.request_headers.get("Authorization");
  if (!value || value->rfind(kScheme, 0) != 0) return std::nullopt;
  return value->substr(kScheme.size());
}

std::optional<std::string> basic_client_id(const common::TraceEntry& e) {
  constexpr std::string_view kPrefix = "Basic client_id=";
  const auto value = e.request_headers.get("Authorization");
  if (!value || value->rfind(kPrefix, 0) != 0) return std::nullopt;
  const auto id = value->substr(kPrefix.size());
  return id.substr(0, id.find(' '));
}

std::string answer_error(const common::TraceEntry& e) {
  if (auto error = e.response_fields.get("error")) return *error;
  return challenge_attribute(e.response_headers.get_or("WWW-Authenticate", ""), "error")
      .value_or("");
}

bool refused_with_invalid_grant(const common::TraceEntry& e) {
  return e.status == 400 && answer_error(e) == "invalid_grant";
}

std::string answer_summary(const common::TraceEntry& e) {
  const std::string error = answer_error(e);
  return std::to_string(e.status) + (error.empty() ? "" : " " + error);
}

common::Params location_params(const common::TraceEntry& e) {
  auto loc = e.response_headers.get("Location");
  if (!loc) return {};
  const auto q = loc->find('?');
  if (q == std::string::npos) return {};
  auto parsed = common::parse_params(std::string_view(*loc).substr(q + 1));
  return parsed ? *parsed : common::Params{};
}

std::string location_without_query(const common::TraceEntry& e) {
  auto loc = e.response_headers.get_or("Location", "");
  return loc.substr(0, loc.find('?'));
}

bool has_outcome(const common::TraceEntry& e, common::ExchangeOutcome outcome) {
  return e.outcome == outcome;
}

std::optional<std::string> challenge_attribute(std::string_view challenge, std::string_view name) {
  const std::string key = std::string(name) + "=\"";
  std::size_t at = 0;
  while ((at = challenge.find(key, at)) != std::string_view::npos) {
    // A match must start the challenge's parameter list, not sit inside another name.
    const bool boundary = at == 0 || challenge[at - 1] == ' ' || challenge[at - 1] == ',';
    if (boundary) {
      const auto start = at + key.size();
      const auto end = challenge.find('"', start);
      if (end == std::string_view::npos) return std::nullopt;
      return std::string(challenge.substr(start, end - start));
    }
    at += key.size();
  }
  return std::nullopt;
}

}  // namespace oauthsim::scenario
