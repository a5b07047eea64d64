/* unwind-glib: g_autofree variables and g_steal_pointer() (the pack's cleanup macros).
 * path and line are freed by g_autofree on every exit; the one that is returned is stolen
 * with g_steal_pointer(), so the GError exits before it leak nothing.
 * build: pkg-config glib-2.0
 * drive: ({ char d[] = "/tmp/cocci-unwind-glib-XXXXXX"; char f[64]; char *v = NULL; int ok = 0; if (g_mkdtemp(d)) { snprintf(f, sizeof(f), "%s/version", d); g_file_set_contents(f, "2.1\nrest\n", -1, NULL); v = read_version(d, NULL); ok = v && strcmp(v, "2.1") == 0; unlink(f); rmdir(d); } g_free(v); ok; })
 * drive: ({ char d[] = "/tmp/cocci-unwind-glib-XXXXXX"; char f[64]; GError *e = NULL; char *v = NULL; if (g_mkdtemp(d)) { snprintf(f, sizeof(f), "%s/version", d); g_file_set_contents(f, "\n", -1, NULL); v = read_version(d, &e); unlink(f); rmdir(d); } g_clear_error(&e); v == NULL; })
 * drive: ({ GError *e = NULL; char *v = read_version("/nonexistent/cocci-unwind", &e); g_clear_error(&e); v == NULL; })
 */
#include <string.h>

#include <glib.h>

#define VERSION_ERROR g_quark_from_static_string("version-error")

char *read_version(const char *dir, GError **error)
{
    g_autofree char *path = g_build_filename(dir, "version", NULL);
    g_autofree char *text = NULL;
    g_autofree char *line = NULL;
    char *nl;

    if (!g_file_get_contents(path, &text, NULL, error))
        return NULL;
    nl = strchr(text, '\n');
    line = nl ? g_strndup(text, (gsize)(nl - text)) : g_strdup(text);
    if (line[0] == '\0') {
        g_set_error(error, VERSION_ERROR, 1, "%s: empty first line", path);
        return NULL;
    }
    return g_steal_pointer(&line);
}
