/* unwind-glib (negative): g_file_get_contents() returns FALSE when it fails, and then
 * sets no contents: its own `if (!g_file_get_contents(...))` exit leaks nothing; path is
 * freed on both exits, contents on success.
 * build: pkg-config glib-2.0
 * drive: load_len("/etc", "hostname")
 * drive: load_len("/nonexistent", "cocci-unwind")
 */
#include <glib.h>

int load_len(const char *dir, const char *name)
{
    char *path = g_build_filename(dir, name, NULL);
    char *contents;
    gsize len;

    if (!g_file_get_contents(path, &contents, &len, NULL)) {
        g_free(path);
        return -1;
    }
    g_free(path);
    g_free(contents);
    return (int)len;
}
