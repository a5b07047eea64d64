/* unwind-inferred (negative): the learned pair is released under `if (fts)` at a shared
 * label, which every error exit reaches, including the one taken before fts_open().
 * drive: first_entry_level("/etc", 0)
 * drive: first_entry_level("/etc", 1)
 * drive: first_entry_level("/nonexistent/cocci-unwind", 0)
 */
#include <fts.h>
#include <stddef.h>

int first_entry_level(const char *dir, int refuse)
{
    char *paths[2] = {(char *)dir, NULL};
    FTS *fts = NULL;
    FTSENT *e;
    int ret = -1;

    if (refuse)
        goto out;
    fts = fts_open(paths, FTS_PHYSICAL | FTS_NOCHDIR, NULL);
    if (fts == NULL)
        goto out;
    e = fts_read(fts);
    if (e == NULL)
        goto out;
    ret = (int)e->fts_level;
out:
    if (fts)
        fts_close(fts);
    return ret;
}
