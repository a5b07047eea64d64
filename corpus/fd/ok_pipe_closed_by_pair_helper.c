/* unwind-fd (negative): both ends of a pipe closed through a helper given the whole array.
 * close_pair() closes fds[0] and fds[1]; spawn_reader() calls it when fork() fails, under
 * the same flag that made the pipe (util-linux lib/pager.c, start_command). The summary
 * pass reads close(fd[0]) in close_pair(int fd[2]) as a release of its parameter, so the
 * return after it leaks nothing.
 * drive: spawn_reader(0)
 * drive: ({ int r = spawn_reader(1); r < 0 ? r : 0; })
 */
#include <sys/wait.h>
#include <unistd.h>

static void close_pair(int fd[2])
{
    close(fd[0]);
    close(fd[1]);
}

int spawn_reader(int need_pipe)
{
    int fds[2];
    pid_t pid;

    if (need_pipe) {
        if (pipe(fds) < 0)
            return -1;
    }
    pid = fork();
    if (pid == 0) {
        if (need_pipe && dup2(fds[0], STDIN_FILENO) >= 0)
            close(fds[1]);
        _exit(0);
    }
    if (pid < 0) {
        if (need_pipe)
            close_pair(fds);
        return -1;
    }
    if (need_pipe)
        close_pair(fds);
    waitpid(pid, NULL, 0);
    return (int)pid;
}
