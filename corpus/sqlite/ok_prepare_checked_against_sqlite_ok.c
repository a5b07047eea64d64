/* unwind-sqlite (negative): sqlite3_prepare_v2()'s own failure tested against the named
 * success constant, `rc != SQLITE_OK` and `call(...) != SQLITE_OK`: that exit holds no
 * statement; every later exit finalizes it.
 * build: pkg-config sqlite3
 * drive: ({ sqlite3 *db; int n = -1; sqlite3_open(":memory:", &db); sqlite3_exec(db, "CREATE TABLE t(a); INSERT INTO t VALUES(1)", NULL, NULL, NULL); int r = count_rows(db, "SELECT a FROM t", &n); sqlite3_close(db); r == SQLITE_OK ? n : -1; })
 * drive: ({ sqlite3 *db; int n = -1; sqlite3_open(":memory:", &db); int r = count_rows(db, "SELECT nothing FROM nowhere", &n); sqlite3_close(db); r; })
 * drive: ({ sqlite3 *db; int n = -1; sqlite3_open(":memory:", &db); sqlite3_exec(db, "CREATE TABLE t(a); INSERT INTO t VALUES(1)", NULL, NULL, NULL); int r = count_rows_direct(db, "SELECT a FROM t", &n); sqlite3_close(db); r == 0 ? n : -1; })
 * drive: ({ sqlite3 *db; int n = -1; sqlite3_open(":memory:", &db); int r = count_rows_direct(db, "SELECT nothing FROM nowhere", &n); sqlite3_close(db); r; })
 */
#include <stddef.h>

#include <sqlite3.h>

int count_rows(sqlite3 *db, const char *sql, int *n)
{
    sqlite3_stmt *stmt;
    int rc;

    rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return rc;
    *n = 0;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        (*n)++;
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int count_rows_direct(sqlite3 *db, const char *sql, int *n)
{
    sqlite3_stmt *stmt;

    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return -1;
    *n = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW)
        (*n)++;
    sqlite3_finalize(stmt);
    return 0;
}
