/* unwind-handle: the acquisition under `#if defined(A) && defined(B)`, the release at the
 * label under `#ifdef A`: whenever the acquisition is compiled, so is the release. The gotos
 * after getifaddrs() reach the label that frees the list; spatch's graph also walks past the
 * ifdef'd release as if the #ifdef were off, where there is no acquisition either.
 * drive: count_up(1)
 * drive: count_up(0)
 */
#include <ifaddrs.h>
#include <net/if.h>
#include <stddef.h>

#define HAVE_IFADDRS 1
#define WANT_INTERFACES 1

/* How many interfaces are up (when asked to look), or -1. */
int count_up(int look)
{
#ifdef HAVE_IFADDRS
    struct ifaddrs *list = NULL;
#endif
    int n = 0;

    if (!look)
        goto out;
#if defined(HAVE_IFADDRS) && defined(WANT_INTERFACES)
    if (getifaddrs(&list) != 0) {
        n = -1;
        goto out;
    }
    if (list == NULL)
        goto out;
    for (struct ifaddrs *i = list; i; i = i->ifa_next)
        n += (i->ifa_flags & IFF_UP) != 0;
    if (n > 4096) {
        n = -1;
        goto out;
    }
#endif
out:
#ifdef HAVE_IFADDRS
    if (list != NULL)
        freeifaddrs(list);
#endif
    return n;
}
