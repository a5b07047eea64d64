/* unwind-memory: a leak in a function whose macro hides a goto after the declaration.
 * CHECK_OR_FAIL() jumps to fail once copy is declared; the -E2BIG return leaks copy.
 * The hidden goto starts in the scope of copy: a cleanup variable there is safe, and
 * every style fixes the return (the label frees nothing that the cleanup frees).
 * drive: parse_name("abc")
 * drive: parse_name("#abc")
 * drive: parse_name("abcdefghijk")
 * drive: parse_name("a")
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_OR_FAIL(c) do { if (!(c)) goto fail; } while (0)

int parse_name(const char *s)
{
    int n;
    char *copy = strdup(s);

    if (!copy)
        return -ENOMEM;
    CHECK_OR_FAIL(s[1] != '\0');
    if (copy[0] == '#') {
        free(copy);
        return 1;
    }
    if (strlen(copy) > 8)
        return -E2BIG;
    n = (int)strlen(copy);
    free(copy);
    return n;
fail:
    free(copy);
    return -EINVAL;
}
