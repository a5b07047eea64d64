/* A tiny key-value store loader: the example that `./run.sh check` runs on by default.
 * It holds four leaks on error paths, of the kind reviewers wave through.
 * Build: gcc -Wall -Wextra -c examples/kvstore.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct store {
    pthread_mutex_t lock;
    char **keys;
    size_t n, cap;
};

static int store_add(struct store *s, const char *key)
{
    char *copy = strdup(key);
    if (!copy)
        return -ENOMEM;
    pthread_mutex_lock(&s->lock);
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 8;
        char **keys = realloc(s->keys, cap * sizeof(*keys));
        if (!keys)
            return -ENOMEM;             /* leaks copy, and returns with s->lock held */
        s->keys = keys;
        s->cap = cap;
    }
    s->keys[s->n++] = copy;
    pthread_mutex_unlock(&s->lock);
    return 0;
}

int store_load(struct store *s, const char *path)
{
    char *line = NULL;
    size_t len = 0;
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -errno;
    while (getline(&line, &len, fp) != -1) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '\0')
            continue;
        if (store_add(s, line) < 0)
            return -ENOMEM;             /* leaks line and fp */
    }
    free(line);
    fclose(fp);
    return 0;
}

int store_snapshot(const struct store *s, const char *path)
{
    size_t i;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -errno;
    for (i = 0; i < s->n; i++) {
        size_t l = strlen(s->keys[i]);
        if (write(fd, s->keys[i], l) != (ssize_t)l)
            goto fail;                  /* the label below does not close fd */
    }
    return close(fd);
fail:
    return -EIO;
}
