/* unwind-memory: a leak in a function whose macro hides a goto over the declaration.
 * CHECK_OR_FAIL() jumps to fail before copy is declared; the -E2BIG return leaks copy.
 * A cleanup variable declared after that hidden goto would be released at the label
 * uninitialised: the cleanup style declines it; goto and release fix the return.
 * drive: parse_name("abc")
 * drive: parse_name("#abc")
 * drive: parse_name("abcdefghijk")
 * drive: parse_name("")
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_OR_FAIL(c) do { if (!(c)) goto fail; } while (0)

int parse_name(const char *s)
{
    int n;

    CHECK_OR_FAIL(s[0] != '\0');
    char *copy;
    copy = strdup(s);
    if (!copy)
        return -ENOMEM;
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
    return -EINVAL;
}
