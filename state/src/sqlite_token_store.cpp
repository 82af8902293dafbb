#include "oauthsim/state/sqlite_token_store.h"

#include <algorithm>

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

void insert_revoked_grant(SqliteDatabase& db, const std::string& grant_id, std::int64_t now_ms) {
  db.statement("INSERT OR IGNORE INTO revoked_grants(grant_id, revoked_ms) VALUES(?, ?)")
      .bind(1, grant_id)
      .bind(2, now_ms)
      .run();
}

// Revocations of grants that never appeared (a code replay racing its first redemption) are
// forgotten past this many, oldest first, as in InMemoryTokenStore.
constexpr std::int64_t kMaxOrphanRevocations = 10'000;

std::int64_t single_value(SqliteDatabase& db, const std::string& sql) {
  auto st = db.statement(sql);
  return st.step() ? st.int64(0) : 0;
}

bool row_exists(SqliteDatabase& db, const std::string& table, const std::string& digest) {
  auto st = db.statement("SELECT 1 FROM " + table + " WHERE token_digest = ?");
  st.bind(1, digest);
  return st.step();
}

// A token's grant as the token tells it, unless the grant is there: the sweep deletes grants
// no token hangs off, which may fall between add_grant and the grant's first token (as
// InMemoryTokenStore makes a grant from a token's facts).
void keep_grant_of(SqliteDatabase& db, const std::string& grant_id, const std::string& client_id,
                   const std::string& username, const std::vector<std::string>& scopes,
                   std::int64_t created_ms) {
  db.statement(
        "INSERT OR IGNORE INTO grants(id, client_id, username, scopes, created_ms) "
        "VALUES(?, ?, ?, ?, ?)")
      .bind(1, grant_id)
      .bind(2, client_id)
      .bind(3, username)
      .bind(4, stored::scopes_text(scopes))
      .bind(5, created_ms)
      .run();
}

}  // namespace

SqliteTokenStore::SqliteTokenStore(std::shared_ptr<SqliteDatabase> db,
                                   authz::TokenStoreLimits limits,
                                   std::function<void(std::size_t)> on_first_eviction)
    : db_(std::move(db)), limits_(limits), on_first_eviction_(std::move(on_first_eviction)) {
  auto lock = db_->lock();
  now_ms_ = std::max(single_value(*db_, "SELECT coalesce(max(issued_ms), 0) FROM access_tokens"),
                     single_value(*db_, "SELECT coalesce(max(value), 0) FROM settings"));
  access_rows_ = single_value(*db_, "SELECT count(*) FROM access_tokens");
  refresh_rows_ = single_value(*db_, "SELECT count(*) FROM refresh_tokens");
}

bool SqliteTokenStore::after_token_insert(const char* table, std::int64_t& rows, bool inserted) {
  if (inserted) ++rows;
  bool first_eviction = false;
  const auto cap = static_cast<std::int64_t>(limits_.max_live_tokens);
  if (rows > cap) {
    // Oldest first: rowids grow with every insert.
    rows -=
        db_->statement(std::string("DELETE FROM ") + table + " WHERE rowid IN (SELECT rowid FROM " +
                       table + " ORDER BY rowid LIMIT ?)")
            .bind(1, rows - cap)
            .run();
    first_eviction = !eviction_announced_;
    eviction_announced_ = true;
  }
  if (++writes_since_sweep_ >= stored::kSweepEvery) sweep();
  return first_eviction;
}

void SqliteTokenStore::sweep() {
  writes_since_sweep_ = 0;
  const std::int64_t forget_before = now_ms_ - authz::InMemoryTokenStore::kMemoryPastExpiryMs;
  access_rows_ -= db_->statement("DELETE FROM access_tokens WHERE expires_ms <= ?")
                      .bind(1, forget_before)
                      .run();
  // Rotated-out refresh tokens stay until then too, so a late reuse is still recognised.
  refresh_rows_ -= db_->statement("DELETE FROM refresh_tokens WHERE expires_ms <= ?")
                       .bind(1, forget_before)
                       .run();
  db_->exec(
      "DELETE FROM grants WHERE "
      "NOT EXISTS (SELECT 1 FROM access_tokens WHERE grant_id = grants.id) AND "
      "NOT EXISTS (SELECT 1 FROM refresh_tokens WHERE grant_id = grants.id)");
  // A revocation outlives its grant's tokens (they are gone now), and one of a grant that never
  // appeared waits an hour for it.
  const std::string orphan =
      "NOT EXISTS (SELECT 1 FROM grants WHERE id = revoked_grants.grant_id) AND "
      "NOT EXISTS (SELECT 1 FROM access_tokens WHERE grant_id = revoked_grants.grant_id) AND "
      "NOT EXISTS (SELECT 1 FROM refresh_tokens WHERE grant_id = revoked_grants.grant_id)";
  db_->statement("DELETE FROM revoked_grants WHERE revoked_ms <= ? AND " + orphan)
      .bind(1, forget_before)
      .run();
  db_->statement(
         "DELETE FROM revoked_grants WHERE rowid IN (SELECT rowid FROM revoked_grants WHERE " +
         orphan + " ORDER BY rowid DESC LIMIT -1 OFFSET ?)")
      .bind(1, kMaxOrphanRevocations)
      .run();
}

void SqliteTokenStore::announce_first_eviction() const {
  if (on_first_eviction_) on_first_eviction_(limits_.max_live_tokens);
}

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
  SqliteTransaction tx(*db_);
  now_ms_ = std::max(now_ms_, record.issued_ms);
  const std::string key = stored::digest(record.token);
  const bool inserted = !row_exists(*db_, "access_tokens", key);
  keep_grant_of(*db_, record.grant_id, record.client_id, record.username, record.scopes,
                record.issued_ms);
  db_->statement(
         "INSERT OR REPLACE INTO access_tokens(token_digest, grant_id, client_id, username, "
         "scopes, issued_ms, expires_ms, certificate_thumbprint, revoked) "
         "VALUES(?, ?, ?, ?, ?, ?, ?, ?, 0)")
      .bind(1, key)
      .bind(2, record.grant_id)
      .bind(3, record.client_id)
      .bind(4, record.username)
      .bind(5, stored::scopes_text(record.scopes))
      .bind(6, record.issued_ms)
      .bind(7, record.expires_ms)
      .bind(8, record.certificate_thumbprint)
      .run();
  const bool first_eviction = after_token_insert("access_tokens", access_rows_, inserted);
  tx.commit();
  lock.unlock();
  if (first_eviction) announce_first_eviction();
}

void SqliteTokenStore::add_refresh_token(RefreshTokenRecord record) {
  auto lock = db_->lock();
  SqliteTransaction tx(*db_);
  const std::string key = stored::digest(record.token);
  const bool inserted = !row_exists(*db_, "refresh_tokens", key);
  keep_grant_of(*db_, record.grant_id, record.client_id, record.username, record.scopes, now_ms_);
  db_->statement(
         "INSERT OR REPLACE INTO refresh_tokens(token_digest, grant_id, client_id, username, "
         "scopes, expires_ms, used) VALUES(?, ?, ?, ?, ?, ?, 0)")
      .bind(1, key)
      .bind(2, record.grant_id)
      .bind(3, record.client_id)
      .bind(4, record.username)
      .bind(5, stored::scopes_text(record.scopes))
      .bind(6, record.expires_ms)
      .run();
  const bool first_eviction = after_token_insert("refresh_tokens", refresh_rows_, inserted);
  tx.commit();
  lock.unlock();
  if (first_eviction) announce_first_eviction();
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
  now_ms_ = std::max(now_ms_, now_ms);
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
      insert_revoked_grant(*db_, record.grant_id, now_ms_);
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
  insert_revoked_grant(*db_, grant_id, now_ms_);
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
                       "INSERT OR IGNORE INTO revoked_grants(grant_id, revoked_ms) "
                       "SELECT id, ? FROM grants WHERE username = ?")
                    .bind(1, now_ms_)
                    .bind(2, username)
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
  access_rows_ = refresh_rows_ = 0;
  writes_since_sweep_ = 0;
  eviction_announced_ = false;
}

}  // namespace oauthsim::state
