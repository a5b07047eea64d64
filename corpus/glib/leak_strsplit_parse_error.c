/* unwind-glib: the vector of g_strsplit() is lost on the first parse error.
 * parse_setting() splits "key=value"; a line without '=' sets the GError and returns
 * without g_strfreev(kv), while the bad-number error and the success path free it.
 * build: pkg-config glib-2.0
 * drive: ({ char *k = NULL; int v = 0; int ok = parse_setting("width = 80", &k, &v, NULL); g_free(k); ok * 100 + v; })
 * drive: ({ GError *e = NULL; char *k = NULL; int v = 0; int ok = parse_setting("width", &k, &v, &e); g_clear_error(&e); ok; })
 * drive: ({ GError *e = NULL; char *k = NULL; int v = 0; int ok = parse_setting("width=eighty", &k, &v, &e); g_clear_error(&e); ok; })
 */
#include <glib.h>

#define SETTINGS_ERROR g_quark_from_static_string("settings-error")

gboolean parse_setting(const char *line, char **key, int *value, GError **error)
{
    char **kv = g_strsplit(line, "=", 2);
    char *end;
    gint64 v;

    if (kv[0] == NULL || kv[1] == NULL) {
        g_set_error(error, SETTINGS_ERROR, 1, "no '=' in \"%s\"", line);
        return FALSE;
    }
    v = g_ascii_strtoll(g_strstrip(kv[1]), &end, 10);
    if (*end != '\0' || end == kv[1] || v < G_MININT || v > G_MAXINT) {
        g_set_error(error, SETTINGS_ERROR, 2, "\"%s\" is not a number", kv[1]);
        g_strfreev(kv);
        return FALSE;
    }
    *key = g_strdup(g_strstrip(kv[0]));
    *value = (int)v;
    g_strfreev(kv);
    return TRUE;
}
