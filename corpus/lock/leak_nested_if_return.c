/* unwind-lock: a return inside a nested if leaves the cache mutex held.
 * On a key hit whose slot holds a tombstone (negative value), the inner
 * return -1 leaves &c->lock locked; the hit and miss paths both unlock.
 * drive: ({ struct cache c = { .lock = PTHREAD_MUTEX_INITIALIZER, .slots = { { "a", 1 }, { "b", -1 } }, .used = 2 }; int v = 0; cache_get(&c, "a", &v) + v; })
 * drive: ({ struct cache c = { .lock = PTHREAD_MUTEX_INITIALIZER, .slots = { { "a", 1 }, { "b", -1 } }, .used = 2 }; int v = 0; cache_get(&c, "b", &v); })
 * drive: ({ struct cache c = { .lock = PTHREAD_MUTEX_INITIALIZER, .slots = { { "a", 1 }, { "b", -1 } }, .used = 2 }; int v = 0; cache_get(&c, "zz", &v); })
 */
#include <pthread.h>
#include <string.h>

struct entry {
    char key[16];
    int value;
};

struct cache {
    pthread_mutex_t lock;
    struct entry slots[8];
    int used;
    unsigned long hits;
};

int cache_get(struct cache *c, const char *key, int *value)
{
    int i;

    pthread_mutex_lock(&c->lock);
    for (i = 0; i < c->used; i++) {
        if (strcmp(c->slots[i].key, key) == 0) {
            if (c->slots[i].value < 0)
                return -1;
            *value = c->slots[i].value;
            c->hits++;
            pthread_mutex_unlock(&c->lock);
            return 0;
        }
    }
    pthread_mutex_unlock(&c->lock);
    return -1;
}
