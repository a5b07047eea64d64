/* unwind-file: a stream released through a wrapper defined in the same file.
 * close_stream() closes a non-NULL stream; read_first_word() calls it on every
 * exit after the fopen() failure check.
 * drive: ({ char w[64]; read_first_word("/etc/hostname", w, sizeof(w)); })
 * drive: ({ char w[1]; read_first_word("/etc/hostname", w, sizeof(w)); })
 * drive: ({ char w[64]; read_first_word("/dev/null", w, sizeof(w)); })
 * drive: ({ char w[64]; read_first_word("/nonexistent/cocci-unwind", w, sizeof(w)); })
 */
#include <stdio.h>
#include <string.h>

static void close_stream(FILE *fp)
{
    if (fp)
        fclose(fp);
}

int read_first_word(const char *path, char *word, size_t size)
{
    FILE *fp;
    char line[128];

    fp = fopen(path, "r");
    if (!fp)
        return -1;
    if (!fgets(line, sizeof(line), fp)) {
        close_stream(fp);
        return -1;
    }
    line[strcspn(line, " \t\n")] = '\0';
    if (strlen(line) >= size) {
        close_stream(fp);
        return -1;
    }
    strcpy(word, line);
    close_stream(fp);
    return 0;
}
