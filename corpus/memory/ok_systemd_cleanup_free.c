/* unwind-memory: systemd style, already correct: _cleanup_free_ and TAKE_PTR().
 * buf is freed by its cleanup attribute on every exit; the copy that is returned leaves
 * through TAKE_PTR(), which empties the variable, so nothing leaks and nothing is freed
 * twice. The macros are defined here the way systemd defines them.
 * drive: ({ char *s = join_words("a", "b"); int ok = s && s[0] == 'a'; free(s); ok; })
 * drive: ({ char *s = join_words("", "b"); int ok = s == NULL; free(s); ok; })
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define _cleanup_(f) __attribute__((cleanup(f)))
static inline void freep(void *p)
{
    free(*(void **)p);
}
#define _cleanup_free_ _cleanup_(freep)
#define TAKE_PTR(p) __extension__({ __typeof__(p) _p_ = (p); (p) = NULL; _p_; })

char *join_words(const char *a, const char *b)
{
    _cleanup_free_ char *buf = NULL;
    size_t n = strlen(a) + strlen(b) + 2;

    if (a[0] == '\0')
        return NULL;
    buf = malloc(n);
    if (!buf)
        return NULL;
    if (snprintf(buf, n, "%s %s", a, b) < 0)
        return NULL;
    return TAKE_PTR(buf);
}
