/* unwind-memory: an early return before a variable-length array.
 * checksum() copies the key, then returns -EINVAL without freeing the copy when
 * the key is empty. Goto style cannot fix it: a goto to a label at the end of
 * the function would jump into the scope of the array acc.
 * drive: checksum("abc", 4)
 * drive: checksum("", 4)
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int checksum(const char *key, int rounds)
{
    char *copy = strdup(key);
    size_t len;
    int sum = 0;
    int i;

    if (!copy)
        return -ENOMEM;
    len = strlen(copy);
    if (len == 0)
        return -EINVAL;
    int acc[rounds];
    for (i = 0; i < rounds; i++) {
        acc[i] = copy[(size_t)i % len];
        sum += acc[i];
    }
    free(copy);
    return sum;
}
