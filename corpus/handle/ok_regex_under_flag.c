/* unwind-handle (negative): a regex compiled only when a flag is set (`if (use_re &&
 * regcomp(&re, ...) != 0) return -1;`, or inside `if (use_re) { ... }`), and freed at the
 * label under the same flag; the early goto reaches that release.
 * drive: match_line("a.c", "\\.c$", 1) + match_line("a.c", "\\.c$", 0) + match_line(0, "x", 1) + match_line("a", "(", 1)
 * drive: match_word("word", "^w", 1) + match_word("word", "^w", 0) + match_word(0, "x", 1) + match_word("a", "(", 1)
 */
#include <regex.h>
#include <stddef.h>
#include <string.h>

int match_line(const char *line, const char *pattern, int use_re)
{
    regex_t re;
    int rc = -1;

    if (use_re && regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
        return -1;
    if (line == NULL)
        goto out;
    if (use_re)
        rc = regexec(&re, line, 0, NULL, 0) == 0;
    else
        rc = strstr(line, pattern) != NULL;
out:
    if (use_re)
        regfree(&re);
    return rc;
}

int match_word(const char *word, const char *pattern, int use_re)
{
    regex_t re;
    int rc = -1;

    if (use_re) {
        if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
            return -1;
    }
    if (word == NULL)
        goto out;
    rc = use_re ? regexec(&re, word, 0, NULL, 0) == 0 : strcmp(word, pattern) == 0;
out:
    if (use_re)
        regfree(&re);
    return rc;
}
