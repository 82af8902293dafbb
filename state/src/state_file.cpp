#include "oauthsim/state/state_file.h"

#include <stdexcept>

#include "oauthsim/state/sqlite_code_store.h"
#include "oauthsim/state/sqlite_token_store.h"
#include "state_schema.h"

namespace oauthsim::state {
namespace {

constexpr const char* kClockSetting = "clock_ms";

// A count(*) query; ?1, where the query has it, is the current time.
std::int64_t count(SqliteDatabase& db, const std::string& sql,
                   std::optional<std::int64_t> now_ms = std::nullopt) {
  auto st = db.statement(sql);
  if (now_ms) st.bind(1, *now_ms);
  return st.step() ? st.int64(0) : 0;
}

}  // namespace

StateFile::StateFile(const std::filesystem::path& path)
    : db_(std::make_shared<SqliteDatabase>(path)) {
  auto lock = db_->lock();
  created_ = check_or_create_schema(*db_);
}

std::optional<std::int64_t> StateFile::clock_ms() {
  auto lock = db_->lock();
  auto st = db_->statement("SELECT value FROM settings WHERE name = ?");
  st.bind(1, std::string_view(kClockSetting));
  if (!st.step()) return std::nullopt;
  return st.int64(0);
}

void StateFile::save_clock(const common::Clock& clock) {
  auto lock = db_->lock();
  db_->statement("INSERT OR REPLACE INTO settings(name, value) VALUES(?, ?)")
      .bind(1, std::string_view(kClockSetting))
      .bind(2, clock.now_ms())
      .run();
}

StateSummary StateFile::summary(std::int64_t now_ms) {
  auto lock = db_->lock();
  StateSummary s;
  s.grants = count(*db_,
                   "SELECT count(*) FROM grants WHERE id NOT IN "
                   "(SELECT grant_id FROM revoked_grants)");
  s.access_tokens =
      count(*db_,
            "SELECT count(*) FROM access_tokens WHERE revoked = 0 AND expires_ms > ?1 "
            "AND grant_id NOT IN (SELECT grant_id FROM revoked_grants)",
            now_ms);
  s.refresh_tokens = count(*db_,
                           "SELECT count(*) FROM refresh_tokens WHERE used = 0 AND expires_ms > ?1 "
                           "AND grant_id NOT IN (SELECT grant_id FROM revoked_grants)",
                           now_ms);
  s.codes = count(*db_, "SELECT count(*) FROM codes WHERE used = 0 AND expires_ms > ?1", now_ms);
  return s;
}

std::int64_t StateFile::row_count(const std::string& table) {
  for (const char* known :
       {"codes", "grants", "revoked_grants", "access_tokens", "refresh_tokens"}) {
    if (table != known) continue;
    auto lock = db_->lock();
    return count(*db_, "SELECT count(*) FROM " + table);
  }
  throw std::invalid_argument("row_count: no table " + table + " in a state file");
}

std::unique_ptr<authz::CodeStore> StateFile::make_code_store() {
  return std::make_unique<SqliteCodeStore>(db_);
}

std::unique_ptr<authz::TokenStore> StateFile::make_token_store(
    authz::TokenStoreLimits limits, std::function<void(std::size_t)> on_first_eviction) {
  return std::make_unique<SqliteTokenStore>(db_, limits, std::move(on_first_eviction));
}

}  // namespace oauthsim::state
