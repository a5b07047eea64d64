/* unwind-file: a goto to the wrong label of an err_ ladder.
 * When the header line is cut off (no newline), load_table() jumps to err_free
 * and skips err_close, so fp stays open; the empty-file error takes err_close.
 * drive: ({ struct table *t = load_table("/etc/hostname"); int ok = t != NULL; free(t); ok; })
 * drive: ({ struct table *t = load_table("/dev/null"); int ok = t != NULL; free(t); ok; })
 * drive: ({ struct table *t = load_table("/dev/zero"); int ok = t != NULL; free(t); ok; })
 * drive: ({ struct table *t = load_table("/nonexistent/cocci-unwind"); int ok = t != NULL; free(t); ok; })
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct table {
    char header[256];
    size_t rows;
};

struct table *load_table(const char *path)
{
    struct table *t;
    FILE *fp;
    char line[256];

    t = calloc(1, sizeof(*t));
    if (!t)
        return NULL;
    fp = fopen(path, "r");
    if (!fp)
        goto err_free;
    if (!fgets(t->header, sizeof(t->header), fp))
        goto err_close;
    if (!strchr(t->header, '\n'))
        goto err_free;
    while (fgets(line, sizeof(line), fp))
        t->rows++;
    fclose(fp);
    return t;

err_close:
    fclose(fp);
err_free:
    free(t);
    return NULL;
}
