#pragma once
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "oauthsim/common/config.h"

namespace oauthsim::authz {

// The SR accounts users log in with. Users can be deleted at run time (SR: that breaks
// every grant they gave), so this is a live directory, not the configuration.
class UserDirectory {
 public:
  explicit UserDirectory(const std::vector<common::UserConfig>& users);

  // The user when the password matches (constant-time compare), else nullopt. Unknown users
  // cost the same comparison, so timing does not reveal which e-mail addresses exist.
  std::optional<common::UserConfig> authenticate(const std::string& username,
                                                 const std::string& password) const;
  bool exists(const std::string& username) const;
  bool remove(const std::string& username);
  // Back to exactly these users: deleted ones return, others go (the control API's reset).
  void restore(const std::vector<common::UserConfig>& users);

 private:
  mutable std::mutex mu_;
  std::map<std::string, common::UserConfig, std::less<>> users_;
};

}  // namespace oauthsim::authz
