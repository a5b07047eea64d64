/* unwind-buf (configured pair): queue_push() takes the buffer over (a configured sink).
 * After the push, the queue owns b: both exits that follow (the queue is full, or not)
 * need no buf_free(); the error before it frees b.
 * build: buf.h
 * drive: ({ struct queue q = { .n = 0 }; int r = queue_words(&q, "alpha beta"); queue_clear(&q); r; })
 * drive: ({ struct queue q = { .n = QUEUE_MAX - 1 }; int r = queue_words(&q, ""); queue_clear(&q); r; })
 * drive: ({ struct queue q = { .n = QUEUE_MAX }; int r = queue_words(&q, "x"); q.n = 0; r; })
 */
#include <errno.h>
#include <string.h>

#include "buf.h"

int queue_words(struct queue *q, const char *text)
{
    struct buf *b;
    size_t len = strlen(text);

    if (q->n == QUEUE_MAX)
        return -ENOSPC;
    b = buf_new(len + 1);
    if (!b)
        return -ENOMEM;
    if (buf_append(b, text, len + 1) < 0) {
        buf_free(b);
        return -ENOMEM;
    }
    queue_push(q, b);
    if (q->n == QUEUE_MAX)
        return 1;           /* full: the caller flushes it */
    return 0;
}
