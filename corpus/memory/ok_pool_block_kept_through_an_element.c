/* unwind-memory: a pool allocator. A block of entries is allocated, its entries chained, and
 * the address of its last entry stored in the file's free list: the block is held from
 * there for the life of the program, and the return hands out one entry of it.
 * drive: ({ struct entry *a = take_entry(); struct entry *b = take_entry(); a != b; })
 */
#include <stdlib.h>

#define BLOCK 4

struct entry {
    struct entry *next;
    int value;
};

static struct entry *free_list;

struct entry *take_entry(void)
{
    struct entry *block, *e;
    int i;

    if (free_list == NULL) {
        block = malloc(BLOCK * sizeof(struct entry));
        if (!block)
            return NULL;
        for (i = 1; i < BLOCK; i++)
            block[i].next = &block[i - 1];
        block[0].next = NULL;
        free_list = &(block[BLOCK - 1]);
    }
    e = free_list;
    free_list = e->next;
    return e;
}
