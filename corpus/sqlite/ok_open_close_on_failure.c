/* unwind-sqlite: the handle of a failed sqlite3_open() is closed before returning.
 * count_tables() closes db on the open failure, on the query error and after counting.
 * build: pkg-config sqlite3
 * drive: ({ char p[] = "/tmp/cocci-unwind-sqlite-XXXXXX"; int fd = mkstemp(p); int n = fd >= 0 ? count_tables(p) : -1; if (fd >= 0) { unlink(p); close(fd); } n; })
 * drive: count_tables("/nonexistent/cocci-unwind.db")
 * drive: count_tables("/etc/hostname")
 */
#include <stdio.h>

#include <sqlite3.h>

static int count_row(void *arg, int ncol, char **values, char **names)
{
    (void)ncol;
    (void)values;
    (void)names;
    (*(int *)arg)++;
    return 0;
}

/* The number of tables in the database at path, or -1. */
int count_tables(const char *path)
{
    sqlite3 *db;
    char *errmsg = NULL;
    int n = 0;

    if (sqlite3_open(path, &db) != SQLITE_OK) {
        sqlite3_close(db);
        return -1;
    }
    if (sqlite3_exec(db, "SELECT name FROM sqlite_master WHERE type = 'table'", count_row, &n,
                     &errmsg) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", path, errmsg);
        sqlite3_free(errmsg);
        sqlite3_close(db);
        return -1;
    }
    sqlite3_close(db);
    return n;
}
