/* unwind-lock: a lock pair of the project's own, function-like macros named for it
 * (POOL_LOCK/POOL_UNLOCK, whose first argument is a tag for statistics, a constant at
 * every call, and whose second is the lock), unlocked before every return: nothing to
 * report.
 * drive: ({ struct pool p = { .lock = PTHREAD_MUTEX_INITIALIZER, .n = 2, .slots = { 4, 5 } }; pool_find(&p, 5); })
 * drive: ({ struct pool p = { .lock = PTHREAD_MUTEX_INITIALIZER, .n = 2, .slots = { 4, 5 } }; pool_find(&p, 9); })
 * drive: ({ struct pool p = { .lock = PTHREAD_MUTEX_INITIALIZER }; pool_find(&p, 9); })
 */
#include <pthread.h>

enum pool_tag { POOL_TAG_FIND = 1 };

#define POOL_LOCK(tag, l) pthread_mutex_lock(l)
#define POOL_UNLOCK(tag, l) pthread_mutex_unlock(l)

struct pool {
    pthread_mutex_t lock;
    int n;
    int slots[8];
};

int pool_find(struct pool *p, int want)
{
    int i, found = -1;

    POOL_LOCK(POOL_TAG_FIND, &p->lock);
    if (p->n == 0)
        goto out;
    for (i = 0; i < p->n; i++) {
        if (p->slots[i] == want) {
            found = i;
            break;
        }
    }
out:
    POOL_UNLOCK(POOL_TAG_FIND, &p->lock);
    return found;
}
