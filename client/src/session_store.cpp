#include "session_store.h"

namespace oauthsim::client::detail {

std::pair<std::string, std::shared_ptr<VendorSession>> SessionStore::create() {
  std::string id = random_.token(32);
  auto session = std::make_shared<VendorSession>();
  std::lock_guard lock(mu_);
  while (sessions_.size() >= max_sessions_ && !order_.empty()) {
    sessions_.erase(order_.front());
    order_.pop_front();
  }
  sessions_[id] = session;
  order_.push_back(id);
  return {std::move(id), std::move(session)};
}

std::shared_ptr<VendorSession> SessionStore::find(std::string_view id) const {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(std::string(id));
  return it == sessions_.end() ? nullptr : it->second;
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
