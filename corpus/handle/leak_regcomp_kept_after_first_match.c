/* unwind-handle: the compiled pattern leaks on an exit after it was first used.
 * count_words() gives &re to regexec() on every word; the exit for an empty word returns
 * -1 without regfree(&re). Giving the address of a regex_t to a call is using it, not
 * handing it on: the object is held by value and only regfree() releases what is in it.
 * drive: ({ const char *w[] = { "ab", "cd", NULL }; count_words("^[a-z]+$", w); }) == 2
 * drive: ({ const char *w[] = { "ab", "", NULL }; count_words("^[a-z]+$", w); }) == -1
 * drive: ({ const char *w[] = { "ab", NULL }; count_words("(", w); }) == -1
 */
#include <regex.h>
#include <stddef.h>

/* How many of the words (up to a NULL) match pattern, or -1 on an error or an empty word. */
int count_words(const char *pattern, const char **words)
{
    regex_t re;
    int n = 0;

    if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
        return -1;
    for (; *words; words++) {
        if (regexec(&re, *words, 0, NULL, 0) == 0)
            n++;
        else if (**words == '\0')
            return -1;
    }
    regfree(&re);
    return n;
}
