/* unwind-fd (negative): pipe() fills an array the caller passed (`int fds[2]`, `int *
 * const fds`): the descriptors are the caller's on every exit after the pipe() succeeded,
 * also when a later step fails and the function returns -1 (the caller closes them).
 * drive: ({ int f[2]; int r = open_pipe(f, 0); if (r == 0) { close(f[0]); close(f[1]); } r + 10; })
 * drive: ({ int f[2] = { -1, -1 }; int r = open_pipe(f, 1); if (f[0] >= 0) { close(f[0]); close(f[1]); } r + 10; })
 * drive: ({ int f[2]; int r = open_pipe_ptr(f, 0); if (r == 0) { close(f[0]); close(f[1]); } r + 10; })
 * drive: ({ int f[2] = { -1, -1 }; int r = open_pipe_ptr(f, 1); if (f[0] >= 0) { close(f[0]); close(f[1]); } r + 10; })
 */
#include <fcntl.h>
#include <unistd.h>

int open_pipe(int fds[2], int nonblock)
{
    if (pipe(fds) != 0)
        return -1;
    if (nonblock && fcntl(fds[0], F_SETFL, O_NONBLOCK) != 0)
        return -1;
    return 0;
}

int open_pipe_ptr(int * const fds, int cloexec)
{
    if (0 != pipe(fds))
        return -1;
    if (cloexec && 0 != fcntl(fds[1], F_SETFD, FD_CLOEXEC))
        return -1;
    return 0;
}
