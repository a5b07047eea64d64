/* unwind-fd: the descriptors are made under #ifdef USE_PIPES (a pipe) or its #else (a
 * socket pair). The graph takes a path from the pipe into the #else branch, to the socket
 * pair's failure return; no configuration compiles both the pipe and that return: nothing
 * to report (the failing fork's case closes them under the same #ifdef/#else).
 * drive: spawn_pair(0)
 */
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

int spawn_pair(int fail)
{
    pid_t pid;

#ifdef USE_PIPES
    int pin[2];

    if (pipe(pin) == -1)
        return -1;
#else
    int inout[2];

    if (socketpair(AF_UNIX, SOCK_STREAM, 0, inout) == -1)
        return -1;
#endif
    switch ((pid = fork())) {
    case -1:
#ifdef USE_PIPES
        close(pin[0]);
        close(pin[1]);
#else
        close(inout[0]);
        close(inout[1]);
#endif
        return -1;
    case 0:
        _exit(fail);
    default:
        break;
    }
#ifdef USE_PIPES
    close(pin[0]);
    close(pin[1]);
#else
    close(inout[0]);
    close(inout[1]);
#endif
    waitpid(pid, NULL, 0);
    return 0;
}
