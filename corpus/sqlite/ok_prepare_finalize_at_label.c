/* unwind-sqlite: every exit after a successful sqlite3_prepare_v2() reaches the finalize.
 * The prepare's own failure returns (SQLite leaves stmt NULL then); every later error
 * jumps to `out`, which finalizes the statement.
 * build: pkg-config sqlite3
 * drive: ({ sqlite3 *db; long long t = -1; sqlite3_open(":memory:", &db); sqlite3_exec(db, "CREATE TABLE items(price INT); INSERT INTO items VALUES(2); INSERT INTO items VALUES(40)", NULL, NULL, NULL); int r = total_price(db, &t); sqlite3_close(db); r == 0 ? t : -1; })
 * drive: ({ sqlite3 *db; long long t = -1; sqlite3_open(":memory:", &db); sqlite3_exec(db, "CREATE TABLE items(price INT)", NULL, NULL, NULL); int r = total_price(db, &t); sqlite3_close(db); r; })
 * drive: ({ sqlite3 *db; long long t = -1; sqlite3_open(":memory:", &db); int r = total_price(db, &t); sqlite3_close(db); r; })
 */
#include <stddef.h>

#include <sqlite3.h>

/* The sum of all prices into *total; SQLITE_OK, SQLITE_NOTFOUND for no items, or an error. */
int total_price(sqlite3 *db, long long *total)
{
    sqlite3_stmt *stmt;
    int rc;

    rc = sqlite3_prepare_v2(db, "SELECT count(*), total(price) FROM items", -1, &stmt, NULL);
    if (rc)
        return rc;
    rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW)
        goto out;
    if (sqlite3_column_int(stmt, 0) == 0) {
        rc = SQLITE_NOTFOUND;
        goto out;
    }
    *total = (long long)sqlite3_column_double(stmt, 1);
    rc = SQLITE_OK;
out:
    sqlite3_finalize(stmt);
    return rc;
}
