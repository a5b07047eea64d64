/* unwind-memory: the buffer handed on by `return (buf);`, in the parenthesised style of
 * BSD code (tmux): the parentheses do not hide the hand-off.
 * drive: ({ char *t = token(0); int r = t != NULL; free(t); r; })
 * drive: ({ char *t = token(1); int r = t != NULL; free(t); r; })
 */
#include <stdlib.h>
#include <string.h>

char *token(int n)
{
    char *buf = malloc(8);
    if (buf == NULL)
        return (NULL);
    if (n == 1) {
        free(buf);
        return (NULL);
    }
    strcpy(buf, "token");
    return (buf);
}
