#include "oauthsim/state/sqlite_code_store.h"

#include "stored_values.h"

namespace oauthsim::state {
namespace {

using authz::AuthorizationCode;
using authz::RedeemResult;
using authz::RedeemStatus;

// As InMemoryCodeStore: used codes are kept this long past expiry so a late replay is still
// recognised as one; older rows are swept every stored::kSweepEvery puts.
constexpr std::int64_t kReplayMemoryMs = 60 * 60 * 1000;

}  // namespace

void SqliteCodeStore::put(AuthorizationCode code) {
  auto lock = db_->lock();
  if (++puts_since_sweep_ >= stored::kSweepEvery) {
    puts_since_sweep_ = 0;
    db_->statement("DELETE FROM codes WHERE expires_ms < ?")
        .bind(1, code.expires_ms - kReplayMemoryMs)
        .run();
  }
  db_->statement(
         "INSERT OR REPLACE INTO codes(code_digest, client_id, redirect_uri, username, scopes, "
         "code_challenge, code_challenge_method, grant_id, expires_ms, used) "
         "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
      .bind(1, stored::digest(code.code))
      .bind(2, code.client_id)
      .bind(3, code.redirect_uri)
      .bind(4, code.username)
      .bind(5, stored::scopes_text(code.scopes))
      .bind(6, code.code_challenge)
      .bind(7, code.code_challenge_method)
      .bind(8, code.grant_id)
      .bind(9, code.expires_ms)
      .run();
}

RedeemResult SqliteCodeStore::redeem(const std::string& code, const std::string& client_id,
                                     std::int64_t now_ms) {
  const std::string key = stored::digest(code);
  auto lock = db_->lock();
  SqliteTransaction tx(*db_);
  AuthorizationCode found;
  bool used = false;
  {
    auto st = db_->statement(
        "SELECT client_id, redirect_uri, username, scopes, code_challenge, "
        "code_challenge_method, grant_id, expires_ms, used FROM codes WHERE code_digest = ?");
    st.bind(1, key);
    if (!st.step()) return {RedeemStatus::kUnknown, std::nullopt};
    found.code = code;
    found.client_id = st.text(0);
    found.redirect_uri = st.text(1);
    found.username = st.text(2);
    found.scopes = stored::scopes_from(st.text(3));
    found.code_challenge = st.text(4);
    found.code_challenge_method = st.text(5);
    found.grant_id = st.text(6);
    found.expires_ms = st.int64(7);
    used = st.int64(8) != 0;
  }
  // The checks in InMemoryCodeStore's order, so both stores answer alike.
  if (found.client_id != client_id) return {RedeemStatus::kWrongClient, std::nullopt};
  if (used) return {RedeemStatus::kReplayed, std::move(found)};
  db_->statement("UPDATE codes SET used = 1 WHERE code_digest = ?").bind(1, key).run();
  tx.commit();
  if (now_ms >= found.expires_ms) return {RedeemStatus::kExpired, std::nullopt};
  return {RedeemStatus::kRedeemed, std::move(found)};
}

void SqliteCodeStore::clear() {
  auto lock = db_->lock();
  db_->exec("DELETE FROM codes");
}

}  // namespace oauthsim::state
