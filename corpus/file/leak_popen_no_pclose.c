/* unwind-file: a popen() stream is not pclose()d on an error return.
 * When the command prints nothing, command_output() returns -1 with p still
 * open (and the child never reaped); the other exits go through pclose().
 * drive: ({ char b[64]; command_output("echo hello", b, sizeof(b)); })
 * drive: ({ char b[64]; command_output("true", b, sizeof(b)); })
 * drive: ({ char b[64]; command_output("echo hello; exit 3", b, sizeof(b)); })
 */
#include <stdio.h>
#include <string.h>

int command_output(const char *cmd, char *buf, int size)
{
    FILE *p;

    p = popen(cmd, "r");
    if (!p)
        return -1;
    if (!fgets(buf, size, p))
        return -1;
    if (pclose(p) != 0)
        return -1;
    buf[strcspn(buf, "\n")] = '\0';
    return 0;
}
