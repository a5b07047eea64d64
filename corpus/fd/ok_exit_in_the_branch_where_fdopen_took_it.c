/* unwind-fd: the goto is inside `if (f)`, where fdopen() succeeded and the stream owns fd;
 * the label closes the stream, and the else branch (fdopen() failed) closes fd itself.
 * drive: save_lines("out.txt", 2)
 * drive: save_lines("/nonexistent/out.txt", 2)
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* Writes n numbered lines to path: 0, or -1. */
int save_lines(const char *path, int n)
{
    int rc = 0, fd;
    FILE *f;

    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return -1;
    f = fdopen(fd, "w");
    if (f) {
        for (int i = 0; i < n; i++) {
            if (fprintf(f, "line %d\n", i) < 0) {
                rc = -1;
                goto leave;
            }
        }
    } else {
        rc = -1;
        close(fd);
    }
leave:
    if (f)
        fclose(f);
    return rc;
}
