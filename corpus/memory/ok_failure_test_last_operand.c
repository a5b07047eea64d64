/* unwind-memory: the allocation tested as the last operand of ||.
 * `if (fseek(...) != 0 || ... || !(ptr = malloc(n)))` is taken before malloc ran or
 * when it failed: the goto in it holds no buffer (curl's gtls.c load_file).
 * drive: ({ long n = 0; void *p = load("/etc/hostname", &n); int r = p != NULL; free(p); r; })
 * drive: ({ long n = 0; void *p = load("/nonexistent/cocci-unwind", &n); int r = p != NULL; free(p); r; })
 */
#include <stdio.h>
#include <stdlib.h>

void *load(const char *file, long *len)
{
    FILE *f;
    long n;
    void *ptr = NULL;

    f = fopen(file, "rb");
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0
        || !(ptr = malloc((size_t)n + 1)))
        goto out;
    if (fread(ptr, 1, (size_t)n, f) < (size_t)n) {
        free(ptr);
        ptr = NULL;
        goto out;
    }
    *len = n;
out:
    fclose(f);
    return ptr;
}
