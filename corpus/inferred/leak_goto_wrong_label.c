/* unwind-inferred: a goto to a label that does not release a learned pair.
 * fts_open()/fts_close() are in no resource table; fts_close(fts) under the out_close
 * label teaches the pair. The FTS_NS/FTS_ERR check jumps to out (line 27), past the
 * label that closes fts.
 * drive: count_entries("/etc")
 * drive: count_entries("/nonexistent/cocci-unwind")
 */
#include <fts.h>
#include <stddef.h>

int count_entries(const char *dir)
{
    char *paths[2];
    FTS *fts;
    FTSENT *e;
    int n = 0, ret = -1;

    paths[0] = (char *)dir;
    paths[1] = NULL;
    fts = fts_open(paths, FTS_PHYSICAL | FTS_NOCHDIR, NULL);
    if (fts == NULL)
        goto out;
    e = fts_read(fts);
    if (e == NULL)
        goto out_close;
    if (e->fts_info == FTS_NS || e->fts_info == FTS_ERR)
        goto out;
    while ((e = fts_read(fts)) != NULL && n < 10)
        n++;
    ret = n;
out_close:
    fts_close(fts);
out:
    return ret;
}
