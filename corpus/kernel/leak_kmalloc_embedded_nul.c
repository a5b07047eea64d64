/* unwind-kernel: a kmalloc() copy leaks on a validation error after the allocation.
 * label_set() copies the new label, then returns -EINVAL for a label with an embedded NUL
 * byte without kfree(copy); the success path hands the copy to the record (stored).
 * build: kernel.h
 * drive: ({ struct label l = { 0 }; int r = label_set(&l, "eth0", 4); int ok = r == 0 && strcmp(l.text, "eth0") == 0; kfree(l.text); ok; })
 * drive: ({ struct label l = { 0 }; int r = label_set(&l, "et\0h", 4); kfree(l.text); r; })
 * drive: ({ struct label l = { 0 }; label_set(&l, "", 0); })
 */
#include "kernel.h"

struct label {
    char *text;
    size_t len;
};

int label_set(struct label *l, const char *src, size_t len)
{
    char *copy;

    if (len == 0 || len > 64)
        return -EINVAL;
    copy = kmalloc(len + 1, GFP_KERNEL);
    if (!copy)
        return -ENOMEM;
    memcpy(copy, src, len);
    copy[len] = '\0';
    if (strlen(copy) != len)
        return -EINVAL;
    kfree(l->text);
    l->text = copy;
    l->len = len;
    return 0;
}
