/* unwind-dir: a return on an error inside the readdir loop.
 * When the lock file is present the spool is busy and count_jobs returns
 * -EBUSY from inside the loop without closing d; the loop's end closes it.
 * drive: count_jobs("/etc", "hostname")
 * drive: count_jobs("/tmp", "no-such-lock-file.lck")
 * drive: count_jobs("/nonexistent", "lock")
 */
#include <dirent.h>
#include <errno.h>
#include <string.h>

int count_jobs(const char *spool, const char *lock_name)
{
    struct dirent *de;
    DIR *d;
    int n = 0;

    d = opendir(spool);
    if (!d)
        return -errno;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        if (strcmp(de->d_name, lock_name) == 0)
            return -EBUSY;
        n++;
    }
    closedir(d);
    return n;
}
