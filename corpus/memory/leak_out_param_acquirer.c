/* unwind-memory: a project function that acquires through its pointer parameter.
 * copy_name() stores what strdup() gave it in *out (the summary learns it as an
 * acquirer of its argument 1); label_length() returns -2 without freeing name
 * when the name is empty.
 * drive: label_length("cocci")
 * drive: label_length("")
 */
#include <stdlib.h>
#include <string.h>

int copy_name(const char *s, char **out)
{
    char *p = strdup(s);

    if (p == NULL)
        return -1;
    *out = p;
    return 0;
}

int label_length(const char *s)
{
    char *name;
    int n;

    if (copy_name(s, &name) < 0)
        return -1;
    if (name[0] == '\0')
        return -2;
    n = (int)strlen(name);
    free(name);
    return n;
}
