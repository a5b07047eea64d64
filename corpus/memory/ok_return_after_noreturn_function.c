/* unwind-memory: a return after a call of a function that never returns. die() is declared
 * with the project's NORETURN attribute macro and die_f() is a macro that calls it: the
 * summary learns both, and the path through them ends the process, so the `return -1`
 * after die_f() (written to quiet a compiler) holds nothing. Every other exit frees p
 * (plain spatch: needs the summary pass, which reads the declarations).
 * drive: copy_len("cocci", 3)
 * drive: copy_len("cocci", 10)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NORETURN __attribute__((noreturn))
#define die_f(msg) die(__func__, (msg))

NORETURN static void die(const char *where, const char *msg);

static void die(const char *where, const char *msg)
{
    fprintf(stderr, "%s: %s\n", where, msg);
    exit(2);
}

int copy_len(const char *s, int max)
{
    char *p = strdup(s);
    int n;

    if (p == NULL)
        return -1;
    if (max < 0) {
        die_f("negative limit");
        return -1;
    }
    n = (int)strlen(p);
    free(p);
    return n > max ? max : n;
}
