#include "oauthsim/authz/user_directory.h"

#include "oauthsim/common/encoding.h"

namespace oauthsim::authz {

UserDirectory::UserDirectory(const std::vector<common::UserConfig>& users) {
  for (const auto& u : users) users_.emplace(u.username, u);
}

std::optional<common::UserConfig> UserDirectory::authenticate(const std::string& username,
                                                              const std::string& password) const {
  std::lock_guard lock(mu_);
  auto it = users_.find(username);
  if (it == users_.end()) {
    (void)common::constant_time_equals(password, password);
    return std::nullopt;
  }
  if (!common::constant_time_equals(password, it->second.password)) return std::nullopt;
  return it->second;
}

bool UserDirectory::exists(const std::string& username) const {
  std::lock_guard lock(mu_);
  return users_.contains(username);
}

bool UserDirectory::remove(const std::string& username) {
  std::lock_guard lock(mu_);
  return users_.erase(username) > 0;
}

void UserDirectory::restore(const std::vector<common::UserConfig>& users) {
  std::lock_guard lock(mu_);
  users_.clear();
  for (const auto& u : users) users_.emplace(u.username, u);
}

}  // namespace oauthsim::authz
