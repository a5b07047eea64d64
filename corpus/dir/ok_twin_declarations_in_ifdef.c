/* unwind-dir (negative): #ifndef and #else branches each declare the stream (`DIR * const
 * dir = ...`), then one failure test and one unconditional closedir(): the release after
 * the twin declarations releases whichever the build compiled.
 * drive: ({ int n = 0; count_visible("/etc", &n); })
 * drive: ({ int n = 0; count_visible("/nonexistent/cocci-unwind", &n); })
 */
#include <dirent.h>
#include <fcntl.h>
#include <stddef.h>

int count_visible(const char *path, int *count)
{
    struct dirent *de;
    int n = 0;
#ifndef COUNT_BY_DESCRIPTOR
    DIR * const dir = opendir(path);
#else
    DIR * const dir = fdopendir(open(path, O_RDONLY | O_DIRECTORY));
#endif

    if (NULL == dir)
        return -1;
    while ((de = readdir(dir)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        n++;
    }
    closedir(dir);
    *count = n;
    return 0;
}
