/* unwind-memory: a release under `if (p)` inside a branch that returns covers only
 * that branch. load_words() frees words when fill_words() fails, under a NULL test, and
 * returns; the later exit on an empty result leaks words.
 * drive: load_words("alpha beta", 4)
 * drive: load_words("", 4)
 * drive: load_words("alpha", -1)
 */
#include <stdlib.h>
#include <string.h>

static int fill_words(char *buf, const char *text, int max)
{
    if (max < 0)
        return -1;
    strcpy(buf, text);
    return (int)strlen(buf);
}

int load_words(const char *text, int max)
{
    char *words;
    int n;

    words = malloc(strlen(text) + 1);
    if (words == NULL)
        return -1;
    n = fill_words(words, text, max);
    if (n < 0) {
        if (words)
            free(words);
        return -1;
    }
    if (n == 0)
        return 0;
    free(words);
    return n;
}
