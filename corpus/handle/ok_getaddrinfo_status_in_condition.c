/* unwind-handle: the status of getaddrinfo() kept in the condition that tests it.
 * first_family() returns on `0 != (rc = getaddrinfo(..))`: nothing was allocated;
 * family_or_retry() frees the list in the branch taken on success and returns, so the
 * return after the if is reached only when no call succeeded.
 * drive: first_family("127.0.0.1") > 0
 * drive: first_family("no-such-host.invalid") != 0
 * drive: family_or_retry("127.0.0.1", 0) > 0
 * drive: family_or_retry("127.0.0.1", 1) > 0
 * drive: family_or_retry("no-such-host.invalid", 1) < 0
 */
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>

int first_family(const char *host)
{
    struct addrinfo hints, *res;
    int rc, family;

    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = AI_NUMERICHOST;
    if (0 != (rc = getaddrinfo(host, NULL, &hints, &res)))
        return rc;
    family = res->ai_family;
    freeaddrinfo(res);
    return family;
}

int family_or_retry(const char *host, int retry)
{
    struct addrinfo hints, *res;
    int family;

    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = AI_NUMERICHOST;
    if (retry && 0 == getaddrinfo(host, NULL, &hints, &res)) {
        family = res->ai_family;
        freeaddrinfo(res);
        return family;
    }
    if (!retry && getaddrinfo(host, NULL, &hints, &res) == 0) {
        family = res->ai_family;
        freeaddrinfo(res);
        return family;
    }
    return -1;
}
