/* unwind-file: the first of two streams leaks when the second fopen() fails.
 * copy_file() opens src, then returns -1 without closing in when dst cannot be
 * opened; the failure check of the first fopen() and the copy path are clean.
 * drive: copy_file("/etc/hostname", "/dev/null")
 * drive: copy_file("/etc/hostname", "/nonexistent/cocci-unwind/out")
 * drive: copy_file("/nonexistent/cocci-unwind/in", "/dev/null")
 */
#include <stdio.h>

int copy_file(const char *src, const char *dst)
{
    FILE *in, *out;
    char buf[4096];
    size_t n;
    int ret = 0;

    in = fopen(src, "r");
    if (!in)
        return -1;
    out = fopen(dst, "w");
    if (!out)
        return -1;

    while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
        if (fwrite(buf, 1, n, out) != n) {
            ret = -1;
            break;
        }
    }
    if (ferror(in))
        ret = -1;
    if (fclose(out) != 0)
        ret = -1;
    fclose(in);
    return ret;
}
