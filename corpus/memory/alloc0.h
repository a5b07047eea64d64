/* alloc0.h: an allocation macro of the kind projects define, a statement expression whose
 * value is what an allocator returned, for the corpus cases that allocate through one. */
#ifndef ALLOC0_H
#define ALLOC0_H

#include <stdlib.h>

#define new0(type, count)                              \
    ((type *) (__extension__ ({                        \
        size_t __n = (size_t) (count);                 \
        void *__p = calloc(__n, sizeof(type));         \
        __p;                                           \
    })))

#endif
