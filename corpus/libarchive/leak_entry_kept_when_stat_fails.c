/* unwind-libarchive: the entry leaks when the file cannot be described.
 * add_file() returns -1 without archive_entry_free(entry) when
 * archive_read_disk_entry_from_file() fails (a path that does not exist); the success path
 * frees it after the header is written.
 * build: pkg-config libarchive
 * drive: ({ struct archive *a = archive_write_new(); archive_write_set_format_pax_restricted(a); archive_write_open_filename(a, "/dev/null"); struct archive *d = archive_read_disk_new(); int ok = add_file(a, d, "/etc/hostname") == 0; archive_read_free(d); archive_write_free(a); ok; })
 * drive: ({ struct archive *a = archive_write_new(); archive_write_set_format_pax_restricted(a); archive_write_open_filename(a, "/dev/null"); struct archive *d = archive_read_disk_new(); int ok = add_file(a, d, "/nonexistent/x") == -1; archive_read_free(d); archive_write_free(a); ok; })
 */
#include <archive.h>
#include <archive_entry.h>

/* Writes the header of the file at path into the archive a, described through disk. */
int add_file(struct archive *a, struct archive *disk, const char *path)
{
    struct archive_entry *entry;

    entry = archive_entry_new();
    if (entry == NULL)
        return -1;
    archive_entry_copy_sourcepath(entry, path);
    if (archive_read_disk_entry_from_file(disk, entry, -1, NULL) != ARCHIVE_OK)
        return -1;
    if (archive_write_header(a, entry) != ARCHIVE_OK) {
        archive_entry_free(entry);
        return -1;
    }
    archive_entry_free(entry);
    return 0;
}
