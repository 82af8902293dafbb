#include "oauthsim/state/sqlite_database.h"

#include <sqlite3.h>

namespace oauthsim::state {

SqliteDatabase::SqliteDatabase(const std::filesystem::path& path) : path_(path.string()) {
  // NOMUTEX: every use is under mu_ already.
  const int rc =
      sqlite3_open_v2(path_.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StateError("state file " + path_ + ": cannot open or create it: " + why +
                     " (does the directory exist and may this user write there?)");
  }
  // SQLite quietly falls back to read-only for a write-protected file; a state that cannot be
  // saved would lose every grant at the next restart, so refuse it now.
  if (sqlite3_db_readonly(db_, "main") == 1) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw StateError("state file " + path_ + ": cannot write it (read-only file or directory)");
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
}

SqliteDatabase::~SqliteDatabase() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

void SqliteDatabase::enable_durable_journal() {
  // Exclusive before WAL: no shared-memory index file, and a second `serve` on the same file
  // fails with "database is locked" instead of interleaving writes.
  exec("PRAGMA locking_mode=EXCLUSIVE");
  exec("PRAGMA journal_mode=WAL");
  // FULL: a COMMIT returns only after the WAL is synced, so an answered 200 survives kill -9.
  exec("PRAGMA synchronous=FULL");
}

void SqliteDatabase::exec(const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);  // the same text as sqlite3_errmsg(), which fail() reports
  if (rc != SQLITE_OK) fail("'" + sql + "' failed");
}

SqliteStatement SqliteDatabase::statement(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
      fail("cannot prepare '" + sql + "'");
    }
    it = statements_.emplace(sql, stmt).first;
  }
  return SqliteStatement(*this, it->second);
}

int SqliteDatabase::changes() const {
  return sqlite3_changes(db_);
}

int SqliteDatabase::error_code() const {
  return sqlite3_errcode(db_) & 0xff;
}

std::string SqliteDatabase::error_message() const {
  return sqlite3_errmsg(db_);
}

void SqliteDatabase::fail(const std::string& what) const {
  std::string message = "state file " + path_ + ": " + what + ": " + error_message();
  if (error_code() == SQLITE_BUSY) {
    message += " (another process, perhaps a second `oauthsim serve`, is using this file)";
  }
  throw StateError(message);
}

SqliteStatement::~SqliteStatement() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) db_.fail("cannot bind a value");
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view value) {
  if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    db_.fail("cannot bind a value");
  }
  return *this;
}

bool SqliteStatement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.fail(std::string("'") + sqlite3_sql(stmt_) + "' failed");
}

int SqliteStatement::run() {
  while (step()) {
  }
  return db_.changes();
}

std::int64_t SqliteStatement::int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string SqliteStatement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  if (!p) return "";
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

SqliteTransaction::SqliteTransaction(SqliteDatabase& db) : db_(db) {
  db_.exec("BEGIN IMMEDIATE");
}

SqliteTransaction::~SqliteTransaction() {
  if (done_) return;
  try {
    db_.exec("ROLLBACK");
  } catch (const StateError&) {
    // SQLite may have rolled back already (the error that got us here); nothing left to undo.
  }
}

void SqliteTransaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace oauthsim::state
