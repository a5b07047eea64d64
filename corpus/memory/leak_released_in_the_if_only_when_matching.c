/* unwind-memory: the acquisition is the last operand of an && chain in an if without an
 * else, but the then branch frees the answer only when it matches: the return after the if
 * leaks it when the answer differs (the false edge of the condition holds nothing; the way
 * through the then branch does).
 * drive: answer_matches("yes", "yes")
 * drive: answer_matches("yes", "no")
 * drive: answer_matches("", "yes")
 */
#include <stdlib.h>
#include <string.h>

/* 1 when the answer typed matches want, else 0; no question without a wanted answer. */
int answer_matches(const char *want, const char *typed)
{
    char *ans = NULL;

    if (want && *want && (ans = strdup(typed))) {
        if (strcmp(ans, want) == 0) {
            free(ans);
            return 1;
        }
    }
    return 0;
}
