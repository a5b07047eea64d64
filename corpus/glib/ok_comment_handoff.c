/* unwind-fd: a comment above the call says that what takes the descriptor owns it.
 * The channel closes fd at its last unref (g_io_channel_set_close_on_unref), so the -EIO
 * return after it holds nothing; the early exit closes fd itself.
 * build: pkg-config glib-2.0
 * drive: watch_file("/etc/hostname", 0)
 * drive: watch_file("/etc/hostname", 1)
 * drive: watch_file("/nonexistent", 0)
 * drive: watch_file("/dev/null", 0)
 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>

int watch_file(const char *path, int fail_late)
{
    GIOChannel *ch;
    int fd = open(path, O_RDONLY);

    if (fd < 0)
        return -errno;
    if (strcmp(path, "/dev/null") == 0) {
        close(fd);
        return -EINVAL;
    }
    /* the channel owns fd from here on: it closes it at its last unref */
    ch = g_io_channel_unix_new(fd);
    g_io_channel_set_close_on_unref(ch, TRUE);
    if (fail_late) {
        g_io_channel_unref(ch);
        return -EIO;
    }
    g_io_channel_unref(ch);
    return 0;
}
