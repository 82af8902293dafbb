#include "session_store.h"

namespace oauthsim::client::detail {

std::pair<std::string, std::shared_ptr<VendorSession>> SessionStore::create() {
  std::string id = random_.token(32);
  auto session = std::make_shared<VendorSession>();
  std::lock_guard lock(mu_);
  sessions_.put(id, session, wall_.now_ms());  // reaps the idle ones, and the oldest past the cap
  return {std::move(id), std::move(session)};
}

std::shared_ptr<VendorSession> SessionStore::find(std::string_view id) {
  std::lock_guard lock(mu_);
  const std::int64_t now = wall_.now_ms();
  sessions_.reap(now);
  auto* found = sessions_.find(std::string(id), now);
  return found ? *found : nullptr;
}

std::size_t SessionStore::size() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const std::size_t end = header.find(';');
    std::string_view pair = header.substr(0, end);
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    while (!pair.empty() && pair.back() == ' ') pair.remove_suffix(1);
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
  }
  return std::nullopt;
}

}  // namespace oauthsim::client::detail
