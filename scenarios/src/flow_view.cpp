#include "oauthsim/scenario/flow_view.h"

namespace oauthsim::scenario {

FlowView::FlowView(std::vector<common::TraceEntry> entries, const common::ClientConfig* client)
    : entries_(std::move(entries)), client_(client) {}

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
    return token(e) && e.form.get_or("grant_type", "") == grant_type;
  });
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

std::vector<const common::TraceEntry*> FlowView::api_requests() const {
  return all(
      [](const common::TraceEntry& e) { return e.observer == common::party::kResourceServer; });
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

bool note_has(const common::TraceEntry& e, std::string_view word) {
  return e.note.find(word) != std::string::npos;
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
