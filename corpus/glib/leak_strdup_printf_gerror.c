/* unwind-glib: a GError path returns before freeing a g_strdup_printf() path.
 * When g_file_set_contents() fails, save_counter() prefixes and propagates the GError and
 * returns FALSE without g_free(path); the success path frees it.
 * build: pkg-config glib-2.0
 * drive: ({ char d[] = "/tmp/cocci-unwind-glib-XXXXXX"; char f[64]; int ok = g_mkdtemp(d) != NULL && save_counter(d, 7, NULL); snprintf(f, sizeof(f), "%s/counter-7", d); unlink(f); rmdir(d); ok; })
 * drive: ({ GError *e = NULL; int ok = save_counter("/nonexistent/cocci-unwind", 7, &e); if (e) g_error_free(e); ok; })
 */
#include <glib.h>

gboolean save_counter(const char *dir, int value, GError **error)
{
    char *path = g_strdup_printf("%s/counter-%d", dir, value);
    char text[32];

    g_snprintf(text, sizeof(text), "%d\n", value);
    if (!g_file_set_contents(path, text, -1, error)) {
        g_prefix_error(error, "saving counter %d: ", value);
        return FALSE;
    }
    g_free(path);
    return TRUE;
}
