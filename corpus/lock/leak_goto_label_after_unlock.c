/* unwind-lock: a goto jumps to a label placed after the unlock.
 * queue_push() validates the item after taking &q->lock and jumps to out,
 * which only returns, so the mutex stays held; the "full" path jumps to
 * unlock and is clean.
 * drive: ({ struct queue q = { .lock = PTHREAD_MUTEX_INITIALIZER }; queue_push(&q, 7); })
 * drive: ({ struct queue q = { .lock = PTHREAD_MUTEX_INITIALIZER }; queue_push(&q, -1); })
 * drive: ({ struct queue q = { .lock = PTHREAD_MUTEX_INITIALIZER, .len = 16 }; queue_push(&q, 7); })
 */
#include <errno.h>
#include <pthread.h>

#define QUEUE_CAP 16

struct queue {
    pthread_mutex_t lock;
    int items[QUEUE_CAP];
    int len;
};

int queue_push(struct queue *q, int item)
{
    int rc = -EINVAL;

    pthread_mutex_lock(&q->lock);
    if (item < 0)
        goto out;
    rc = -ENOSPC;
    if (q->len == QUEUE_CAP)
        goto unlock;
    q->items[q->len++] = item;
    rc = 0;
unlock:
    pthread_mutex_unlock(&q->lock);
out:
    return rc;
}
