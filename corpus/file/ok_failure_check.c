/* unwind-file: the acquisitions' own failure checks own no stream.
 * The `== NULL` test of fopen() and the `if (!fp)` test of tmpfile() return
 * without a stream; every later exit closes what was opened.
 * drive: count_lines("/etc/hostname")
 * drive: count_lines("/tmp")
 * drive: count_lines("/nonexistent/cocci-unwind")
 * drive: scratch_size("hello\n")
 */
#include <errno.h>
#include <stdio.h>

long count_lines(const char *path)
{
    FILE *fp;
    long lines = 0;
    int c;

    if ((fp = fopen(path, "r")) == NULL)
        return -errno;
    while ((c = getc(fp)) != EOF)
        if (c == '\n')
            lines++;
    if (ferror(fp)) {
        fclose(fp);
        return -EIO;
    }
    fclose(fp);
    return lines;
}

long scratch_size(const char *text)
{
    FILE *fp = tmpfile();
    long size;

    if (!fp)
        return -1;
    fputs(text, fp);
    size = ftell(fp);
    fclose(fp);
    return size;
}
