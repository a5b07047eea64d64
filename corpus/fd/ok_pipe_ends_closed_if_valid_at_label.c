/* unwind-fd-pair: the label closes each end of the pipe under a test that it is open, and the
 * read end under the `else` of the stream that took it over; the success path closes the
 * stream (and with it the read end) and the write end.
 * drive: echo_number(7)
 * drive: echo_number(-1)
 * drive: echo_number(1234567)
 * drive: echo_number(99)
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* n written into a pipe and read back through a stream; -1 for a negative n, 99 (refused)
 * or an error. */
int echo_number(int n)
{
    int fds[2] = { -1, -1 };
    FILE *stream = NULL;
    char text[16];
    int v = -1;

    if (n < 0)
        goto nothing;
    if (pipe(fds) < 0)
        goto nothing;
    switch (n) {
    case 99:
        goto nothing;
    default:
        break;
    }
    snprintf(text, sizeof(text), "%d\n", n);
    if (write(fds[1], text, strlen(text)) != (ssize_t)strlen(text))
        goto nothing;
    stream = fdopen(fds[0], "r");
    if (!stream)
        goto nothing;
    if (fscanf(stream, "%d", &v) != 1)
        goto nothing;
    fclose(stream);
    close(fds[1]);
    return v;
nothing:
    if (stream)
        fclose(stream);
    else if (fds[0] != -1)
        close(fds[0]);
    if (fds[1] != -1)
        close(fds[1]);
    return -1;
}
