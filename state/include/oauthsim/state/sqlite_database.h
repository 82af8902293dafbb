#pragma once
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "oauthsim/state/state_error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace oauthsim::state {

class SqliteDatabase;

// A prepared statement borrowed from the database's cache for one use: bind, step, read
// columns; the destructor resets it for the next user. Only while holding the database's lock.
class SqliteStatement {
 public:
  SqliteStatement(SqliteDatabase& db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Parameters are numbered from 1, as in SQLite.
  SqliteStatement& bind(int index, std::int64_t value);
  SqliteStatement& bind(int index, std::string_view value);
  // True when a row is ready to read, false when the statement has finished.
  bool step();
  // Steps to the end (INSERT, UPDATE, DELETE); returns how many rows it changed.
  int run();
  std::int64_t int64(int column) const;  // columns are numbered from 0
  std::string text(int column) const;

 private:
  SqliteDatabase& db_;
  sqlite3_stmt* stmt_;
};

// One SQLite connection to a file, shared by the HTTP server's threads under one mutex (the
// stores' work is a few indexed statements, so a single writer costs nothing and makes every
// multi-statement step atomic with respect to the others). Durable: WAL journal with
// synchronous=FULL, so a committed write survives kill -9 and power loss; the file is locked
// exclusively, so a second process cannot write under this one's feet.
class SqliteDatabase {
 public:
  // How long a statement waits for a lock another process holds before failing.
  static constexpr int kBusyTimeoutMs = 2000;

  // Opens the file, creating it when missing. Throws StateError naming the file when it cannot
  // be opened for writing. Journal settings are applied by enable_durable_journal(), after the
  // caller has checked the file is its own (they write to the file).
  explicit SqliteDatabase(const std::filesystem::path& path);
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  const std::string& path() const { return path_; }
  // Held around every use of exec() and statement().
  std::unique_lock<std::mutex> lock() { return std::unique_lock(mu_); }

  void enable_durable_journal();
  void exec(const std::string& sql);
  // A cached prepared statement for `sql`, ready to bind.
  SqliteStatement statement(const std::string& sql);
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int changes() const;
  // SQLite's primary result code and message for the last failure.
  int error_code() const;
  std::string error_message() const;
  // Throws StateError: "state file PATH: WHAT: SQLite's message".
  [[noreturn]] void fail(const std::string& what) const;

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
  std::mutex mu_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back when destroyed uncommitted (an exception on the
// way). Only while holding the database's lock.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteDatabase& db);
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  void commit();

 private:
  SqliteDatabase& db_;
  bool done_ = false;
};

}  // namespace oauthsim::state
