/* unwind-lock: a failed write returns with the stream still locked.
 * write_record() takes the FILE lock with flockfile(fp) so the record is not
 * interleaved; when the key cannot be written it returns -1 without
 * funlockfile(fp).
 * drive: ({ FILE *f = fopen("/dev/null", "w"); int r = f ? write_record(f, "port", 8080) : -2; if (f) fclose(f); r; })
 * drive: ({ FILE *f = fopen("/dev/null", "r"); int r = f ? write_record(f, "port", 8080) : -2; if (f) fclose(f); r; })
 */
#include <stdio.h>

int write_record(FILE *fp, const char *key, int value)
{
    flockfile(fp);
    if (fputs(key, fp) == EOF)
        return -1;
    putc_unlocked('=', fp);
    fprintf(fp, "%d\n", value);
    funlockfile(fp);
    return 0;
}
