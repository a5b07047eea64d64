/* unwind-memory: an early return bypasses the out: label that frees.
 * Every error after the copy goes to out, which frees buf, except the missing
 * '=' case, which returns -EINVAL directly and leaks buf.
 * drive: ({ int k = 0, v = 0; parse_pair("3=4", &k, &v); })
 * drive: ({ int k = 0, v = 0; parse_pair("34", &k, &v); })
 * drive: ({ int k = 0, v = 0; parse_pair("=4", &k, &v); })
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int parse_pair(const char *text, int *key, int *value)
{
    char *buf = strdup(text);
    char *eq;
    int ret = 0;

    if (!buf)
        return -ENOMEM;
    eq = strchr(buf, '=');
    if (!eq)
        return -EINVAL;
    *eq = '\0';
    if (buf[0] == '\0') {
        ret = -EINVAL;
        goto out;
    }
    *key = atoi(buf);
    *value = atoi(eq + 1);
out:
    free(buf);
    return ret;
}
