/* unwind-handle: glob()'s non-zero result is its own failure: nothing to globfree().
 * count_matches() switches on glob()'s result and frees the list only in its case 0;
 * first_match_length() returns on GLOB_NOMATCH and on any other non-zero result.
 * drive: count_matches("/etc/host*") > 0
 * drive: count_matches("/nonexistent/cocci-unwind-*")
 * drive: first_match_length("/etc/host*") > 0
 * drive: first_match_length("/nonexistent/cocci-unwind-*")
 */
#include <glob.h>
#include <stddef.h>
#include <string.h>

int count_matches(const char *pattern)
{
    glob_t g;
    int n = -1;

    switch (glob(pattern, 0, NULL, &g)) {
    case 0:
        n = (int)g.gl_pathc;
        globfree(&g);
        break;
    case GLOB_NOMATCH:
        n = 0;
        break;
    default:
        break;
    }
    return n;
}

int first_match_length(const char *pattern)
{
    glob_t g;
    int r, len;

    r = glob(pattern, 0, NULL, &g);
    if (r == GLOB_NOMATCH)
        return 0;
    if (r != 0)
        return -1;
    len = (int)strlen(g.gl_pathv[0]);
    globfree(&g);
    return len;
}
