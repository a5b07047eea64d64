/* unwind-file: the exit's own condition says the stream was not opened (`&& !fp`).
 * drive: count_lines("/etc/hostname", 1)
 * drive: count_lines("/nonexistent/x", 1)
 * drive: count_lines("/nonexistent/x", 0)
 */
#include <stdio.h>

int count_lines(const char *path, int required)
{
    FILE *fp = fopen(path, "r");
    int c, n = 0;

    if (required && !fp)
        return -1;
    if (!fp)
        return 0;
    while ((c = fgetc(fp)) != EOF)
        if (c == '\n')
            n++;
    fclose(fp);
    return n;
}
