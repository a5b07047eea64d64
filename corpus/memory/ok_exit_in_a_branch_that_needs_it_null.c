/* unwind-memory: the exits inside `else if (!tiny && !uuid && !floppy)` run only while uuid
 * holds nothing (one of the && operands says so), though the graph joins them to the path on
 * which private_uuid() filled it; the last exit frees it.
 * drive: probe(150, 0)
 * drive: probe(11, 0)
 * drive: probe(7, 0)
 * drive: probe(7, 1)
 */
#include <stdlib.h>
#include <string.h>

/* 1 and *uuid = a copy of the device's uuid for a private device (above 99); else 0. */
int private_uuid(int dev, char **uuid)
{
    if (dev < 100)
        return 0;
    *uuid = strdup("uuid");
    return *uuid != NULL;
}

/* 0, or -1 / -2 for a large or middle-sized public device (not a floppy). */
int probe(int dev, int floppy)
{
    char *uuid = NULL;

    if (!floppy && private_uuid(dev, &uuid)) {
        dev = 0;
    } else if (dev > 1 && !uuid && !floppy) {
        if (dev > 10)
            goto err;
        if (dev > 5)
            return -2;
    }
    free(uuid);
    return 0;
err:
    return -1;
}
