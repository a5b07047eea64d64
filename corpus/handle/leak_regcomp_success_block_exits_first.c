/* unwind-handle: the pattern is compiled under `if (rc == 0) { .. }` with no else, but the
 * block leaves before its own regfree() when the line is empty: that exit holds the
 * compiled pattern. The exit after the block is reached only with the pattern freed or
 * never compiled, so it is not reported.
 * drive: ({ char b[] = "abc"; count_matches("b", b); })
 * drive: ({ char b[] = ""; count_matches("b", b); })
 * drive: ({ char b[] = "abc"; count_matches("(", b); })
 */
#include <regex.h>
#include <stddef.h>

int count_matches(const char *pattern, const char *line)
{
    regex_t re;
    int rc, n = 0;

    rc = regcomp(&re, pattern, REG_NOSUB);
    if (rc == 0) {
        if (line[0] == '\0')
            return -1;
        n = regexec(&re, line, 0, NULL, 0) == 0;
        regfree(&re);
    }
    if (rc != 0)
        return -2;
    return n;
}
