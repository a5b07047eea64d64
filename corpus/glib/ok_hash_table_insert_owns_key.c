/* unwind-glib: g_hash_table_insert() takes the key over (a sink of the glib pack).
 * word_counts() g_strdup()s each word into a table made with g_free as its key destroy
 * function; the table owns the key from then on (it frees the new key itself when the word
 * was already there). The invalid-UTF-8 exit unrefs the table and frees the word vector.
 * build: pkg-config glib-2.0
 * drive: ({ GHashTable *t = word_counts("to be or not to be", NULL); int n = t ? (int)g_hash_table_size(t) * 10 + GPOINTER_TO_INT(g_hash_table_lookup(t, "be")) : -1; if (t) g_hash_table_unref(t); n; })
 * drive: ({ GError *e = NULL; GHashTable *t = word_counts("ok \xff bad", &e); g_clear_error(&e); t == NULL; })
 */
#include <glib.h>

#define WORDS_ERROR g_quark_from_static_string("words-error")

GHashTable *word_counts(const char *text, GError **error)
{
    GHashTable *counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    char **words = g_strsplit(text, " ", -1);
    int i;

    for (i = 0; words[i] != NULL; i++) {
        char *key;
        int n;

        if (words[i][0] == '\0')
            continue;
        if (!g_utf8_validate(words[i], -1, NULL)) {
            g_set_error(error, WORDS_ERROR, 1, "word %d is not UTF-8", i + 1);
            g_strfreev(words);
            g_hash_table_unref(counts);
            return NULL;
        }
        key = g_strdup(words[i]);
        n = GPOINTER_TO_INT(g_hash_table_lookup(counts, key));
        g_hash_table_insert(counts, key, GINT_TO_POINTER(n + 1));
    }
    g_strfreev(words);
    return counts;
}
