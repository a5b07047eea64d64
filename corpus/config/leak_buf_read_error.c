/* unwind-buf (configured pair): a buffer from buf_new() is lost when a read fails.
 * read_message() queues the buffer on success, where the queue takes it over; when read()
 * fails it returns -EIO without buf_free(). Only .cocci-unwind's `acquire buf buf_new` and
 * `sink buf queue_push` say so: buf.h's functions are not in this file.
 * build: buf.h
 * drive: ({ struct queue q = { .n = 0 }; int fd = open("/etc/hostname", O_RDONLY); int r = read_message(fd, &q); close(fd); queue_clear(&q); r; })
 * drive: ({ struct queue q = { .n = 0 }; int r = read_message(-1, &q); queue_clear(&q); r; })
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "buf.h"

int read_message(int fd, struct queue *q)
{
    struct buf *b;
    char chunk[256];
    ssize_t n;

    if (q->n == QUEUE_MAX)
        return -ENOSPC;
    b = buf_new(sizeof(chunk));
    if (!b)
        return -ENOMEM;
    while ((n = read(fd, chunk, sizeof(chunk))) > 0) {
        if (buf_append(b, chunk, (size_t)n) < 0) {
            buf_free(b);
            return -ENOMEM;
        }
    }
    if (n < 0)
        return -EIO;
    queue_push(q, b);
    return 0;
}
