#pragma once
#include <cstdint>
#include <functional>
#include <memory>

#include "oauthsim/authz/token_store.h"
#include "oauthsim/state/sqlite_database.h"

namespace oauthsim::state {

// authz::TokenStore in an oauthsim state file (tables made by StateFile): the same answers as
// InMemoryTokenStore. Every change is committed (and synced) before the call returns, so a
// token the server has answered with survives kill -9; a refresh is one transaction, so
// rotation holds across threads and restarts. Tokens are stored as digests (see StateFile).
//
// Bounded as InMemoryTokenStore is: tokens (rotated-out refresh tokens included) are deleted an
// hour of virtual time past their expiry, grants once no token hangs off them, revocations of
// grants that are gone an hour after they were made, each every stored::kSweepEvery token
// writes; and past limits.max_live_tokens access (or refresh) tokens the oldest is deleted at
// once.
class SqliteTokenStore final : public authz::TokenStore {
 public:
  // on_first_eviction is called once (outside the lock) the first time the cap deletes a token.
  explicit SqliteTokenStore(
      std::shared_ptr<SqliteDatabase> db, authz::TokenStoreLimits limits = {},
      std::function<void(std::size_t max_live_tokens)> on_first_eviction = {});

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
  // Callers hold db_'s lock. Both return true when the cap evicted for the first time.
  bool after_token_insert(const char* table, std::int64_t& rows, bool inserted);
  void sweep();
  void announce_first_eviction() const;

  std::shared_ptr<SqliteDatabase> db_;
  const authz::TokenStoreLimits limits_;
  const std::function<void(std::size_t)> on_first_eviction_;
  // Under db_'s lock. The store has no clock: the latest time it has seen (a token issued, a
  // refresh) stands for now, as in InMemoryTokenStore.
  std::int64_t now_ms_ = 0;
  std::int64_t access_rows_ = 0;   // rows in access_tokens, counted at open and kept since
  std::int64_t refresh_rows_ = 0;  // rows in refresh_tokens, likewise
  std::size_t writes_since_sweep_ = 0;
  bool eviction_announced_ = false;
};

}  // namespace oauthsim::state
