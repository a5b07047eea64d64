/* unwind-zlib-gz: gzdopen() takes the descriptor over; gzclose() then closes both.
 * open_log_gz() closes fd itself only when gzdopen() fails; once gz exists, the
 * gzbuffer() failure path closes gz (and with it fd), and success returns gz.
 * build: pkg-config zlib
 * drive: ({ char p[] = "/tmp/cocci-unwind-gz-XXXXXX"; int t = mkstemp(p); gzFile gz = t >= 0 ? open_log_gz(p, 8192) : NULL; int ok = gz != NULL; if (gz) gzclose(gz); if (t >= 0) { unlink(p); close(t); } ok; })
 * drive: ({ char p[] = "/tmp/cocci-unwind-gz-XXXXXX"; int t = mkstemp(p); gzFile gz = t >= 0 ? open_log_gz(p, 0x80000000u) : NULL; int ok = t >= 0 && gz == NULL; if (t >= 0) { unlink(p); close(t); } ok; })
 * drive: open_log_gz("/nonexistent/cocci-unwind.gz", 8192) == NULL
 */
#include <fcntl.h>
#include <unistd.h>

#include <zlib.h>

/* path opened for appending gzip members, with a buffer of bufsize bytes. */
gzFile open_log_gz(const char *path, unsigned bufsize)
{
    gzFile gz;
    int fd;

    fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        return NULL;
    gz = gzdopen(fd, "ab");
    if (!gz) {
        close(fd);
        return NULL;
    }
    if (gzbuffer(gz, bufsize) != 0) {
        gzclose(gz);
        return NULL;
    }
    return gz;
}
