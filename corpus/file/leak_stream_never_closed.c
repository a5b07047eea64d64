/* unwind-file: a stream that only fgets() and feof() read is closed nowhere.
 * The function hands f to no one, so every exit that does not fclose() it
 * leaks it: the match returns 1 and the end of the file returns 0, both
 * with f open. Reported high although no path releases it.
 * drive: has_line("/etc/hostname", "no such line")
 * drive: has_line("/etc/passwd", "")
 * drive: has_line("/nonexistent", "x")
 */
#include <stdio.h>
#include <string.h>

int has_line(const char *path, const char *want)
{
    char buf[256];
    FILE *f;

    f = fopen(path, "r");
    if (!f)
        return -1;
    while (!feof(f)) {
        if (!fgets(buf, sizeof(buf), f))
            break;
        buf[strcspn(buf, "\n")] = '\0';
        if (strcmp(buf, want) == 0)
            return 1;
    }
    return 0;
}
