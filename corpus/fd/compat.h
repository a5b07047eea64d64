/* compat.h: the descriptor helpers of corpus/fd/ok_inline_wrapper_in_ifdef.c, as a project
 * writes them for systems with and without openat(): with HAVE_OPENAT a directory is a
 * descriptor and dir_arg_close() closes it; without, a path and it does nothing. The summary
 * pass reads the inline functions of headers beside the checked files for release wrappers.
 */
#ifndef COCCI_UNWIND_COMPAT_H
#define COCCI_UNWIND_COMPAT_H

#include <fcntl.h>
#include <unistd.h>

#ifdef HAVE_OPENAT
typedef int dir_arg_t;

static inline void dir_arg_close(dir_arg_t dirfd)
{
    close(dirfd);
}
#else
typedef const char *dir_arg_t;

static inline void dir_arg_close(dir_arg_t dirpath)
{
    (void)dirpath;
}
#endif

#endif
