/* unwind-libarchive: the entry is freed on the exit of each failure after it and on the
 * success path; a writer that archive_write_new() could not make is never used.
 * build: pkg-config libarchive
 * drive: write_one("/dev/null", "a.txt", "hello", 5)
 * drive: write_one("/nonexistent/x.tar", "a.txt", "hello", 5)
 */
#include <archive.h>
#include <archive_entry.h>

/* Writes a tar archive at path holding one file name with the size bytes of data: 0, or -1. */
int write_one(const char *path, const char *name, const void *data, size_t size)
{
    struct archive *a;
    struct archive_entry *entry;
    int ret = -1;

    a = archive_write_new();
    if (a == NULL)
        return -1;
    archive_write_set_format_pax_restricted(a);
    if (archive_write_open_filename(a, path) != ARCHIVE_OK) {
        archive_write_free(a);
        return -1;
    }
    entry = archive_entry_new();
    if (entry == NULL) {
        archive_write_free(a);
        return -1;
    }
    archive_entry_set_pathname(entry, name);
    archive_entry_set_size(entry, (la_int64_t)size);
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    if (archive_write_header(a, entry) != ARCHIVE_OK) {
        archive_entry_free(entry);
        archive_write_free(a);
        return -1;
    }
    if (archive_write_data(a, data, size) == (la_ssize_t)size)
        ret = 0;
    archive_entry_free(entry);
    archive_write_free(a);
    return ret;
}
