/* unwind-conn (configured pair): conn_open()'s own failure branch, then a goto to the
 * label that closes.
 * When conn_open() fails it wrote no connection, so returning is right; every later exit
 * goes through `out`, which calls conn_close().
 * build: buf.h
 * drive: broadcast("backup", "a", "b")
 * drive: broadcast("backup", "a", "drop")
 * drive: broadcast("backup", "drop", "b")
 * drive: broadcast("down", "a", "b")
 */
#include "buf.h"

int broadcast(const char *peer, const char *first, const char *second)
{
    struct conn *c;
    int err;

    err = conn_open(peer, &c);
    if (err < 0)
        return err;
    err = conn_send(c, first);
    if (err < 0)
        goto out;
    err = conn_send(c, second);
out:
    conn_close(c);
    return err;
}
