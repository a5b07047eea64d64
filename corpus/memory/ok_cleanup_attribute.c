/* unwind-memory: a variable declared with __attribute__((cleanup(fn))).
 * copy is freed by free_charp() on every exit, including the early return
 * from inside the strtok_r loop.
 * drive: count_words("one two three")
 * drive: count_words("one # two")
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void free_charp(char **p)
{
    free(*p);
}

int count_words(const char *s)
{
    char *copy __attribute__((cleanup(free_charp))) = strdup(s);
    char *tok, *save;
    int n = 0;

    if (!copy)
        return -ENOMEM;
    for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        if (tok[0] == '#')
            return n;
        n++;
    }
    return n;
}
