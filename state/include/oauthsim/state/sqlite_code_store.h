#pragma once
#include <memory>

#include "oauthsim/authz/code_store.h"
#include "oauthsim/state/sqlite_database.h"

namespace oauthsim::state {

// authz::CodeStore in an oauthsim state file (tables made by StateFile): the same answers as
// InMemoryCodeStore, each redemption one transaction, so a replay is recognised across
// threads and restarts. Codes are stored as digests (see StateFile).
class SqliteCodeStore final : public authz::CodeStore {
 public:
  explicit SqliteCodeStore(std::shared_ptr<SqliteDatabase> db) : db_(std::move(db)) {}

  void put(authz::AuthorizationCode code) override;
  authz::RedeemResult redeem(const std::string& code, const std::string& client_id,
                             std::int64_t now_ms) override;
  void clear() override;

 private:
  std::shared_ptr<SqliteDatabase> db_;
  std::size_t puts_since_sweep_ = 0;  // under db_'s lock
};

}  // namespace oauthsim::state
