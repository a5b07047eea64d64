/* unwind-memory: a goto to a label that does not free the buffer.
 * A short read jumps to out, the label meant for errors before the allocation,
 * instead of out_free, so data leaks; the other error takes the right label.
 * drive: ({ FILE *f = fopen("/dev/null", "r"); int r = f ? read_record(f, 16) : -1; if (f) fclose(f); r; })
 * drive: ({ FILE *f = fopen("/dev/zero", "r"); int r = f ? read_record(f, 16) : -1; if (f) fclose(f); r; })
 * drive: ({ FILE *f = fopen("/etc/hostname", "r"); int r = f ? read_record(f, 1) : -1; if (f) fclose(f); r; })
 * drive: ({ FILE *f = fopen("/dev/zero", "r"); int r = f ? read_record(f, 0) : -1; if (f) fclose(f); r; })
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int read_record(FILE *f, size_t size)
{
    unsigned char *data;
    int ret = 0;

    if (size == 0) {
        ret = -EINVAL;
        goto out;
    }
    data = malloc(size);
    if (!data) {
        ret = -ENOMEM;
        goto out;
    }
    if (fread(data, 1, size, f) != size) {
        ret = -EIO;
        goto out;
    }
    if (data[0] != 0) {
        ret = -EBADMSG;
        goto out_free;
    }
    ret = (int)size;
out_free:
    free(data);
out:
    return ret;
}
