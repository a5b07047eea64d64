/* unwind-conn (configured pair): a connection opened through an out-parameter is left
 * open when sending fails.
 * conn_open() writes the connection through its second argument (`acquire conn conn_open
 * out:1 neg conn_close`); notify() returns the error of conn_send() without conn_close().
 * build: buf.h
 * drive: notify("backup", "done")
 * drive: notify("backup", "drop me")
 * drive: notify("down", "done")
 */
#include "buf.h"

int notify(const char *peer, const char *msg)
{
    struct conn *c;
    int err;

    err = conn_open(peer, &c);
    if (err < 0)
        return err;
    err = conn_send(c, msg);
    if (err < 0)
        return err;
    conn_close(c);
    return 0;
}
