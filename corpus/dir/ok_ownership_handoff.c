/* unwind-dir: the directory handed on is not a leak.
 * open_listing returns d to its caller, walker_open stores it into a struct
 * field, and open_into writes it through the out-parameter *out.
 * drive: ({ DIR *d = open_listing("/tmp"); int r = d != NULL; if (d) closedir(d); r; })
 * drive: ({ DIR *d = open_listing("/nonexistent"); int r = d != NULL; if (d) closedir(d); r; })
 * drive: ({ struct walker w = { NULL, 0 }; int r = walker_open(&w, "/tmp"); if (!r) closedir(w.dir); r; })
 * drive: ({ DIR *d = NULL; int r = open_into(&d, "/tmp"); if (!r) closedir(d); r; })
 */
#include <dirent.h>
#include <errno.h>
#include <stddef.h>

struct walker {
    DIR *dir;
    int depth;
};

DIR *open_listing(const char *path)
{
    DIR *d = opendir(path);

    if (!d)
        return NULL;
    if (!readdir(d)) {
        closedir(d);
        return NULL;
    }
    rewinddir(d);
    return d;
}

int walker_open(struct walker *w, const char *path)
{
    DIR *d = opendir(path);

    if (!d)
        return -errno;
    w->dir = d;
    w->depth = 0;
    return 0;
}

int open_into(DIR **out, const char *path)
{
    DIR *d;

    if ((d = opendir(path)) == NULL)
        return -1;
    *out = d;
    return 0;
}
