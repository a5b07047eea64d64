/* unwind-lock: a lookup documented to return with the lock held.
 * table_find_locked() says in its comment that it returns with table->lock
 * held on every path; its caller table_bump() does the unlock. Nothing to report.
 * drive: ({ struct table t = { .lock = PTHREAD_MUTEX_INITIALIZER, .keys = { 10, 20 }, .counts = { 1, 5 }, .nrows = 2 }; table_bump(&t, 20); })
 * drive: ({ struct table t = { .lock = PTHREAD_MUTEX_INITIALIZER, .keys = { 10, 20 }, .counts = { 1, 5 }, .nrows = 2 }; table_bump(&t, 30); })
 */
#include <pthread.h>

struct table {
    pthread_mutex_t lock;
    int keys[16];
    int counts[16];
    int nrows;
};

/* Returns with table->lock held; the caller unlocks. */
static int table_find_locked(struct table *table, int key)
{
    int i;

    pthread_mutex_lock(&table->lock);
    for (i = 0; i < table->nrows; i++) {
        if (table->keys[i] == key)
            return i;
    }
    return -1;
}

int table_bump(struct table *table, int key)
{
    int row = table_find_locked(table, key);
    int count = -1;

    if (row >= 0)
        count = ++table->counts[row];
    pthread_mutex_unlock(&table->lock);
    return count;
}
