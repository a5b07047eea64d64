/* unwind-memory: an allocation made in a loop body is carried out by a break.
 * The loop copies one comma-separated field per iteration and frees it; when a
 * field is empty it breaks with field still allocated, and the return after the
 * loop leaks it.
 * drive: count_fields("a,b,")
 * drive: count_fields("")
 */
#include <stdlib.h>
#include <string.h>

int count_fields(const char *line)
{
    char *field;
    size_t len;
    int n = 0;

    for (;;) {
        len = strcspn(line, ",");
        field = strndup(line, len);
        if (!field)
            return -1;
        if (field[0] == '\0')
            break;
        n++;
        free(field);
        line += len;
        if (*line == ',')
            line++;
    }
    return n;
}
