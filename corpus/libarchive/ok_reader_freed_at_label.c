/* unwind-libarchive: every exit after archive_read_new() passes through the label that frees
 * the reader; the entry that archive_read_next_header() hands out is the reader's, not ours.
 * build: pkg-config libarchive
 * drive: first_is_dir("/nonexistent.tar") == -1
 */
#include <archive.h>
#include <archive_entry.h>

/* 1 when the first entry of the archive at path is a directory, 0 when not, -1 on error. */
int first_is_dir(const char *path)
{
    struct archive *a;
    struct archive_entry *entry;
    int ret = -1;

    a = archive_read_new();
    if (a == NULL)
        return -1;
    archive_read_support_format_all(a);
    archive_read_support_filter_all(a);
    if (archive_read_open_filename(a, path, 10240) != ARCHIVE_OK)
        goto out;
    if (archive_read_next_header(a, &entry) != ARCHIVE_OK)
        goto out;
    ret = archive_entry_filetype(entry) == AE_IFDIR;
out:
    archive_read_free(a);
    return ret;
}
