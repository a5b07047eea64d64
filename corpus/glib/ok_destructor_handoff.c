/* unwind-memory: the copy is handed on together with the function that frees it.
 * g_datalist_set_data_full() owns copy from then on (it frees it when the entry goes),
 * so the -E2BIG return after it holds nothing; the '#' exit frees copy itself.
 * build: pkg-config glib-2.0
 * drive: ({ GData *dl; g_datalist_init(&dl); int r = set_label(&dl, "abc"); g_datalist_clear(&dl); r; })
 * drive: ({ GData *dl; g_datalist_init(&dl); int r = set_label(&dl, "#abc"); g_datalist_clear(&dl); r; })
 * drive: ({ GData *dl; g_datalist_init(&dl); int r = set_label(&dl, "abcdefghijk"); g_datalist_clear(&dl); r; })
 */
#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

int set_label(GData **dl, const char *s)
{
    char *copy = strdup(s);

    if (!copy)
        return -ENOMEM;
    if (copy[0] == '#') {
        free(copy);
        return 1;
    }
    g_datalist_set_data_full(dl, "label", copy, free);
    if (strlen(s) > 8)
        return -E2BIG;
    return 0;
}
