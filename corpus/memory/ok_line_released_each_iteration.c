/* unwind-memory (negative): each line is read in the loop body, released at the end of the
 * same iteration, and the only way out of the loop with a line held is the read's own
 * failure test (`if (!line) break;`). The breaks of the switch stay in the loop, and the
 * continue comes after the release: the returns after the loop hold nothing (htop reads its
 * settings and lsof's output this way).
 * drive: count_fields("a=1\nb=2\n#c\n")
 * drive: count_fields("")
 * drive: count_fields("x\ny=\n")
 */
#include <stdlib.h>
#include <string.h>

static char *next_line(const char **text)
{
    const char *end = strchr(*text, '\n');
    size_t n;
    char *line;

    if (end == NULL)
        return NULL;
    n = (size_t)(end - *text);
    line = malloc(n + 1);
    if (line == NULL)
        return NULL;
    memcpy(line, *text, n);
    line[n] = '\0';
    *text = end + 1;
    return line;
}

int count_fields(const char *text)
{
    int fields = 0, comments = 0;

    for (;;) {
        char *line = next_line(&text);
        if (!line) {
            break;
        }

        char kind = line[0];
        switch (kind) {
        case '#':
            comments++;
            break;
        case '\0':
            break;
        default:
            if (strchr(line, '='))
                fields++;
            break;
        }

        free(line);
        if (kind == '#')
            continue;
    }

    if (comments > fields)
        return -1;
    return fields;
}
