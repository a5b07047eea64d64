/* unwind-memory: a project function that returns what it allocates in one arm of a conditional.
 * name_or_empty() returns a copy of its argument or a new empty string (the summary
 * learns it as an acquirer); name_length() returns -1 without freeing name when the
 * name is too long.
 * drive: name_length("cocci")
 * drive: name_length(NULL)
 * drive: name_length("a name far longer than the sixteen bytes allowed")
 */
#include <stdlib.h>
#include <string.h>

char *name_or_empty(const char *s)
{
    return s != NULL ? strdup(s) : calloc(1, 1);
}

int name_length(const char *s)
{
    char *name;
    int n;

    name = name_or_empty(s);
    if (name == NULL)
        return -1;
    n = (int)strlen(name);
    if (n > 16)
        return -1;
    free(name);
    return n;
}
