/* unwind-handle (negative): glob()'s status is the expression of a switch: the success case
 * frees the matches (after a loop that may leave early by break), the other cases hold
 * nothing, and the return after the switch is reached with nothing held.
 * drive: list_matches("/etc/host*", 0) + list_matches("/etc/host*", 1) + list_matches("/nonexistent/cocci-unwind*", 1)
 */
#include <glob.h>
#include <stddef.h>
#include <string.h>

int list_matches(const char *pattern, int stop_at_short)
{
    glob_t gl;
    int n = -1;

    switch (glob(pattern, 0, NULL, &gl)) {
    case 0:
        n = 0;
        for (size_t i = 0; i < gl.gl_pathc; ++i) {
            if (stop_at_short && strlen(gl.gl_pathv[i]) < 4)
                break;
            n++;
        }
        globfree(&gl);
        break;
    case GLOB_NOMATCH:
        n = 0;
        break;
    default:
        break;
    }
    return n;
}
