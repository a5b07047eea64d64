/* unwind-sqlite: a prepared statement is not finalized when binding a parameter fails.
 * add_user() returns the error of sqlite3_bind_text() without sqlite3_finalize(stmt), as
 * when the name is longer than the connection's length limit (SQLITE_TOOBIG); the step
 * error and the success path finalize it.
 * build: pkg-config sqlite3
 * drive: ({ sqlite3 *db; sqlite3_open(":memory:", &db); sqlite3_exec(db, "CREATE TABLE users(name TEXT, age INT)", NULL, NULL, NULL); int r = add_user(db, "ann", 31); sqlite3_close(db); r; })
 * drive: ({ sqlite3 *db; sqlite3_open(":memory:", &db); sqlite3_exec(db, "CREATE TABLE users(name TEXT, age INT)", NULL, NULL, NULL); sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 8); int r = add_user(db, "a name longer than eight", 31); sqlite3_close(db); r; })
 * drive: ({ sqlite3 *db; sqlite3_open(":memory:", &db); sqlite3_exec(db, "CREATE TABLE users(name TEXT NOT NULL, age INT)", NULL, NULL, NULL); int r = add_user(db, NULL, 31); sqlite3_close(db); r; })
 * drive: ({ sqlite3 *db; sqlite3_open(":memory:", &db); int r = add_user(db, "ann", 31); sqlite3_close(db); r; })
 */
#include <stddef.h>

#include <sqlite3.h>

int add_user(sqlite3 *db, const char *name, int age)
{
    sqlite3_stmt *stmt;
    int rc;

    rc = sqlite3_prepare_v2(db, "INSERT INTO users(name, age) VALUES(?1, ?2)", -1, &stmt, NULL);
    if (rc)
        return rc;
    rc = sqlite3_bind_text(stmt, 1, name, -1, SQLITE_TRANSIENT);
    if (rc)
        return rc;
    rc = sqlite3_bind_int(stmt, 2, age);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}
