/* unwind-dir: the failure test of opendir owns nothing.
 * Both forms of the test return without a directory; after a successful open
 * the loop's error leaves by break and every exit reaches closedir(d).
 * drive: has_entry("/etc", "hostname")
 * drive: has_entry("/tmp", "no-such-entry")
 * drive: has_entry("/nonexistent", "x")
 * drive: count_entries("/tmp")
 * drive: count_entries("/nonexistent")
 */
#include <dirent.h>
#include <errno.h>
#include <string.h>

int has_entry(const char *path, const char *name)
{
    struct dirent *de;
    DIR *d;
    int found = 0;

    if ((d = opendir(path)) == NULL)
        return -1;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, name) == 0) {
            found = 1;
            break;
        }
    }
    closedir(d);
    return found;
}

int count_entries(const char *path)
{
    DIR *d = opendir(path);
    int n = 0;

    if (d == NULL)
        return -errno;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}
