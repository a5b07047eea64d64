/* unwind-handle: an error path after regcomp() skips regfree().
 * capture_len() needs one capture group; a pattern without one returns
 * -EINVAL and leaks re. The no-match and match paths call regfree(&re).
 * drive: capture_len("key=([a-z]+)", "key=value")
 * drive: capture_len("key=([a-z]+)", "nothing here")
 * drive: capture_len("key=[a-z]+", "key=value")
 * drive: capture_len("key=(", "key=value")
 */
#include <errno.h>
#include <regex.h>
#include <stddef.h>

int capture_len(const char *pattern, const char *text)
{
    regex_t re;
    regmatch_t m[2];

    if (regcomp(&re, pattern, REG_EXTENDED) != 0)
        return -EINVAL;
    if (re.re_nsub < 1)
        return -EINVAL;
    if (regexec(&re, text, 2, m, 0) != 0) {
        regfree(&re);
        return 0;
    }
    regfree(&re);
    return (int)(m[1].rm_eo - m[1].rm_so);
}
