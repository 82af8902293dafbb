#include "state_schema.h"

#include <string>

#include <sqlite3.h>

namespace oauthsim::state {
namespace {

// PRAGMA application_id: "OAST" in ASCII, marks the file as oauthsim's (`file` shows it too).
constexpr std::int64_t kApplicationId = 0x4F415354;
// PRAGMA user_version: bumped whenever the tables change; an older oauthsim refuses a newer file.
constexpr std::int64_t kSchemaVersion = 1;

constexpr const char* kCreateTables = R"sql(
CREATE TABLE codes(
  code_digest TEXT PRIMARY KEY, client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL,
  username TEXT NOT NULL, scopes TEXT NOT NULL, code_challenge TEXT NOT NULL,
  code_challenge_method TEXT NOT NULL, grant_id TEXT NOT NULL, expires_ms INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0);
CREATE INDEX codes_by_expiry ON codes(expires_ms);
CREATE TABLE grants(
  id TEXT PRIMARY KEY, client_id TEXT NOT NULL, username TEXT NOT NULL, scopes TEXT NOT NULL,
  created_ms INTEGER NOT NULL);
CREATE INDEX grants_by_user ON grants(username);
CREATE TABLE revoked_grants(grant_id TEXT PRIMARY KEY);
CREATE TABLE access_tokens(
  token_digest TEXT PRIMARY KEY, grant_id TEXT NOT NULL, client_id TEXT NOT NULL,
  username TEXT NOT NULL, scopes TEXT NOT NULL, issued_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL, certificate_thumbprint TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0);
CREATE INDEX access_tokens_by_expiry ON access_tokens(expires_ms);
CREATE TABLE refresh_tokens(
  token_digest TEXT PRIMARY KEY, grant_id TEXT NOT NULL, client_id TEXT NOT NULL,
  username TEXT NOT NULL, scopes TEXT NOT NULL, expires_ms INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0);
CREATE TABLE settings(name TEXT PRIMARY KEY, value INTEGER NOT NULL);
)sql";

// Added since version 1 was first written, for the token store's sweeps (SqliteTokenStore):
// harmless to an oauthsim that does not know them (it names the columns it writes), so the
// version stays 1 and a file of either kind is brought up to date when opened.
constexpr const char* kSweepIndexes = R"sql(
CREATE INDEX IF NOT EXISTS refresh_tokens_by_expiry ON refresh_tokens(expires_ms);
CREATE INDEX IF NOT EXISTS access_tokens_by_grant ON access_tokens(grant_id);
CREATE INDEX IF NOT EXISTS refresh_tokens_by_grant ON refresh_tokens(grant_id);
)sql";

bool has_column(SqliteDatabase& db, const std::string& table, const std::string& column) {
  auto st = db.statement("SELECT 1 FROM pragma_table_info(?) WHERE name = ?");
  st.bind(1, table).bind(2, column);
  return st.step();
}

// When a grant was revoked (virtual time), so a revocation of a grant that never appeared is
// forgotten an hour later.
void add_sweep_support(SqliteDatabase& db) {
  SqliteTransaction tx(db);
  if (!has_column(db, "revoked_grants", "revoked_ms")) {
    db.exec("ALTER TABLE revoked_grants ADD COLUMN revoked_ms INTEGER NOT NULL DEFAULT 0");
  }
  db.exec(kSweepIndexes);
  tx.commit();
}

std::int64_t pragma_value(SqliteDatabase& db, const std::string& pragma) {
  auto st = db.statement("PRAGMA " + pragma);
  return st.step() ? st.int64(0) : 0;
}

std::int64_t object_count(SqliteDatabase& db) {
  auto st = db.statement("SELECT count(*) FROM sqlite_master");
  return st.step() ? st.int64(0) : 0;
}

}  // namespace

bool check_or_create_schema(SqliteDatabase& db) {
  std::int64_t application_id = 0, objects = 0;
  try {
    application_id = pragma_value(db, "application_id");
    objects = object_count(db);
  } catch (const StateError&) {
    if (db.error_code() != SQLITE_NOTADB) throw;
    throw StateError("state file " + db.path() + ": not an oauthsim state file (SQLite: " +
                     db.error_message() + "), left untouched; choose another --state path");
  }
  if (application_id != kApplicationId) {
    if (application_id != 0 || objects != 0) {
      throw StateError("state file " + db.path() +
                       ": not an oauthsim state file (an SQLite database of another program), "
                       "left untouched; choose another --state path");
    }
    db.enable_durable_journal();
    SqliteTransaction tx(db);
    db.exec(kCreateTables);
    db.exec("PRAGMA application_id=" + std::to_string(kApplicationId));
    db.exec("PRAGMA user_version=" + std::to_string(kSchemaVersion));
    tx.commit();
    add_sweep_support(db);
    return true;
  }
  const std::int64_t version = pragma_value(db, "user_version");
  if (version != kSchemaVersion) {
    throw StateError("state file " + db.path() + ": written with state schema version " +
                     std::to_string(version) + ", this oauthsim reads version " +
                     std::to_string(kSchemaVersion) +
                     " only; left untouched (use the oauthsim that wrote it, or another path)");
  }
  db.enable_durable_journal();
  add_sweep_support(db);
  return false;
}

}  // namespace oauthsim::state
