/* unwind-file: a stream declared with __attribute__((cleanup)) is not leaked.
 * fp is closed by fclosep() when it goes out of scope, so every return of
 * sum_numbers() releases it without an explicit fclose().
 * drive: ({ long s; sum_numbers("/dev/null", &s); })
 * drive: ({ long s; sum_numbers("/etc/hostname", &s); })
 * drive: ({ long s; sum_numbers("/tmp", &s); })
 * drive: ({ long s; sum_numbers("/nonexistent/cocci-unwind", &s); })
 */
#include <stdio.h>

static void fclosep(FILE **fpp)
{
    if (*fpp)
        fclose(*fpp);
}

int sum_numbers(const char *path, long *sum)
{
    __attribute__((cleanup(fclosep))) FILE *fp = NULL;
    long v;

    fp = fopen(path, "r");
    if (!fp)
        return -1;
    *sum = 0;
    while (fscanf(fp, "%ld", &v) == 1)
        *sum += v;
    if (ferror(fp))
        return -1;
    if (!feof(fp))
        return -1;
    return 0;
}
