/* unwind-file: streams released under a condition at a shared label.
 * Every exit of append_file() goes to out:, where `if (out) fclose(out);` and
 * `if (in) fclose(in);` release whatever was opened.
 * drive: append_file("/etc/hostname", "/dev/null")
 * drive: append_file("/etc/hostname", "/dev/full")
 * drive: append_file("/tmp", "/dev/null")
 * drive: append_file("/etc/hostname", "/nonexistent/cocci-unwind/out")
 * drive: append_file("/nonexistent/cocci-unwind/in", "/dev/null")
 */
#include <stdio.h>

int append_file(const char *src, const char *dst)
{
    FILE *in = NULL, *out = NULL;
    char line[512];
    int ret = -1;

    in = fopen(src, "r");
    if (!in)
        goto out;
    out = fopen(dst, "a");
    if (!out)
        goto out;
    while (fgets(line, sizeof(line), in))
        fputs(line, out);
    if (ferror(in) || fflush(out) != 0)
        goto out;
    ret = 0;
out:
    if (out)
        fclose(out);
    if (in)
        fclose(in);
    return ret;
}
