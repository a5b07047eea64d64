/* unwind-handle: a failed header check returns with the file still mapped.
 * elf_class() maps the file and returns 0 for a non-ELF file without
 * munmap(); the ELF path unmaps p before returning the class byte.
 * drive: elf_class("/bin/sh")
 * drive: elf_class("/etc/passwd")
 * drive: elf_class("/dev/null")
 * drive: elf_class("/tmp")
 * drive: elf_class("/no/such/file")
 */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int elf_class(const char *path)
{
    struct stat st;
    unsigned char *p;
    int fd, cls;

    fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || st.st_size < 16) {
        close(fd);
        return -1;
    }
    p = mmap(NULL, 16, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return -1;
    if (memcmp(p, "\177ELF", 4) != 0)
        return 0;
    cls = p[4];
    munmap(p, 16);
    return cls;
}
