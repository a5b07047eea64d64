/* unwind-handle: the acquisition and the release at the label under the same #ifdef.
 * bind_to() lists the interfaces only where HAVE_IFADDRS is defined, and frees the list at
 * the label under the same #ifdef, after freeing the address list it was given (it consumes
 * its argument; a failed getifaddrs() leaves the list NULL). spatch's graph also walks past
 * the ifdef'd release as if the #ifdef were off (with the #ifdef of the declaration after a
 * blank line, as here; openssh's sshconnect.c has it after other declarations), where there
 * is no acquisition either.
 * drive: ({ struct addrinfo *a = NULL; getaddrinfo("localhost", NULL, NULL, &a); bind_to(1, a); })
 * drive: ({ struct addrinfo *a = NULL; getaddrinfo("localhost", NULL, NULL, &a); bind_to(0, a); })
 */
#include <ifaddrs.h>
#include <netdb.h>
#include <stddef.h>

#define HAVE_IFADDRS 1

static int pick(const struct ifaddrs *list, int *len)
{
    *len = list != NULL;
    return 0;
}

static int attach(int len)
{
    return len > 4096 ? -1 : 0;
}

int bind_to(int by_interface, struct addrinfo *res)
{

#ifdef HAVE_IFADDRS
    struct ifaddrs *ifaddrs = NULL;
#endif
    int len = 0, r = 0;

    if (by_interface) {
#ifdef HAVE_IFADDRS
        if (getifaddrs(&ifaddrs) != 0) {
            r = -1;
        }
        if (pick(ifaddrs, &len) != 0) {
            r = -2;
        }
#endif
    }
    if (attach(len) != 0) {
        r = -3;
    }
    goto out;
out:
    freeaddrinfo(res);
#ifdef HAVE_IFADDRS
    if (ifaddrs != NULL)
        freeifaddrs(ifaddrs);
#endif
    return r;
}
