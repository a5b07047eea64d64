/* unwind-handle: regcomp()'s own failure check, then regfree() on every exit.
 * The early return after a failed regcomp() owns nothing; the match inside
 * the loop frees re before returning, as does the final return.
 * Nothing to report.
 * drive: ({ const char *l[] = { "alpha", "beta" }; matches_any("^b", l, 2); })
 * drive: ({ const char *l[] = { "alpha", "beta" }; matches_any("^z", l, 2); })
 * drive: ({ const char *l[] = { "alpha", "beta" }; matches_any("(", l, 2); })
 */
#include <regex.h>
#include <stddef.h>

int matches_any(const char *pattern, const char *const *lines, int n)
{
    regex_t re;
    int i;

    if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB))
        return -1;
    for (i = 0; i < n; i++) {
        if (regexec(&re, lines[i], 0, NULL, 0) == 0) {
            regfree(&re);
            return 1;
        }
    }
    regfree(&re);
    return 0;
}
