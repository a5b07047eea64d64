/* unwind-lock: every element's lock taken by one loop (the loop's whole body) and released
 * by a later loop over the same elements: the graph cannot pair the two loops' iterations
 * (a path that runs the first and skips the second), so nothing is reported.
 * drive: ({ struct item it[2] = { { PTHREAD_MUTEX_INITIALIZER, 1 }, { PTHREAD_MUTEX_INITIALIZER, 2 } }; sum_all(it, 2); })
 * drive: sum_all(NULL, 0)
 */
#include <pthread.h>
#include <stddef.h>

struct item {
    pthread_mutex_t lock;
    int value;
};

int sum_all(struct item *items, int n)
{
    int i, total = 0;

    for (i = 0; i < n; i++)
        pthread_mutex_lock(&items[i].lock);
    for (i = 0; i < n; i++)
        total += items[i].value;
    for (i = 0; i < n; i++)
        pthread_mutex_unlock(&items[i].lock);
    return total;
}
