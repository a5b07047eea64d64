/* unwind-file: streams whose ownership is handed on are not leaked.
 * open_scratch() returns fp, open_log() writes it through *out and
 * logger_init() stores it in lg->fp.
 * drive: ({ FILE *f = open_scratch("# scratch\n"); int ok = f != NULL; if (f) fclose(f); ok; })
 * drive: ({ FILE *f = NULL; int r = open_log("/dev/null", &f); if (r == 0) fclose(f); r; })
 * drive: ({ struct logger lg; int r = logger_init(&lg, "/dev/null", 2); if (r == 0) fclose(lg.fp); r; })
 * drive: ({ FILE *f = NULL; struct logger lg; open_log("/nonexistent/cocci-unwind/log", &f) + logger_init(&lg, "/nonexistent/cocci-unwind/log", 2); })
 */
#include <stdio.h>

struct logger {
    FILE *fp;
    int level;
};

FILE *open_scratch(const char *header)
{
    FILE *fp = tmpfile();

    if (!fp)
        return NULL;
    fputs(header, fp);
    return fp;
}

int open_log(const char *path, FILE **out)
{
    FILE *fp = fopen(path, "a");

    if (!fp)
        return -1;
    *out = fp;
    return 0;
}

int logger_init(struct logger *lg, const char *path, int level)
{
    FILE *fp = fopen(path, "a");

    if (!fp)
        return -1;
    lg->fp = fp;
    lg->level = level;
    return 0;
}
