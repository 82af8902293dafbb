// The SQLite token store stays bounded in a long `serve --state` as the in-memory one does:
// rotated-out refresh tokens, expired tokens, grants with no token left and old revocations are
// deleted once the (virtual) time seen is an hour past them, and the live-token cap deletes the
// oldest at once. Rows are counted in the file itself.
#include "oauthsim/state/sqlite_token_store.h"

#include <gtest/gtest.h>

#include "oauthsim/state/state_file.h"
#include "unit/state/store_kinds.h"

namespace oauthsim::state::testing {
namespace {

using authz::AccessTokenRecord;
using authz::ConsumeStatus;
using authz::RefreshTokenRecord;

constexpr std::int64_t kBoundsHourMs = 60 * 60 * 1000;
constexpr std::int64_t kBoundsLifetimeMs = 1000;
// More writes than the store makes between two sweeps, so at least one sweep runs.
constexpr int kBoundsWritesForASweep = 1100;

AccessTokenRecord live_access_token(const std::string& token, const std::string& grant_id,
                                    std::int64_t issued_ms) {
  return {token,
          grant_id,
          "acme-ats",
          "alice@example.com",
          {"user_me_read"},
          issued_ms,
          issued_ms + kBoundsLifetimeMs,
          ""};
}

RefreshTokenRecord live_refresh_token(const std::string& token, const std::string& grant_id,
                                      std::int64_t issued_ms) {
  return {token,
          grant_id,
          "acme-ats",
          "alice@example.com",
          {"user_me_read"},
          issued_ms + kBoundsLifetimeMs};
}

// Moves the store's time to now_ms (it has no clock but the tokens it is given) and makes it
// sweep: live tokens of another grant, issued then.
void advance_and_sweep(authz::TokenStore& store, std::int64_t now_ms) {
  store.add_grant({"later", "acme-ats", "bob@example.com", {"user_me_read"}, now_ms});
  for (int i = 0; i < kBoundsWritesForASweep; ++i) {
    store.add_access_token(live_access_token("later-" + std::to_string(i), "later", now_ms));
  }
}

class SqliteTokenStoreBounds : public ::testing::Test {
 protected:
  std::int64_t rows(const std::string& table) { return file.row_count(table); }
  ScratchDir dir;
  StateFile file{dir / "state.db"};
};

TEST_F(SqliteTokenStoreBounds, RotatedOutRefreshTokensAndTheirGrantAreDeletedAnHourPastExpiry) {
  auto store = file.make_token_store();
  store->add_grant({"g1", "acme-ats", "alice@example.com", {"user_me_read"}, 0});
  store->add_refresh_token(live_refresh_token("rt-0", "g1", 0));
  constexpr int kRotations = 1500;
  for (int i = 0; i < kRotations; ++i) {
    const std::int64_t now = i * 10;
    ASSERT_EQ(store->consume_refresh_token("rt-" + std::to_string(i), "acme-ats", now).status,
              ConsumeStatus::kConsumed);
    store->add_access_token(live_access_token("at-" + std::to_string(i), "g1", now));
    store->add_refresh_token(live_refresh_token("rt-" + std::to_string(i + 1), "g1", now));
  }
  ASSERT_EQ(rows("refresh_tokens"), kRotations + 1);

  advance_and_sweep(*store, kRotations * 10 + kBoundsLifetimeMs + kBoundsHourMs + 1);

  EXPECT_EQ(rows("refresh_tokens"), 0);
  EXPECT_EQ(rows("access_tokens"), kBoundsWritesForASweep);  // the later grant's, all live
  EXPECT_EQ(rows("grants"), 1);
  EXPECT_FALSE(store->find_grant("g1"));
  EXPECT_TRUE(store->find_grant("later"));
}

TEST_F(SqliteTokenStoreBounds, RotatedOutRefreshTokenIsStillReuseWithinTheHour) {
  auto store = file.make_token_store();
  store->add_grant({"g1", "acme-ats", "alice@example.com", {"user_me_read"}, 0});
  store->add_refresh_token(live_refresh_token("rt-old", "g1", 0));
  ASSERT_EQ(store->consume_refresh_token("rt-old", "acme-ats", 10).status,
            ConsumeStatus::kConsumed);

  advance_and_sweep(*store, kBoundsLifetimeMs + kBoundsHourMs - 1);

  EXPECT_EQ(store->consume_refresh_token("rt-old", "acme-ats", kBoundsHourMs).status,
            ConsumeStatus::kReused);
  EXPECT_TRUE(store->is_grant_revoked("g1"));
}

TEST_F(SqliteTokenStoreBounds, RevocationsOfGoneGrantsAreForgottenAnHourLater) {
  auto store = file.make_token_store();
  constexpr int kOrphans = 500;
  for (int i = 0; i < kOrphans; ++i) store->revoke_grant("never-" + std::to_string(i));
  store->add_grant({"g1", "acme-ats", "alice@example.com", {"user_me_read"}, 0});
  store->add_access_token(live_access_token("at-live", "g1", kBoundsHourMs + 1));
  store->revoke_grant("g1");
  ASSERT_EQ(rows("revoked_grants"), kOrphans + 1);

  advance_and_sweep(*store, kBoundsHourMs + 1);

  // g1's token is live (issued at the sweep's time), so its revocation must stay.
  EXPECT_EQ(rows("revoked_grants"), 1);
  EXPECT_TRUE(store->is_grant_revoked("g1"));
  EXPECT_FALSE(store->is_grant_revoked("never-0"));
}

TEST_F(SqliteTokenStoreBounds, LiveTokenCapDeletesTheOldestAndSaysSoOnce) {
  std::vector<std::size_t> announced;
  auto store = file.make_token_store(authz::TokenStoreLimits{100},
                                     [&](std::size_t cap) { announced.push_back(cap); });
  store->add_grant({"g1", "acme-ats", "alice@example.com", {"user_me_read"}, 0});
  for (int i = 0; i < 250; ++i) {
    store->add_access_token(live_access_token("at-" + std::to_string(i), "g1", 0));
    store->add_refresh_token(live_refresh_token("rt-" + std::to_string(i), "g1", 0));
  }
  EXPECT_EQ(rows("access_tokens"), 100);
  EXPECT_EQ(rows("refresh_tokens"), 100);
  EXPECT_FALSE(store->find_access_token("at-149"));
  EXPECT_TRUE(store->find_access_token("at-150"));
  EXPECT_FALSE(store->find_refresh_token("rt-149"));
  EXPECT_TRUE(store->find_refresh_token("rt-249"));
  EXPECT_EQ(announced, std::vector<std::size_t>{100});
}

TEST_F(SqliteTokenStoreBounds, CapCountsTheTokensAlreadyInTheFile) {
  {
    auto first = file.make_token_store();
    first->add_grant({"g1", "acme-ats", "alice@example.com", {"user_me_read"}, 0});
    for (int i = 0; i < 10; ++i) {
      first->add_access_token(live_access_token("at-" + std::to_string(i), "g1", 0));
    }
  }
  auto store = file.make_token_store(authz::TokenStoreLimits{10});
  store->add_access_token(live_access_token("at-new", "g1", 0));
  store->add_access_token(
      live_access_token("at-new", "g1", 0));  // the same again: replaced, not added
  EXPECT_EQ(rows("access_tokens"), 10);
  EXPECT_FALSE(store->find_access_token("at-0"));
  EXPECT_TRUE(store->find_access_token("at-1"));
  EXPECT_TRUE(store->find_access_token("at-new"));
}

TEST(SqliteTokenStoreBoundsUpgrade, FileWrittenBeforeTheSweepsGetsTheirColumnAndIndexes) {
  ScratchDir dir;
  { StateFile created(dir / "state.db"); }
  {
    // The tables as the first oauthsim with state files made them.
    SqliteDatabase db(dir / "state.db");
    auto lock = db.lock();
    db.exec(
        "DROP INDEX refresh_tokens_by_expiry; DROP INDEX access_tokens_by_grant; "
        "DROP INDEX refresh_tokens_by_grant; ALTER TABLE revoked_grants DROP COLUMN revoked_ms");
  }
  StateFile file(dir / "state.db");
  auto store = file.make_token_store();
  store->revoke_grant("never");
  EXPECT_TRUE(store->is_grant_revoked("never"));
  advance_and_sweep(*store, 2 * kBoundsHourMs);
  EXPECT_EQ(file.row_count("revoked_grants"), 0);
}

}  // namespace
}  // namespace oauthsim::state::testing
