/* unwind-inferred (negative): a pointer read back through an accessor is borrowed, not acquired.
 * conn_get_private_data() returns what the connection stores. The read handler frees the
 * client on an error (the client is being closed) and returns without freeing it when
 * there is nothing to read or more to come: the connection still owns it. No pair is
 * learned from an accessor named get...data, get...value or ...getspecific.
 * drive: ({ struct conn *k = conn_new(0); int r = k ? read_handler(k) : -9; conn_free(k); r; })
 * drive: ({ struct conn *k = conn_new(1); int r = k ? read_handler(k) : -9; conn_free(k); r; })
 * drive: ({ struct conn *k = conn_new(-1); int r = k ? read_handler(k) : -9; conn_free(k); r; })
 */
#include <stdlib.h>

struct client {
    int pending;
};

struct conn {
    void *private_data;
};

static void free_client(struct client *c)
{
    free(c);
}

static void *conn_get_private_data(struct conn *k)
{
    return k->private_data;
}

struct conn *conn_new(int pending)
{
    struct conn *k = malloc(sizeof(*k));
    struct client *c;

    if (!k)
        return NULL;
    c = malloc(sizeof(*c));
    if (!c) {
        free(k);
        return NULL;
    }
    c->pending = pending;
    k->private_data = c;
    return k;
}

void conn_free(struct conn *k)
{
    if (!k)
        return;
    free_client(k->private_data);
    free(k);
}

int read_handler(struct conn *k)
{
    struct client *c = conn_get_private_data(k);

    if (c->pending == 0)
        return 0;
    if (c->pending > 0) {
        free_client(c);
        k->private_data = NULL;
        return -1;
    }
    return 1;
}
