#include "oauthsim/state/sqlite_token_store.h"

#include "stored_values.h"

namespace oauthsim::state {
namespace {

using authz::AccessTokenLookup;
using authz::AccessTokenRecord;
using authz::ConsumeResult;
using authz::ConsumeStatus;
using authz::Grant;
using authz::RefreshTokenRecord;

bool grant_revoked(SqliteDatabase& db, const std::string& grant_id) {
  auto st = db.statement("SELECT 1 FROM revoked_grants WHERE grant_id = ?");
  st.bind(1, grant_id);
  return st.step();
}

void insert_revoked_grant(SqliteDatabase& db, const std::string& grant_id) {
  db.statement("INSERT OR IGNORE INTO revoked_grants(grant_id) VALUES(?)").bind(1, grant_id).run();
}

}  // namespace

void SqliteTokenStore::add_grant(Grant grant) {
  auto lock = db_->lock();
  db_->statement(
         "INSERT OR REPLACE INTO grants(id, client_id, username, scopes, created_ms) "
         "VALUES(?, ?, ?, ?, ?)")
      .bind(1, grant.id)
      .bind(2, grant.client_id)
      .bind(3, grant.username)
      .bind(4, stored::scopes_text(grant.scopes))
      .bind(5, grant.created_ms)
      .run();
}

std::optional<Grant> SqliteTokenStore::find_grant(const std::string& grant_id) const {
  auto lock = db_->lock();
  auto st =
      db_->statement("SELECT client_id, username, scopes, created_ms FROM grants WHERE id = ?");
  st.bind(1, grant_id);
  if (!st.step()) return std::nullopt;
  return Grant{grant_id, st.text(0), st.text(1), stored::scopes_from(st.text(2)), st.int64(3)};
}

void SqliteTokenStore::add_access_token(AccessTokenRecord record) {
  auto lock = db_->lock();
  if (++adds_since_sweep_ >= stored::kSweepEvery) {
    adds_since_sweep_ = 0;
    db_->statement("DELETE FROM access_tokens WHERE expires_ms <= ?")
        .bind(1, record.issued_ms)
        .run();
  }
  db_->statement(
         "INSERT OR REPLACE INTO access_tokens(token_digest, grant_id, client_id, username, "
         "scopes, issued_ms, expires_ms, certificate_thumbprint, revoked) "
         "VALUES(?, ?, ?, ?, ?, ?, ?, ?, 0)")
      .bind(1, stored::digest(record.token))
      .bind(2, record.grant_id)
      .bind(3, record.client_id)
      .bind(4, record.username)
      .bind(5, stored::scopes_text(record.scopes))
      .bind(6, record.issued_ms)
      .bind(7, record.expires_ms)
      .bind(8, record.certificate_thumbprint)
      .run();
}

void SqliteTokenStore::add_refresh_token(RefreshTokenRecord record) {
  auto lock = db_->lock();
  db_->statement(
         "INSERT OR REPLACE INTO refresh_tokens(token_digest, grant_id, client_id, username, "
         "scopes, expires_ms, used) VALUES(?, ?, ?, ?, ?, ?, 0)")
      .bind(1, stored::digest(record.token))
      .bind(2, record.grant_id)
      .bind(3, record.client_id)
      .bind(4, record.username)
      .bind(5, stored::scopes_text(record.scopes))
      .bind(6, record.expires_ms)
      .run();
}

std::optional<AccessTokenLookup> SqliteTokenStore::find_access_token(
    const std::string& token) const {
  auto lock = db_->lock();
  auto st = db_->statement(
      "SELECT a.grant_id, a.client_id, a.username, a.scopes, a.issued_ms, a.expires_ms, "
      "a.certificate_thumbprint, a.revoked OR r.grant_id IS NOT NULL "
      "FROM access_tokens a LEFT JOIN revoked_grants r ON r.grant_id = a.grant_id "
      "WHERE a.token_digest = ?");
  st.bind(1, stored::digest(token));
  if (!st.step()) return std::nullopt;
  AccessTokenLookup out;
  out.record = AccessTokenRecord{
      token,       st.text(0),  st.text(1), st.text(2), stored::scopes_from(st.text(3)),
      st.int64(4), st.int64(5), st.text(6)};
  out.revoked = st.int64(7) != 0;
  return out;
}

namespace {

// The refresh token row with its `used` flag; the caller holds the lock.
std::optional<std::pair<RefreshTokenRecord, bool>> load_refresh_token(SqliteDatabase& db,
                                                                      const std::string& token) {
  auto st = db.statement(
      "SELECT grant_id, client_id, username, scopes, expires_ms, used FROM refresh_tokens "
      "WHERE token_digest = ?");
  st.bind(1, stored::digest(token));
  if (!st.step()) return std::nullopt;
  RefreshTokenRecord r{
      token, st.text(0), st.text(1), st.text(2), stored::scopes_from(st.text(3)), st.int64(4)};
  return std::pair{std::move(r), st.int64(5) != 0};
}

}  // namespace

std::optional<RefreshTokenRecord> SqliteTokenStore::find_refresh_token(
    const std::string& token) const {
  auto lock = db_->lock();
  auto found = load_refresh_token(*db_, token);
  if (!found) return std::nullopt;
  return std::move(found->first);
}

ConsumeResult SqliteTokenStore::consume_refresh_token(const std::string& token,
                                                      const std::string& client_id,
                                                      std::int64_t now_ms,
                                                      bool revoke_grant_on_reuse) {
  auto lock = db_->lock();
  SqliteTransaction tx(*db_);
  auto found = load_refresh_token(*db_, token);
  if (!found) return {ConsumeStatus::kUnknown, std::nullopt};
  auto& [record, used] = *found;
  // The checks in InMemoryTokenStore's order, so both stores answer alike.
  if (record.client_id != client_id) return {ConsumeStatus::kWrongClient, std::nullopt};
  if (used) {
    // A rotated-out token came back: a stolen copy may be in play, so the grant goes
    // (RFC 9700 4.14.2), and that must outlive a restart as much as the rotation did.
    if (revoke_grant_on_reuse) {
      insert_revoked_grant(*db_, record.grant_id);
      tx.commit();
    }
    return {ConsumeStatus::kReused, std::move(record)};
  }
  if (grant_revoked(*db_, record.grant_id)) return {ConsumeStatus::kRevoked, std::move(record)};
  db_->statement("UPDATE refresh_tokens SET used = 1 WHERE token_digest = ?")
      .bind(1, stored::digest(token))
      .run();
  tx.commit();
  if (now_ms >= record.expires_ms) return {ConsumeStatus::kExpired, std::move(record)};
  return {ConsumeStatus::kConsumed, std::move(record)};
}

void SqliteTokenStore::revoke_grant(const std::string& grant_id) {
  auto lock = db_->lock();
  insert_revoked_grant(*db_, grant_id);
}

bool SqliteTokenStore::is_grant_revoked(const std::string& grant_id) const {
  auto lock = db_->lock();
  return grant_revoked(*db_, grant_id);
}

void SqliteTokenStore::revoke_access_token(const std::string& token) {
  auto lock = db_->lock();
  db_->statement("UPDATE access_tokens SET revoked = 1 WHERE token_digest = ?")
      .bind(1, stored::digest(token))
      .run();
}

std::size_t SqliteTokenStore::revoke_grants_of_user(const std::string& username) {
  auto lock = db_->lock();
  const int n = db_->statement(
                       "INSERT OR IGNORE INTO revoked_grants(grant_id) "
                       "SELECT id FROM grants WHERE username = ?")
                    .bind(1, username)
                    .run();
  return static_cast<std::size_t>(n);
}

void SqliteTokenStore::clear() {
  auto lock = db_->lock();
  SqliteTransaction tx(*db_);
  db_->exec(
      "DELETE FROM grants; DELETE FROM revoked_grants; DELETE FROM access_tokens; "
      "DELETE FROM refresh_tokens;");
  tx.commit();
  adds_since_sweep_ = 0;
}

}  // namespace oauthsim::state
