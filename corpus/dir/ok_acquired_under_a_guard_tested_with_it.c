/* unwind-dir: the directory is opened only when a path is given, and one test covers both
 * "no path" and "opendir() failed": that exit (line 21) is reached with nothing open.
 * drive: count_entries("/", 0) > 0
 * drive: count_entries(NULL, 1)
 * drive: count_entries("/nonexistent-cocci-unwind", 1)
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

int count_entries(const char *path, int quiet)
{
    DIR *dir = NULL;
    int n = 0;

    if (path != NULL)
        dir = opendir(path);
    if (path == NULL || dir == NULL) {
        if (!quiet)
            perror("opendir");
        return -1;
    }
    while (readdir(dir))
        n++;
    closedir(dir);
    return n;
}
