// The state file itself: what survives closing and reopening it, the clock, the banner's
// summary, and the files it refuses (naming them, leaving them untouched).
#include "oauthsim/state/state_file.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "oauthsim/state/sqlite_database.h"
#include "unit/state/store_kinds.h"

namespace oauthsim::state::testing {
namespace {

using authz::ConsumeStatus;
using authz::RedeemStatus;
using ::testing::HasSubstr;

std::string bytes_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string open_error(const std::filesystem::path& path) {
  try {
    StateFile file(path);
  } catch (const StateError& e) {
    return e.what();
  }
  return "";
}

authz::AuthorizationCode code(const std::string& value) {
  authz::AuthorizationCode c;
  c.code = value;
  c.client_id = "acme-ats";
  c.redirect_uri = "http://localhost:9000/callback";
  c.username = "alice@example.com";
  c.scopes = {"user_me_read"};
  c.grant_id = "g1";
  c.expires_ms = 60'000;
  return c;
}

authz::RefreshTokenRecord refresh(const std::string& token) {
  return {token, "g1", "acme-ats", "alice@example.com", {"user_me_read"}, 100'000};
}

TEST(StateFile, CreatesAMissingFileAndKnowsItMadeIt) {
  ScratchDir dir;
  {
    StateFile file(dir / "new.db");
    EXPECT_TRUE(file.created());
    EXPECT_EQ(file.path(), (dir / "new.db").string());
  }
  EXPECT_TRUE(std::filesystem::exists(dir / "new.db"));
  StateFile again(dir / "new.db");
  EXPECT_FALSE(again.created());
}

TEST(StateFile, EverythingCommittedIsThereAfterReopening) {
  ScratchDir dir;
  {
    StateFile file(dir / "s.db");
    auto codes = file.make_code_store();
    auto tokens = file.make_token_store();
    codes->put(code("spent-code"));
    codes->put(code("fresh-code"));
    ASSERT_EQ(codes->redeem("spent-code", "acme-ats", 1).status, RedeemStatus::kRedeemed);
    tokens->add_grant({"g1", "acme-ats", "alice@example.com", {"user_me_read"}, 1});
    tokens->add_access_token(
        {"at1", "g1", "acme-ats", "alice@example.com", {"user_me_read"}, 1, 50'000, "thumb"});
    tokens->add_refresh_token(refresh("rt1"));
    ASSERT_EQ(tokens->consume_refresh_token("rt1", "acme-ats", 2).status, ConsumeStatus::kConsumed);
    tokens->add_refresh_token(refresh("rt2"));
  }
  StateFile file(dir / "s.db");
  auto codes = file.make_code_store();
  auto tokens = file.make_token_store();
  EXPECT_EQ(codes->redeem("spent-code", "acme-ats", 3).status, RedeemStatus::kReplayed);
  EXPECT_EQ(codes->redeem("fresh-code", "acme-ats", 3).status, RedeemStatus::kRedeemed);
  ASSERT_TRUE(tokens->find_grant("g1"));
  const auto at = tokens->find_access_token("at1");
  ASSERT_TRUE(at);
  EXPECT_FALSE(at->revoked);
  EXPECT_EQ(at->record.certificate_thumbprint, "thumb");
  EXPECT_EQ(tokens->consume_refresh_token("rt2", "acme-ats", 3).status, ConsumeStatus::kConsumed);
}

TEST(StateFile, ReuseDetectedAfterAReopenStillRevokesTheGrant) {
  ScratchDir dir;
  {
    StateFile file(dir / "s.db");
    auto tokens = file.make_token_store();
    tokens->add_grant({"g1", "acme-ats", "alice@example.com", {"user_me_read"}, 1});
    tokens->add_refresh_token(refresh("rt1"));
    ASSERT_EQ(tokens->consume_refresh_token("rt1", "acme-ats", 2).status, ConsumeStatus::kConsumed);
  }
  {
    StateFile file(dir / "s.db");
    EXPECT_EQ(file.make_token_store()->consume_refresh_token("rt1", "acme-ats", 3).status,
              ConsumeStatus::kReused);
  }
  StateFile file(dir / "s.db");
  EXPECT_TRUE(file.make_token_store()->is_grant_revoked("g1"));
}

TEST(StateFile, ClockIsUnsetInANewFileAndKeepsItsLastSavedTime) {
  ScratchDir dir;
  {
    StateFile file(dir / "s.db");
    EXPECT_FALSE(file.clock_ms());
    common::VirtualClock clock(1'000);
    file.save_clock(clock);
    clock.advance_seconds(90);
    file.save_clock(clock);
  }
  StateFile file(dir / "s.db");
  EXPECT_EQ(file.clock_ms(), 91'000);
}

TEST(StateFile, ClearingTheStoresKeepsTheClock) {
  ScratchDir dir;
  StateFile file(dir / "s.db");
  file.save_clock(common::VirtualClock(5'000));
  file.make_token_store()->clear();
  file.make_code_store()->clear();
  EXPECT_EQ(file.clock_ms(), 5'000);
}

TEST(StateFile, SummaryCountsOnlyWhatIsStillLive) {
  ScratchDir dir;
  StateFile file(dir / "s.db");
  auto tokens = file.make_token_store();
  auto codes = file.make_code_store();
  tokens->add_grant({"g1", "acme-ats", "alice@example.com", {"user_me_read"}, 1});
  tokens->add_grant({"g-revoked", "acme-ats", "bob@example.com", {"user_me_read"}, 1});
  tokens->revoke_grant("g-revoked");
  tokens->add_access_token({"live", "g1", "acme-ats", "a", {}, 0, 2'000, ""});
  tokens->add_access_token({"expired", "g1", "acme-ats", "a", {}, 0, 1'000, ""});
  tokens->add_access_token({"revoked", "g1", "acme-ats", "a", {}, 0, 2'000, ""});
  tokens->revoke_access_token("revoked");
  tokens->add_access_token({"of-revoked-grant", "g-revoked", "acme-ats", "b", {}, 0, 2'000, ""});
  tokens->add_refresh_token(refresh("rt-live"));
  tokens->add_refresh_token(refresh("rt-used"));
  ASSERT_EQ(tokens->consume_refresh_token("rt-used", "acme-ats", 0).status,
            ConsumeStatus::kConsumed);
  codes->put(code("c-live"));
  codes->put(code("c-used"));
  ASSERT_EQ(codes->redeem("c-used", "acme-ats", 0).status, RedeemStatus::kRedeemed);

  const StateSummary s = file.summary(1'000);
  EXPECT_EQ(s.grants, 1);
  EXPECT_EQ(s.access_tokens, 1);
  EXPECT_EQ(s.refresh_tokens, 1);
  EXPECT_EQ(s.codes, 1);
}

TEST(StateFile, HoldsNoCodeOrTokenInPlainText) {
  ScratchDir dir;
  const std::string secret_code = "code-TOP-SECRET-1", secret_at = "at-TOP-SECRET-2",
                    secret_rt = "rt-TOP-SECRET-3";
  {
    StateFile file(dir / "s.db");
    file.make_code_store()->put(code(secret_code));
    auto tokens = file.make_token_store();
    tokens->add_access_token({secret_at, "g1", "acme-ats", "a", {}, 0, 2'000, ""});
    tokens->add_refresh_token(refresh(secret_rt));
  }
  std::string everything;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "")) {
    everything += bytes_of(entry.path());
  }
  ASSERT_FALSE(everything.empty());
  for (const auto& secret : {secret_code, secret_at, secret_rt}) {
    EXPECT_EQ(everything.find(secret), std::string::npos) << secret << " is in the state file";
  }
}

TEST(StateFile, RefusesAFileThatIsNotADatabaseAndLeavesItUntouched) {
  ScratchDir dir;
  const auto path = dir / "notes.txt";
  const std::string text = "these are my notes, not a database; please keep them\n";
  std::ofstream(path) << text;
  const std::string error = open_error(path);
  EXPECT_THAT(error, HasSubstr(path.string()));
  EXPECT_THAT(error, HasSubstr("not an oauthsim state file"));
  EXPECT_EQ(bytes_of(path), text);
}

TEST(StateFile, RefusesAnSqliteDatabaseOfAnotherProgramAndLeavesItUntouched) {
  ScratchDir dir;
  const auto path = dir / "other.db";
  {
    SqliteDatabase other(path);
    auto lock = other.lock();
    other.exec("CREATE TABLE recipes(name TEXT); INSERT INTO recipes VALUES('soup')");
  }
  const std::string before = bytes_of(path);
  const std::string error = open_error(path);
  EXPECT_THAT(error, HasSubstr(path.string()));
  EXPECT_THAT(error, HasSubstr("another program"));
  EXPECT_EQ(bytes_of(path), before);
}

TEST(StateFile, RefusesAFileOfANewerSchema) {
  ScratchDir dir;
  const auto path = dir / "newer.db";
  { StateFile file(path); }
  {
    SqliteDatabase db(path);
    auto lock = db.lock();
    db.exec("PRAGMA user_version=99");
  }
  const std::string error = open_error(path);
  EXPECT_THAT(error, HasSubstr(path.string()));
  EXPECT_THAT(error, HasSubstr("schema version 99"));
}

TEST(StateFile, RefusesAPathInAMissingDirectoryNamingIt) {
  ScratchDir dir;
  const auto path = dir / "no-such-dir" / "s.db";
  const std::string error = open_error(path);
  EXPECT_THAT(error, HasSubstr(path.string()));
  EXPECT_THAT(error, HasSubstr("cannot open or create"));
}

TEST(StateFile, RefusesAReadOnlyFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root may write any file";
  ScratchDir dir;
  const auto path = dir / "ro.db";
  { StateFile file(path); }
  std::filesystem::permissions(path, std::filesystem::perms::owner_read);
  const std::string error = open_error(path);
  EXPECT_THAT(error, HasSubstr(path.string()));
  EXPECT_THAT(error, HasSubstr("cannot write"));
}

TEST(StateFile, ASecondUserOfTheFileIsRefusedWhileTheFirstHasIt) {
  ScratchDir dir;
  StateFile first(dir / "s.db");
  first.save_clock(common::VirtualClock(1));
  const std::string error = open_error(dir / "s.db");
  EXPECT_THAT(error, HasSubstr((dir / "s.db").string()));
  EXPECT_THAT(error, HasSubstr("locked"));
}

}  // namespace
}  // namespace oauthsim::state::testing
