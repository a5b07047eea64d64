/* unwind-handle: glob() results freed at a shared out: label.
 * A failed glob() returns before anything is owned; the "too many matches"
 * path jumps to out, which calls globfree(&g) before returning.
 * Nothing to report.
 * drive: count_matches("/etc/[a-z]*", 100000)
 * drive: count_matches("/etc/[a-z]*", 1)
 * drive: count_matches("/no/such/dir/[a-z]*", 10)
 */
#include <glob.h>
#include <stddef.h>

int count_matches(const char *pattern, int max)
{
    glob_t g;
    size_t i;
    int n = 0;

    if (glob(pattern, 0, NULL, &g) != 0)
        return 0;
    for (i = 0; i < g.gl_pathc; i++) {
        if (n == max) {
            n = -1;
            goto out;
        }
        n++;
    }
out:
    globfree(&g);
    return n;
}
