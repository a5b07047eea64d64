/* unwind-libarchive: the reader leaks when the archive cannot be opened.
 * count_entries() returns -1 without archive_read_free(a) when
 * archive_read_open_filename() fails (a file that does not exist).
 * build: pkg-config libarchive
 * drive: count_entries("/nonexistent.tar") == -1
 * drive: count_entries("/etc/hostname") == -1
 */
#include <archive.h>
#include <archive_entry.h>

/* The number of entries of the archive at path, or -1. */
int count_entries(const char *path)
{
    struct archive *a;
    struct archive_entry *entry;
    int n = 0;

    a = archive_read_new();
    if (!a)
        return -1;
    archive_read_support_format_all(a);
    if (archive_read_open_filename(a, path, 10240) != ARCHIVE_OK)
        return -1;
    while (archive_read_next_header(a, &entry) == ARCHIVE_OK)
        n++;
    archive_read_free(a);
    return n;
}
