/* unwind-inferred (negative): entry_get() returns a shared sentinel when the key is unknown,
 * and `e == entryNotFound` is its failure test (a named constant, as redis tests
 * `ids == raxNotFound`): the return in that branch holds nothing.
 * drive: entry_peek(1)
 * drive: entry_peek(7)
 * drive: ({ entry_peek(2); entry_peek(2); entry_peek(2); })
 */
struct entry {
    int refs;
};

static struct entry pool[3];
static struct entry not_found;
struct entry *const entryNotFound = &not_found;

static struct entry *entry_get(int key)
{
    if (key < 0 || key > 2)
        return entryNotFound;
    pool[key].refs++;
    return &pool[key];
}

static void entry_put(struct entry *e)
{
    e->refs--;
}

int entry_peek(int key)
{
    struct entry *e = entry_get(key);

    if (e == entryNotFound)
        return -1;
    if (e->refs > 2) {
        entry_put(e);
        return -2;
    }
    entry_put(e);
    return 0;
}
