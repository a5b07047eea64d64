/* unwind-fd: fdopen() and fdopendir() take ownership of the descriptor.
 * Once fp or dir exists, fd is released through it; a failing sink closes fd.
 * drive: ({ FILE *fp = open_stream("/etc/hostname", "r"); int ok = fp != NULL; if (fp) fclose(fp); ok; })
 * drive: count_entries("/tmp") >= 0
 * drive: (open_stream("/etc/hostname", "w") == NULL) + (open_stream("/nonexistent/cocci-unwind", "r") == NULL) + count_entries("/etc/hostname") + count_entries("/nonexistent/cocci-unwind")
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

FILE *open_stream(const char *path, const char *mode)
{
    FILE *fp;
    int fd;

    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    fp = fdopen(fd, mode);
    if (!fp) {
        close(fd);
        return NULL;
    }
    return fp;
}

int count_entries(const char *path)
{
    DIR *dir;
    int fd, n = 0;

    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    dir = fdopendir(fd);
    if (!dir) {
        close(fd);
        return -1;
    }
    while (readdir(dir))
        n++;
    closedir(dir);
    return n;
}
