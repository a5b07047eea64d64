/* unwind-file: a stream leaks on a write error.
 * save_counter() returns -1 when writing or flushing the value fails (as on
 * /dev/full), leaving fp open; the success path closes it.
 * drive: save_counter("/dev/null", 42)
 * drive: save_counter("/dev/full", 42)
 * drive: save_counter("/nonexistent/cocci-unwind/counter", 42)
 */
#include <stdio.h>

int save_counter(const char *path, long value)
{
    FILE *fp;

    fp = fopen(path, "w");
    if (!fp)
        return -1;
    if (fprintf(fp, "%ld\n", value) < 0 || fflush(fp) != 0)
        return -1;
    fclose(fp);
    return 0;
}
