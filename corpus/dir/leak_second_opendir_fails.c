/* unwind-dir: the first directory leaks when the second opendir fails.
 * same_size returns -1 when b cannot be opened, leaving da open.
 * drive: same_size("/tmp", "/tmp")
 * drive: same_size("/tmp", "/nonexistent")
 * drive: same_size("/nonexistent", "/tmp")
 */
#include <dirent.h>

int same_size(const char *a, const char *b)
{
    DIR *da, *db;
    int na = 0, nb = 0;

    da = opendir(a);
    if (!da)
        return -1;
    db = opendir(b);
    if (!db)
        return -1;
    while (readdir(da))
        na++;
    while (readdir(db))
        nb++;
    closedir(db);
    closedir(da);
    return na == nb;
}
