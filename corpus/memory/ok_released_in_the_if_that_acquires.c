/* unwind-memory: the acquisition is the last operand of an && chain in an if without an
 * else, and the then branch frees it as one of its own statements. The return after the if
 * is reached with the buffer freed, or through the condition's false edge, where an operand
 * before the acquisition was false (nothing acquired) or the acquisition failed.
 * drive: answer_matches("yes", "yes")
 * drive: answer_matches("yes", "no")
 * drive: answer_matches("", "yes")
 * drive: answer_matches(NULL, "yes")
 */
#include <stdlib.h>
#include <string.h>

/* 1 when the answer typed matches want, else 0; no question without a wanted answer. */
int answer_matches(const char *want, const char *typed)
{
    char *ans;

    if (want && *want && (ans = strdup(typed))) {
        int same = strcmp(ans, want) == 0;

        memset(ans, 0, strlen(ans));
        free(ans);
        if (same)
            return 1;
    }
    return 0;
}
