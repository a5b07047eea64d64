/* unwind-memory: the status of host_dup() is kept through a pointer parameter
 * and its failure test is no leak; the later exit for a host that is too long
 * is: h came from host_dup() and is dropped.
 * drive: ({ char *o = NULL; int e = 0; int r = host_of("example.org", &o, &e); free(o); r; })
 * drive: ({ char *o = NULL; int e = 0; int r = host_of("a-much-longer-host-name.example.org", &o, &e); free(o); r; })
 * drive: ({ char *o = NULL; int e = 0; host_of("-", &o, &e); })
 * drive: ({ char *o = NULL; int e = 0; host_of(".local", &o, &e); })
 */
#include <stdlib.h>
#include <string.h>

static int host_dup(const char *name, char **host)
{
    if (name[0] == '-')
        return 22;
    *host = strdup(name);
    return *host ? 0 : 12;
}

int host_of(const char *name, char **out, int *err)
{
    char *h = NULL;

    *err = host_dup(name, &h);
    if (*err)
        return -1;
    if (h[0] == '.') {
        free(h);
        return -3;
    }
    if (strlen(h) > 24)
        return -2;
    *out = h;
    return 0;
}
