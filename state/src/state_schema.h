#pragma once
#include "oauthsim/state/sqlite_database.h"

namespace oauthsim::state {

// Makes sure the open file is an oauthsim state file this build can read, creating the
// tables in a new (empty) file. Refuses, with StateError naming the file, a file of another
// program or one written by a newer oauthsim; it writes nothing to a file it refuses.
// Returns true when it created the tables. Call with the database's lock held.
bool check_or_create_schema(SqliteDatabase& db);

}  // namespace oauthsim::state
