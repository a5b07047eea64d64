/* unwind-zlib-gz: a gzFile from gzopen() is not closed when gzread() fails.
 * count_lines_gz() returns -1 on a read error (corrupt compressed data) without
 * gzclose(gz); the end of the file closes it.
 * build: pkg-config zlib
 * drive: count_lines_gz("/etc/hostname")
 * drive: ({ char p[] = "/tmp/cocci-unwind-gz-XXXXXX"; int fd = mkstemp(p); long n = -1; if (fd >= 0) { if (write(fd, "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage-not-deflate", 29) == 29) n = count_lines_gz(p); close(fd); unlink(p); } n; })
 * drive: count_lines_gz("/nonexistent/cocci-unwind.gz")
 */
#include <zlib.h>

/* The number of lines of a gzip (or plain) file, or -1. */
long count_lines_gz(const char *path)
{
    gzFile gz;
    char buf[4096];
    long lines = 0;
    int n, i;

    gz = gzopen(path, "rb");
    if (!gz)
        return -1;
    while ((n = gzread(gz, buf, sizeof(buf))) > 0)
        for (i = 0; i < n; i++)
            lines += buf[i] == '\n';
    if (n < 0)
        return -1;
    gzclose(gz);
    return lines;
}
