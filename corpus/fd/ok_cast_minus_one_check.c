/* unwind-fd (negative): the acquisition's own failure tested against a cast -1, as code
 * with its own descriptor type writes it (`s == (sock_t) -1`); later exits close s.
 * drive: open_listener(0)
 * drive: open_listener(1)
 */
#include <sys/socket.h>
#include <unistd.h>

typedef int sock_t;

int open_listener(int refuse)
{
    sock_t s = socket(AF_INET, SOCK_STREAM, 0);

    if (s == (sock_t) -1)
        return -1;
    if (refuse) {
        close(s);
        return -2;
    }
    close(s);
    return 0;
}
