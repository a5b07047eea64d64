/* unwind-memory: a return after a call of a helper that never returns, though nothing says
 * so: the helper's body is a call of a macro that logs and calls exit(). The summary learns
 * the macro and then the helper (their code ends in a call that never returns), so the
 * `return -1` after it holds nothing. Every other exit frees the copy
 * (plain spatch: needs the summary pass, which reads the bodies).
 * drive: set_name("cocci", 8)
 * drive: set_name("cocci", 5)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOG_AND_EXIT(msg) \
    do { \
        fprintf(stderr, "fatal: %s\n", (msg)); \
        exit(1); \
    } while (0)

static void too_long(const char *what)
{
    LOG_AND_EXIT(what);
}

int set_name(const char *s, size_t max)
{
    char *copy = strdup(s);

    if (!copy)
        return -1;
    if (strlen(copy) > max) {
        too_long("name");
        return -1;
    }
    free(copy);
    return 0;
}
