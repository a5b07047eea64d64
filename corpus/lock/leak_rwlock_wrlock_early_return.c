/* unwind-lock: an rwlock taken for writing leaks on the "table full" return.
 * registry_add() write-locks &r->lock and returns -ENOSPC when the table is
 * full without unlocking; the duplicate and insert paths unlock.
 * drive: ({ struct registry r = { .lock = PTHREAD_RWLOCK_INITIALIZER, .count = 0 }; registry_add(&r, "eth0"); })
 * drive: ({ struct registry r = { .lock = PTHREAD_RWLOCK_INITIALIZER, .names = { "eth0" }, .count = 1 }; registry_add(&r, "eth0"); })
 * drive: ({ struct registry r = { .lock = PTHREAD_RWLOCK_INITIALIZER, .names = { "a", "b", "c", "d" }, .count = 4 }; registry_add(&r, "eth0"); })
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>

#define REGISTRY_MAX 4

struct registry {
    pthread_rwlock_t lock;
    const char *names[REGISTRY_MAX];
    int count;
};

int registry_add(struct registry *r, const char *name)
{
    int i;

    pthread_rwlock_wrlock(&r->lock);
    for (i = 0; i < r->count; i++) {
        if (strcmp(r->names[i], name) == 0) {
            pthread_rwlock_unlock(&r->lock);
            return -EEXIST;
        }
    }
    if (r->count == REGISTRY_MAX)
        return -ENOSPC;
    r->names[r->count++] = name;
    pthread_rwlock_unlock(&r->lock);
    return 0;
}
