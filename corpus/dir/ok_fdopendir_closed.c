/* unwind-dir: fdopendir() on an fd from openat(), closed on every exit.
 * If fdopendir fails the fd is still ours and is closed; afterwards the stream
 * owns the fd, and both the loop's error and its end go to out, which closes d.
 * drive: ({ struct stat st; (int)(subdir_size(AT_FDCWD, "/tmp", &st) >= 0); })
 * drive: ({ struct stat st; (int)subdir_size(AT_FDCWD, "/nonexistent", &st); })
 * drive: ({ struct stat st; (int)subdir_size(AT_FDCWD, "/etc/hostname", &st); })
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

long subdir_size(int parent, const char *name, struct stat *st)
{
    struct dirent *de;
    long total = 0;
    DIR *d;
    int fd;

    fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    d = fdopendir(fd);
    if (!d) {
        close(fd);
        return -1;
    }
    while ((de = readdir(d)) != NULL) {
        if (fstatat(dirfd(d), de->d_name, st, AT_SYMLINK_NOFOLLOW) < 0) {
            total = -1;
            goto out;
        }
        total += st->st_size;
    }
out:
    closedir(d);
    return total;
}
