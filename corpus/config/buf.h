/* buf.h: the project API of the corpus/config cases, a growable byte buffer, a queue that
 * takes buffers over, and a connection. corpus/config/.cocci-unwind declares its pairs:
 * nothing else tells cocci-unwind that buf_new() must be matched by buf_free().
 * The functions are static inline here, in a header, on purpose: every .c file in a corpus
 * folder is a case, and the summary pass infers acquirers and release wrappers from the
 * function bodies of the checked files (and from the macros of headers beside them, and
 * release wrappers and sinks, never acquirers, from their inline functions), so a definition
 * in a case, or a macro here, would find the pairs without the configuration.
 */
#ifndef COCCI_UNWIND_BUF_H
#define COCCI_UNWIND_BUF_H

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct buf {
    size_t len, cap;
    char *data;
};

static inline struct buf *buf_new(size_t cap)
{
    struct buf *b = calloc(1, sizeof(*b));

    if (b && cap) {
        b->data = malloc(cap);
        if (!b->data) {
            free(b);
            return NULL;
        }
        b->cap = cap;
    }
    return b;
}

static inline void buf_free(struct buf *b)
{
    if (b) {
        free(b->data);
        free(b);
    }
}

static inline int buf_append(struct buf *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = (b->len + n) * 2;
        char *d = realloc(b->data, cap);

        if (!d)
            return -ENOMEM;
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    return 0;
}

#define QUEUE_MAX 8

struct queue {
    struct buf *items[QUEUE_MAX];
    int n;
};

/* Takes b over: the queue frees it in queue_clear(). */
static inline void queue_push(struct queue *q, struct buf *b)
{
    q->items[q->n++] = b;
}

static inline void queue_clear(struct queue *q)
{
    while (q->n > 0)
        buf_free(q->items[--q->n]);
}

struct conn {
    int fd;
    char peer[64];
};

/* Opens a connection to name (a test double: "down" refuses); 0 or -errno. */
static inline int conn_open(const char *name, struct conn **out)
{
    struct conn *c;

    if (strcmp(name, "down") == 0)
        return -ECONNREFUSED;
    c = calloc(1, sizeof(*c));
    if (!c)
        return -ENOMEM;
    strncpy(c->peer, name, sizeof(c->peer) - 1);
    *out = c;
    return 0;
}

/* Sends msg; a message that names "drop" is refused. 0 or -errno. */
static inline int conn_send(struct conn *c, const char *msg)
{
    (void)c;
    return strstr(msg, "drop") ? -EPIPE : 0;
}

static inline void conn_close(struct conn *c)
{
    free(c);
}

#endif
