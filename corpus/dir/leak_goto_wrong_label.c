/* unwind-dir: a goto to a label that does not close the directory.
 * When a joined path does not fit, the loop jumps to out instead of
 * out_closedir and d stays open; the stat failure takes the right label.
 * drive: count_files("/tmp")
 * drive: count_files("/tmp/../tmp/../tmp/../tmp/../tmp/../tmp/../tmp/../tmp/../tmp/../tmp")
 * drive: count_files("/nonexistent")
 */
#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>

int count_files(const char *path)
{
    char full[64];
    struct dirent *de;
    struct stat st;
    DIR *d;
    int n = 0;

    d = opendir(path);
    if (!d) {
        n = -1;
        goto out;
    }
    while ((de = readdir(d)) != NULL) {
        if (snprintf(full, sizeof(full), "%s/%s", path, de->d_name) >= (int)sizeof(full)) {
            n = -1;
            goto out;
        }
        if (lstat(full, &st) < 0) {
            n = -1;
            goto out_closedir;
        }
        if (S_ISREG(st.st_mode))
            n++;
    }
out_closedir:
    closedir(d);
out:
    return n;
}
