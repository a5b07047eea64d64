/* unwind-handle: the pattern is compiled under `if (rc == 0) { .. regfree(&re); }` with no
 * else. An exit after that block is reached either through the block, which frees the
 * pattern as one of its own statements, or through the test's false edge, where regcomp()
 * failed and compiled nothing. Nothing to report.
 * drive: ({ char b[] = "abc"; line_matches("b", b); })
 * drive: ({ char b[] = "abc"; line_matches("x", b); })
 * drive: ({ char b[] = "xbc"; line_matches("x", b); })
 * drive: ({ char b[] = "abc"; line_matches("(", b); })
 */
#include <regex.h>
#include <stddef.h>

int line_matches(const char *pattern, const char *line)
{
    regex_t re;
    int rc;

    rc = regcomp(&re, pattern, REG_NOSUB);
    if (rc == 0) {
        rc = regexec(&re, line, 0, NULL, 0);
        regfree(&re);
        if (rc == 0 && line[0] == 'x')
            goto error;
    }
    if (line[0] == '\0') {
        rc = -2;
        goto error;
    }
    return rc == 0;
error:
    return -1;
}
