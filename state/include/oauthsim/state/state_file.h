#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "oauthsim/authz/code_store.h"
#include "oauthsim/authz/token_store.h"
#include "oauthsim/common/clock.h"
#include "oauthsim/state/sqlite_database.h"

namespace oauthsim::state {

// What a state file holds, for the banner of `oauthsim serve --state`.
struct StateSummary {
  std::int64_t grants = 0;          // not revoked
  std::int64_t access_tokens = 0;   // live: not expired, not revoked
  std::int64_t refresh_tokens = 0;  // live: not used, not expired, not revoked
  std::int64_t codes = 0;           // not yet redeemed, not expired
};

// The file behind `oauthsim serve --state FILE`: authorization codes, grants, access and
// refresh tokens, and the virtual clock's time, in SQLite. Opening creates a missing file and
// refuses (StateError naming the file) one it cannot write, one of another program and one of
// a newer oauthsim. The stores it makes and the file share one connection; either may be
// destroyed first.
class StateFile {
 public:
  explicit StateFile(const std::filesystem::path& path);

  const std::string& path() const { return db_->path(); }
  // True when this open created the file's tables (a new or empty file).
  bool created() const { return created_; }

  // The virtual clock's time as last saved; nullopt in a new file.
  std::optional<std::int64_t> clock_ms();
  // Saves the clock's time. The clock is read after taking the file's lock, so of two
  // concurrent saves the later one writes the later time.
  void save_clock(const common::Clock& clock);

  StateSummary summary(std::int64_t now_ms);
  // Every row of one table (codes, grants, revoked_grants, access_tokens, refresh_tokens),
  // live or not: what the sweeps keep bounded. The file is this process's alone, so tests count
  // through here.
  std::int64_t row_count(const std::string& table);

  // Stores that keep everything in this file (exactly the in-memory semantics, bounds included:
  // see SqliteTokenStore).
  std::unique_ptr<authz::CodeStore> make_code_store();
  std::unique_ptr<authz::TokenStore> make_token_store(
      authz::TokenStoreLimits limits = {},
      std::function<void(std::size_t max_live_tokens)> on_first_eviction = {});

 private:
  std::shared_ptr<SqliteDatabase> db_;
  bool created_ = false;
};

}  // namespace oauthsim::state
