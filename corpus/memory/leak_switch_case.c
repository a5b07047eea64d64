/* unwind-memory: a leak in only one switch case.
 * The 'd' case returns -EINVAL without freeing name when the argument is not an
 * absolute path; every other case breaks out of the switch and reaches free(name).
 * drive: parse_option('n', "width")
 * drive: parse_option('d', "/tmp")
 * drive: parse_option('d', "tmp")
 * drive: parse_option('x', "value")
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int parse_option(char opt, const char *arg)
{
    char *name = strdup(arg);
    int ret;

    if (!name)
        return -ENOMEM;

    switch (opt) {
    case 'n':
        ret = (int)strlen(name);
        break;
    case 'd':
        if (name[0] != '/')
            return -EINVAL;
        ret = 1;
        break;
    default:
        ret = -ENOTSUP;
        break;
    }
    free(name);
    return ret;
}
