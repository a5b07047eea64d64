/* unwind-handle: after the MAP_FAILED check, every exit unmaps via unmap_file().
 * drive: count_lines("/etc/passwd")
 * drive: count_lines("/bin/sh")
 * drive: count_lines("/dev/null")
 * drive: count_lines("/tmp")
 * drive: count_lines("/no/such/file")
 */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void unmap_file(char *p, size_t len)
{
    munmap(p, len);
}

long count_lines(const char *path)
{
    struct stat st;
    char *p;
    long n = 0;
    int fd;

    fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || st.st_size == 0) {
        close(fd);
        return 0;
    }
    p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return -1;
    if (memchr(p, '\0', (size_t)st.st_size) != NULL) {
        unmap_file(p, (size_t)st.st_size);
        return -1;
    }
    for (size_t i = 0; i < (size_t)st.st_size; i++)
        n += p[i] == '\n';
    unmap_file(p, (size_t)st.st_size);
    return n;
}
