#pragma once
#include <memory>

#include "oauthsim/authz/token_store.h"
#include "oauthsim/state/sqlite_database.h"

namespace oauthsim::state {

// authz::TokenStore in an oauthsim state file (tables made by StateFile): the same answers as
// InMemoryTokenStore. Every change is committed (and synced) before the call returns, so a
// token the server has answered with survives kill -9; a refresh is one transaction, so
// rotation holds across threads and restarts. Tokens are stored as digests (see StateFile).
class SqliteTokenStore final : public authz::TokenStore {
 public:
  explicit SqliteTokenStore(std::shared_ptr<SqliteDatabase> db) : db_(std::move(db)) {}

  void add_grant(authz::Grant grant) override;
  std::optional<authz::Grant> find_grant(const std::string& grant_id) const override;
  void add_access_token(authz::AccessTokenRecord record) override;
  void add_refresh_token(authz::RefreshTokenRecord record) override;
  std::optional<authz::AccessTokenLookup> find_access_token(
      const std::string& token) const override;
  std::optional<authz::RefreshTokenRecord> find_refresh_token(
      const std::string& token) const override;
  authz::ConsumeResult consume_refresh_token(const std::string& token, const std::string& client_id,
                                             std::int64_t now_ms,
                                             bool revoke_grant_on_reuse = true) override;
  void revoke_grant(const std::string& grant_id) override;
  bool is_grant_revoked(const std::string& grant_id) const override;
  void revoke_access_token(const std::string& token) override;
  std::size_t revoke_grants_of_user(const std::string& username) override;
  void clear() override;

 private:
  std::shared_ptr<SqliteDatabase> db_;
  std::size_t adds_since_sweep_ = 0;  // under db_'s lock
};

}  // namespace oauthsim::state
