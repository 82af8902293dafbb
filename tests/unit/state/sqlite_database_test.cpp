// The SQLite wrapper: transactions that commit or leave nothing behind, and errors that say
// which file and what SQLite reported.
#include "oauthsim/state/sqlite_database.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "unit/state/store_kinds.h"

namespace oauthsim::state::testing {
namespace {

using ::testing::HasSubstr;

std::int64_t rows(SqliteDatabase& db) {
  auto st = db.statement("SELECT count(*) FROM t");
  return st.step() ? st.int64(0) : -1;
}

TEST(SqliteDatabase, CommittedTransactionIsKept) {
  ScratchDir dir;
  SqliteDatabase db(dir / "db");
  auto lock = db.lock();
  db.exec("CREATE TABLE t(x INTEGER)");
  {
    SqliteTransaction tx(db);
    db.statement("INSERT INTO t VALUES(?)").bind(1, std::int64_t{1}).run();
    tx.commit();
  }
  EXPECT_EQ(rows(db), 1);
}

TEST(SqliteDatabase, TransactionLeftByAnExceptionLeavesNothingBehind) {
  ScratchDir dir;
  SqliteDatabase db(dir / "db");
  auto lock = db.lock();
  db.exec("CREATE TABLE t(x INTEGER)");
  try {
    SqliteTransaction tx(db);
    db.statement("INSERT INTO t VALUES(?)").bind(1, std::int64_t{1}).run();
    db.exec("INSERT INTO no_such_table VALUES(1)");
    tx.commit();
  } catch (const StateError&) {
  }
  EXPECT_EQ(rows(db), 0);
  // And the connection is usable again: no transaction left open.
  SqliteTransaction tx(db);
  tx.commit();
}

TEST(SqliteDatabase, ErrorsNameTheFileAndSqlitesReason) {
  ScratchDir dir;
  SqliteDatabase db(dir / "db");
  auto lock = db.lock();
  try {
    db.statement("SELECT * FROM missing_table");
    FAIL() << "no error";
  } catch (const StateError& e) {
    EXPECT_THAT(e.what(), HasSubstr((dir / "db").string()));
    EXPECT_THAT(e.what(), HasSubstr("no such table: missing_table"));
  }
}

TEST(SqliteDatabase, TextAndIntegersRoundTripIncludingEmbeddedNulAndNonAscii) {
  ScratchDir dir;
  SqliteDatabase db(dir / "db");
  auto lock = db.lock();
  db.exec("CREATE TABLE t(s TEXT, n INTEGER)");
  const std::string text("caf\xC3\xA9\0tail", 10);
  db.statement("INSERT INTO t VALUES(?, ?)")
      .bind(1, std::string_view(text))
      .bind(2, std::int64_t{-9'007'199'254'740'993})
      .run();
  auto st = db.statement("SELECT s, n FROM t");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.text(0), text);
  EXPECT_EQ(st.int64(1), -9'007'199'254'740'993);
  EXPECT_FALSE(st.step());
}

}  // namespace
}  // namespace oauthsim::state::testing
