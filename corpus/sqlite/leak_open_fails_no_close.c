/* unwind-sqlite: a failed sqlite3_open_v2() still allocates the handle, and it is not closed.
 * open_existing() reports the error with sqlite3_errmsg(db) and returns NULL without
 * sqlite3_close(db): SQLite documents that the handle must be closed even when the open
 * fails. The busy-timeout failure closes it.
 * build: pkg-config sqlite3
 * drive: ({ char p[] = "/tmp/cocci-unwind-sqlite-XXXXXX"; int fd = mkstemp(p); sqlite3 *db = fd >= 0 ? open_existing(p, 100) : NULL; int ok = db != NULL; sqlite3_close(db); if (fd >= 0) { unlink(p); close(fd); } ok; })
 * drive: open_existing("/nonexistent/cocci-unwind.db", 100) == NULL
 */
#include <stdio.h>

#include <sqlite3.h>

/* The database at path, which must exist, opened for reading and writing. */
sqlite3 *open_existing(const char *path, int busy_ms)
{
    sqlite3 *db;

    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", path, sqlite3_errmsg(db));
        return NULL;
    }
    if (sqlite3_busy_timeout(db, busy_ms) != SQLITE_OK) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}
