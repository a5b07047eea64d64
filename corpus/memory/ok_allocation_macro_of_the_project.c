/* unwind-memory: an allocation through a macro of the project (alloc0.h's new0(), a
 * statement expression whose value is what calloc() returned), freed on every exit after
 * its failure test: nothing to report.
 * build: alloc0.h
 * drive: name_score("cocci", 3)
 * drive: name_score("a name longer than the field", 3)
 */
#include <string.h>
#include "alloc0.h"

struct item {
    char name[16];
    int weight;
};

int name_score(const char *name, int weight)
{
    struct item *item = new0(struct item, 1);
    int score;

    if (item == NULL)
        return -1;
    if (strlen(name) >= sizeof(item->name)) {
        free(item);
        return -2;
    }
    strcpy(item->name, name);
    item->weight = weight;
    score = (int)strlen(item->name) * item->weight;
    free(item);
    return score;
}
