/* unwind-memory: the failure test of each acquisition owns nothing.
 * Each function returns from the test of its own strdup, asprintf or realloc
 * (a failed realloc leaves the old buffer in the vector); every successful
 * acquisition is freed or stored.
 * drive: first_word_len("hello world")
 * drive: number_width(12345)
 * drive: ({ struct vec v = { NULL, 0 }; int r = vec_grow(&v, 8); free(v.items); r; })
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vec {
    int *items;
    size_t cap;
};

int first_word_len(const char *s)
{
    char *copy;
    int len;

    if ((copy = strdup(s)) == NULL)
        return -ENOMEM;
    len = (int)strcspn(copy, " ");
    free(copy);
    return len;
}

int number_width(int v)
{
    char *s;
    int len;

    if (asprintf(&s, "%d", v) < 0)
        return -1;
    len = (int)strlen(s);
    free(s);
    return len;
}

int vec_grow(struct vec *v, size_t cap)
{
    int *tmp = realloc(v->items, cap * sizeof(*tmp));

    if (!tmp)
        return -ENOMEM;
    v->items = tmp;
    v->cap = cap;
    return 0;
}
