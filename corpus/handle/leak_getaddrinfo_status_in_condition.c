/* unwind-handle: the status kept in the condition is no excuse after it.
 * numeric_port() tests `0 != (rc = getaddrinfo(..))` and returns: nothing to free there;
 * but when the result holds no address of the wanted family it returns without
 * freeaddrinfo(res).
 * drive: numeric_port("127.0.0.1", AF_INET) == 0
 * drive: numeric_port("127.0.0.1", AF_INET6) < 0
 * drive: numeric_port("no-such-host.invalid", AF_INET) != 0
 */
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>

int numeric_port(const char *host, int family)
{
    struct addrinfo hints, *res;
    int rc;

    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = AI_NUMERICHOST;
    if (0 != (rc = getaddrinfo(host, NULL, &hints, &res)))
        return rc;
    if (res->ai_family != family)
        return -1;
    freeaddrinfo(res);
    return 0;
}
