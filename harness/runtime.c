/* cocci-unwind harness runtime: the fault injector and the resource trackers.
 *
 * A driver (cocci_unwind/verify.py writes it) #includes one corpus case, evaluates
 * its drive: expressions and is linked with this file and -Wl,--wrap=NAME for
 * every __wrap_NAME defined here. So only the calls made from the driver's own
 * translation unit (the case and its drive expressions) come through here;
 * libc's internal calls are untouched. This file itself must reach wrapped
 * functions through __real_NAME only.
 *
 * Environment:
 *   FAIL_AT=N             the Nth fallible call fails (1-based); 0 or unset: none
 *   HARNESS_REPORT=PATH   where the report is written when the driver finishes
 *   HARNESS_SHARED_TMP=1  keep the machine's /tmp (default: a private, empty tmpfs)
 *
 * The report, one record a line:
 *   tmp private|shared
 *   call NAME SITE        every fallible call, in order (only when nothing fails)
 *   calls K               how many fallible calls were made
 *   failed NAME SITE      the call that was made to fail
 *   leak KIND BY SITE TEXT  a resource still held at the end
 * SITE is the return address in the caller (hex); the driver is built -no-pie so
 * addr2line maps SITE-1 to the calling line.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <iconv.h>
#include <netdb.h>
#include <pthread.h>
#include <regex.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#define SITE __builtin_return_address(0)

/* ------------------------------------------------------------------ state */

enum hx_kind {
    HX_FD, HX_FILE, HX_DIR, HX_LOCK, HX_THREAD, HX_MMAP,
    HX_DLOPEN, HX_REGEX, HX_ADDRINFO, HX_ICONV, HX_GLOB
};
static const char *const hx_kind_name[] = {
    "fd", "file", "dir", "lock", "thread", "mmap",
    "dlopen", "regex", "addrinfo", "iconv", "glob"
};

struct hx_res {
    uintptr_t key;      /* fd, pointer, lock address, thread id */
    size_t len;         /* mmap: length */
    void *site;         /* return address of the acquiring call */
    const char *by;     /* the acquiring function */
    unsigned char kind;
    unsigned char live;
};

#define HX_MAX_RES 16384
#define HX_MAX_CALLS 20000
static struct hx_res hx_res[HX_MAX_RES];
static int hx_nres, hx_res_overflow;
static int hx_lock_word;

static long hx_fail_at = -1;
static long hx_calls;
static const char *hx_call_name[HX_MAX_CALLS];
static void *hx_call_site[HX_MAX_CALLS];

static int hx_report_fd = -1;
static void hx_out(const char *fmt, ...);
static int hx_tmp_private;
static unsigned char hx_baseline[65536 / 8];
static int hx_dl_injected;

ssize_t __real_write(int, const void *, size_t);
int __real_open(const char *, int, ...);
int __real_close(int);
int __real_dup2(int, int);
int __real_fflush(FILE *);

static void hx_lock(void)
{
    while (__atomic_exchange_n(&hx_lock_word, 1, __ATOMIC_ACQUIRE))
        sched_yield();
}

static void hx_unlock(void)
{
    __atomic_store_n(&hx_lock_word, 0, __ATOMIC_RELEASE);
}

static void hx_init(void)
{
    const char *s;

    if (hx_fail_at >= 0)
        return;
    s = getenv("FAIL_AT");
    hx_fail_at = s ? strtol(s, NULL, 10) : 0;
}

/* Count one fallible call; true when it is the one to fail. */
static int hx_fail(const char *name, void *site)
{
    long n;

    hx_init();
    n = __atomic_add_fetch(&hx_calls, 1, __ATOMIC_SEQ_CST);
    if (n <= HX_MAX_CALLS) {
        hx_call_name[n - 1] = name;
        hx_call_site[n - 1] = site;
    }
    if (n != hx_fail_at)
        return 0;
    /* Written at once, so a run that crashes afterwards still says what failed. */
    hx_out("failed %s %p\n", name, site);
    return 1;
}

static void hx_add(int kind, uintptr_t key, size_t len, void *site, const char *by)
{
    int saved = errno;

    hx_lock();
    if (hx_nres < HX_MAX_RES)
        hx_res[hx_nres++] = (struct hx_res){ key, len, site, by, (unsigned char)kind, 1 };
    else
        hx_res_overflow = 1;
    hx_unlock();
    errno = saved;
}

/* Release the most recent live resource of this kind and key (LIFO: a stack
 * address reused by a later call releases the later acquisition first). */
static void hx_drop(int kind, uintptr_t key)
{
    int i;

    hx_lock();
    for (i = hx_nres - 1; i >= 0; i--) {
        if (hx_res[i].live && hx_res[i].kind == kind && hx_res[i].key == key) {
            hx_res[i].live = 0;
            break;
        }
    }
    hx_unlock();
}

/* A descriptor number closed or reused: every record of it is stale. */
static void hx_drop_fd(int fd)
{
    int i;

    hx_lock();
    for (i = 0; i < hx_nres; i++)
        if (hx_res[i].live && hx_res[i].kind == HX_FD && hx_res[i].key == (uintptr_t)fd)
            hx_res[i].live = 0;
    hx_unlock();
}

static void hx_add_fd(int fd, void *site, const char *by)
{
    hx_drop_fd(fd);
    hx_add(HX_FD, (uintptr_t)fd, 0, site, by);
}

static int hx_opened(const char *name, void *site, int fd)
{
    if (fd >= 0)
        hx_add_fd(fd, site, name);
    return fd;
}

/* ------------------------------------------------------------ the report */

static void hx_out(const char *fmt, ...)
{
    char buf[4352];
    va_list ap;
    int n;

    if (hx_report_fd < 0)
        return;
    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n > (int)sizeof(buf) - 1)
        n = (int)sizeof(buf) - 1;
    if (n > 0)
        __real_write(hx_report_fd, buf, (size_t)n);
}

/* Calls fn(fd) for every open descriptor, read from /proc/self/fd. */
static void hx_each_fd(void (*fn)(int fd, int listing_fd))
{
    char buf[4096];
    long n, off;
    int dfd = __real_open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    if (dfd < 0)
        return;
    while ((n = syscall(SYS_getdents64, dfd, buf, sizeof(buf))) > 0) {
        for (off = 0; off < n;) {
            struct dirent64 *de = (struct dirent64 *)(buf + off);

            if (de->d_name[0] >= '0' && de->d_name[0] <= '9')
                fn(atoi(de->d_name), dfd);
            off += de->d_reclen;
        }
    }
    __real_close(dfd);
}

static void hx_mark_baseline(int fd, int listing_fd)
{
    if (fd != listing_fd && fd >= 0 && fd < 65536)
        hx_baseline[fd / 8] |= (unsigned char)(1u << (fd % 8));
}

static int hx_fd_limit(void)
{
    struct rlimit rl;

    /* Under valgrind the soft limit is lowered below valgrind's own descriptors. */
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur > 65536)
        return 65536;
    return (int)rl.rlim_cur;
}

static int hx_fd_owned(int fd);

static void hx_report_fd_leak(int fd, int listing_fd)
{
    char path[64], target[256];
    ssize_t n;
    int i;

    if (fd == listing_fd || fd < 0 || fd >= hx_fd_limit() || fd == hx_report_fd)
        return;
    if (fd < 65536 && (hx_baseline[fd / 8] & (1u << (fd % 8))))
        return;
    if (hx_fd_owned(fd))
        return;
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    n = readlink(path, target, sizeof(target) - 1);
    target[n > 0 ? n : 0] = '\0';
    for (i = hx_nres - 1; i >= 0; i--) {
        if (hx_res[i].live && hx_res[i].kind == HX_FD && hx_res[i].key == (uintptr_t)fd) {
            hx_out("leak fd %s %p %d %s\n", hx_res[i].by, hx_res[i].site, fd, target);
            return;
        }
    }
    hx_out("leak fd ? 0 %d %s\n", fd, target);
}

/* A descriptor that belongs to a stream or directory still open is reported
 * as that stream or directory, not twice. */
static int hx_fd_owned(int fd)
{
    int i;

    for (i = 0; i < hx_nres; i++) {
        if (!hx_res[i].live)
            continue;
        if (hx_res[i].kind == HX_FILE && fileno((FILE *)hx_res[i].key) == fd)
            return 1;
        if (hx_res[i].kind == HX_DIR && dirfd((DIR *)hx_res[i].key) == fd)
            return 1;
    }
    return 0;
}

static void hx_write_text(const char *path, const char *text)
{
    int fd = __real_open(path, O_WRONLY | O_CLOEXEC);

    if (fd >= 0) {
        __real_write(fd, text, strlen(text));
        __real_close(fd);
    }
}

/* A private, empty /tmp: runs in parallel (and the machine's other users)
 * cannot disturb each other through fixed names or directory listings. */
static int hx_private_tmp(void)
{
    char map[64];

    if (getenv("HARNESS_SHARED_TMP"))
        return 0;
    if (unshare(CLONE_NEWNS) != 0) {
        uid_t uid = getuid();
        gid_t gid = getgid();

        if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
            return 0;
        hx_write_text("/proc/self/setgroups", "deny");
        snprintf(map, sizeof(map), "%u %u 1", (unsigned)uid, (unsigned)uid);
        hx_write_text("/proc/self/uid_map", map);
        snprintf(map, sizeof(map), "%u %u 1", (unsigned)gid, (unsigned)gid);
        hx_write_text("/proc/self/gid_map", map);
    }
    /* Never let the mount below propagate to the machine's /tmp. */
    if (mount("none", "/", "", MS_REC | MS_PRIVATE, NULL) != 0)
        return 0;
    return mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777,size=64m") == 0;
}

/* HARNESS_EACH=K: one process runs paths 1..K, each in a child forked before the case
 * runs, HARNESS_JOBS at a time (under valgrind a child costs no start-up: each is checked
 * for leaks as it exits, into the XML file named by its pid). Child n works in
 * HARNESS_DIR/run<n>, writes its output to HARNESS_DIR/out<n>, is killed after HARNESS_TIMEOUT
 * seconds, and goes on with hx_start as a run with FAIL_AT=n would; the parent writes
 * "path <n> <pid> <status>" lines to HARNESS_DIR/paths (status: exit code, or minus the
 * signal) and exits without running the case. */
static void hx_fork_each(long k)
{
    const char *dir = getenv("HARNESS_DIR");
    long jobs = getenv("HARNESS_JOBS") ? strtol(getenv("HARNESS_JOBS"), NULL, 10) : 1;
    unsigned timeout = getenv("HARNESS_TIMEOUT")
                       ? (unsigned)strtoul(getenv("HARNESS_TIMEOUT"), NULL, 10) : 120;
    static pid_t pid_of[HX_MAX_CALLS + 1];
    char path[4096];
    long next = 1, running = 0, n;
    int fd, status;
    pid_t pid;

    if (!dir || k < 1 || k > HX_MAX_CALLS)
        _exit(2);
    snprintf(path, sizeof(path), "%s/paths", dir);
    fd = __real_open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        _exit(2);
    while (next <= k || running > 0) {
        while (next <= k && running < (jobs < 1 ? 1 : jobs)) {
            __real_fflush(stdout);
            __real_fflush(stderr);
            pid = fork();
            if (pid < 0)
                _exit(2);
            if (pid == 0) {
                int out;

                __real_close(fd);
                /* the output goes beside the run folder, which holds only the report while
                 * the case runs, as the no-failure run's does (a case may list it) */
                snprintf(path, sizeof(path), "%s/out%ld", dir, next);
                out = __real_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
                if (out < 0 || __real_dup2(out, 1) < 0 || __real_dup2(out, 2) < 0)
                    _exit(2);
                __real_close(out);
                snprintf(path, sizeof(path), "%s/run%ld", dir, next);
                if (chdir(path) != 0)
                    _exit(2);
                hx_fail_at = next;
                alarm(timeout);
                return;
            }
            pid_of[next++] = pid;
            running++;
        }
        pid = waitpid(-1, &status, 0);
        if (pid < 0)
            break;
        for (n = 1; n < next; n++)
            if (pid_of[n] == pid) {
                char line[96];
                int len = snprintf(line, sizeof(line), "path %ld %ld %d\n", n, (long)pid,
                                   WIFEXITED(status) ? WEXITSTATUS(status)
                                                     : -WTERMSIG(status));
                __real_write(fd, line, (size_t)len);
                running--;
                break;
            }
    }
    __real_close(fd);
    _exit(0);
}

void hx_start(void)
{
    const char *report = getenv("HARNESS_REPORT");
    const char *each = getenv("HARNESS_EACH");

    hx_init();
    if (each)
        hx_fork_each(strtol(each, NULL, 10));
    if (report)
        hx_report_fd = __real_open(report, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    hx_tmp_private = hx_private_tmp();
    hx_each_fd(hx_mark_baseline);
}

void hx_drive(int i, long long value)
{
    char buf[64];
    int n;

    __real_fflush(stdout);
    __real_fflush(stderr);
    n = snprintf(buf, sizeof(buf), "drive %d: %lld\n", i, value);
    __real_write(1, buf, (size_t)n);
}

void hx_finish(void)
{
    long k = __atomic_load_n(&hx_calls, __ATOMIC_SEQ_CST);
    int i;

    __real_fflush(stdout);
    __real_fflush(stderr);
    hx_out("tmp %s\n", hx_tmp_private ? "private" : "shared");
    if (hx_fail_at <= 0)
        for (i = 0; i < k && i < HX_MAX_CALLS; i++)
            hx_out("call %s %p\n", hx_call_name[i], hx_call_site[i]);
    hx_out("calls %ld\n", k);
    if (hx_res_overflow)
        hx_out("overflow\n");
    hx_lock();
    for (i = 0; i < hx_nres; i++) {
        struct hx_res *r = &hx_res[i];

        if (!r->live || r->kind == HX_FD)
            continue;
        if (r->kind == HX_MMAP)
            hx_out("leak %s %s %p %p %zu bytes\n", hx_kind_name[r->kind], r->by, r->site,
                   (void *)r->key, r->len);
        else
            hx_out("leak %s %s %p %p\n", hx_kind_name[r->kind], r->by, r->site, (void *)r->key);
    }
    hx_each_fd(hx_report_fd_leak);
    hx_unlock();
    if (hx_report_fd >= 0)
        __real_close(hx_report_fd);
    hx_report_fd = -1;
}

/* ------------------------------------------------------ plain fallible calls
 * Calls that can fail after an acquisition; they hold nothing themselves. */

#define HX_FALLIBLE(ret, name, params, args, failval, err) \
    ret __real_##name params;                              \
    ret __wrap_##name params                               \
    {                                                      \
        if (hx_fail(#name, SITE)) {                        \
            errno = err;                                   \
            return failval;                                \
        }                                                  \
        return __real_##name args;                         \
    }

/* pthread-style: the error number is the return value. */
#define HX_FALLIBLE_RC(name, params, args, rc) \
    int __real_##name params;                  \
    int __wrap_##name params                   \
    {                                          \
        if (hx_fail(#name, SITE))              \
            return rc;                         \
        return __real_##name args;             \
    }

/* stdio: a failure also sets the stream's error indicator, as a real one does. */
#define HX_STREAM_ERROR(fp) ((fp)->_flags |= _IO_ERR_SEEN, errno = EIO)
#define HX_FALLIBLE_STREAM(ret, name, params, args, fp, failval) \
    ret __real_##name params;                                    \
    ret __wrap_##name params                                     \
    {                                                            \
        if (hx_fail(#name, SITE)) {                              \
            HX_STREAM_ERROR(fp);                                 \
            return failval;                                      \
        }                                                        \
        return __real_##name args;                               \
    }

HX_FALLIBLE(ssize_t, read, (int fd, void *b, size_t n), (fd, b, n), -1, EIO)
HX_FALLIBLE(ssize_t, write, (int fd, const void *b, size_t n), (fd, b, n), -1, EIO)
HX_FALLIBLE(ssize_t, pread, (int fd, void *b, size_t n, off_t o), (fd, b, n, o), -1, EIO)
HX_FALLIBLE(ssize_t, pwrite, (int fd, const void *b, size_t n, off_t o), (fd, b, n, o), -1, EIO)
HX_FALLIBLE(ssize_t, pread64, (int fd, void *b, size_t n, off_t o), (fd, b, n, o), -1, EIO)
HX_FALLIBLE(ssize_t, pwrite64, (int fd, const void *b, size_t n, off_t o), (fd, b, n, o), -1, EIO)
HX_FALLIBLE(off_t, lseek, (int fd, off_t o, int w), (fd, o, w), -1, EIO)
HX_FALLIBLE(off_t, lseek64, (int fd, off_t o, int w), (fd, o, w), -1, EIO)
HX_FALLIBLE(int, fsync, (int fd), (fd), -1, EIO)
HX_FALLIBLE(int, fdatasync, (int fd), (fd), -1, EIO)
HX_FALLIBLE(int, ftruncate, (int fd, off_t len), (fd, len), -1, EIO)
HX_FALLIBLE(int, fstat, (int fd, struct stat *st), (fd, st), -1, ENOMEM)
HX_FALLIBLE(int, fstat64, (int fd, struct stat *st), (fd, st), -1, ENOMEM)
HX_FALLIBLE(int, stat, (const char *p, struct stat *st), (p, st), -1, ENOMEM)
HX_FALLIBLE(int, stat64, (const char *p, struct stat *st), (p, st), -1, ENOMEM)
HX_FALLIBLE(int, lstat, (const char *p, struct stat *st), (p, st), -1, ENOMEM)
HX_FALLIBLE(int, lstat64, (const char *p, struct stat *st), (p, st), -1, ENOMEM)
HX_FALLIBLE(int, fstatat, (int d, const char *p, struct stat *st, int f), (d, p, st, f), -1, ENOMEM)
HX_FALLIBLE(int, fstatat64, (int d, const char *p, struct stat *st, int f), (d, p, st, f), -1, ENOMEM)
HX_FALLIBLE(int, rename, (const char *a, const char *b), (a, b), -1, EIO)
HX_FALLIBLE(ssize_t, splice, (int a, loff_t *ao, int b, loff_t *bo, size_t n, unsigned f),
            (a, ao, b, bo, n, f), -1, ENOMEM)
HX_FALLIBLE(ssize_t, sendfile, (int a, int b, off_t *o, size_t n), (a, b, o, n), -1, EIO)
HX_FALLIBLE(int, bind, (int fd, const struct sockaddr *a, socklen_t l), (fd, a, l), -1, EADDRINUSE)
HX_FALLIBLE(int, listen, (int fd, int n), (fd, n), -1, EADDRINUSE)
HX_FALLIBLE(int, connect, (int fd, const struct sockaddr *a, socklen_t l), (fd, a, l), -1,
            ECONNREFUSED)
HX_FALLIBLE(int, setsockopt, (int fd, int l, int o, const void *v, socklen_t n),
            (fd, l, o, v, n), -1, ENOMEM)
HX_FALLIBLE(ssize_t, send, (int fd, const void *b, size_t n, int f), (fd, b, n, f), -1, EIO)
HX_FALLIBLE(ssize_t, recv, (int fd, void *b, size_t n, int f), (fd, b, n, f), -1, EIO)
HX_FALLIBLE(size_t, iconv, (iconv_t cd, char **in, size_t *il, char **out, size_t *ol),
            (cd, in, il, out, ol), (size_t)-1, EILSEQ)
HX_FALLIBLE(int, putenv, (char *s), (s), -1, ENOMEM)
HX_FALLIBLE(int, setenv, (const char *n, const char *v, int o), (n, v, o), -1, ENOMEM)
HX_FALLIBLE_RC(pthread_setname_np, (pthread_t t, const char *n), (t, n), ERANGE)
HX_FALLIBLE_RC(regexec, (const regex_t *re, const char *s, size_t n, regmatch_t *m, int f),
               (re, s, n, m, f), REG_ESPACE)

HX_FALLIBLE_STREAM(size_t, fread, (void *b, size_t s, size_t n, FILE *fp), (b, s, n, fp), fp, 0)
HX_FALLIBLE_STREAM(size_t, fwrite, (const void *b, size_t s, size_t n, FILE *fp), (b, s, n, fp),
                   fp, 0)
HX_FALLIBLE_STREAM(char *, fgets, (char *b, int n, FILE *fp), (b, n, fp), fp, NULL)
HX_FALLIBLE_STREAM(int, fputs, (const char *s, FILE *fp), (s, fp), fp, EOF)
HX_FALLIBLE_STREAM(int, fseek, (FILE *fp, long o, int w), (fp, o, w), fp, -1)
HX_FALLIBLE_STREAM(int, vfprintf, (FILE *fp, const char *f, va_list ap), (fp, f, ap), fp, -1)

int __real_fflush(FILE *fp);
int __wrap_fflush(FILE *fp)
{
    if (hx_fail("fflush", SITE)) {
        if (fp)
            HX_STREAM_ERROR(fp);
        errno = EIO;
        return EOF;
    }
    return __real_fflush(fp);
}

/* A variadic call, passed on to its va_list twin. */
#define HX_VARIADIC(wrapped, name, type, vreal, failval, on_failure) \
    int __wrap_##wrapped(type x, const char *fmt, ...)              \
    {                                                               \
        va_list ap;                                                 \
        int r;                                                      \
        if (hx_fail(#name, SITE)) {                                 \
            on_failure;                                             \
            return failval;                                         \
        }                                                           \
        va_start(ap, fmt);                                          \
        r = vreal(x, fmt, ap);                                      \
        va_end(ap);                                                 \
        return r;                                                   \
    }
HX_VARIADIC(fprintf, fprintf, FILE *, __real_vfprintf, -1, HX_STREAM_ERROR(x))
/* fscanf is declared as __isoc99_fscanf by glibc's headers in C99 and later. */
int __isoc99_vfscanf(FILE *fp, const char *fmt, va_list ap);
HX_VARIADIC(__isoc99_fscanf, fscanf, FILE *, __isoc99_vfscanf, EOF, HX_STREAM_ERROR(x))

/* --------------------------------------------------------------- memory
 * Heap blocks are checked by valgrind at exit; here they only fail. */

HX_FALLIBLE(void *, malloc, (size_t n), (n), NULL, ENOMEM)
HX_FALLIBLE(void *, calloc, (size_t n, size_t s), (n, s), NULL, ENOMEM)
HX_FALLIBLE(void *, realloc, (void *p, size_t n), (p, n), NULL, ENOMEM)
HX_FALLIBLE(char *, strdup, (const char *s), (s), NULL, ENOMEM)
HX_FALLIBLE(char *, strndup, (const char *s, size_t n), (s, n), NULL, ENOMEM)
HX_FALLIBLE(ssize_t, getline, (char **b, size_t *n, FILE *fp), (b, n, fp), -1, ENOMEM)
HX_FALLIBLE(ssize_t, getdelim, (char **b, size_t *n, int d, FILE *fp), (b, n, d, fp), -1, ENOMEM)
HX_FALLIBLE(int, vasprintf, (char **s, const char *f, va_list ap), (s, f, ap), -1, ENOMEM)

HX_VARIADIC(asprintf, asprintf, char **, __real_vasprintf, -1, errno = ENOMEM)

/* ----------------------------------------------------------- descriptors */

#define HX_FD_ACQUIRE(name, params, args)          \
    int __real_##name params;                      \
    int __wrap_##name params                       \
    {                                              \
        void *site = SITE;                         \
        if (hx_fail(#name, site)) {                \
            errno = EMFILE;                        \
            return -1;                             \
        }                                          \
        return hx_opened(#name, site, __real_##name args); \
    }

HX_FD_ACQUIRE(socket, (int d, int t, int p), (d, t, p))
HX_FD_ACQUIRE(accept, (int fd, struct sockaddr *a, socklen_t *l), (fd, a, l))
HX_FD_ACQUIRE(accept4, (int fd, struct sockaddr *a, socklen_t *l, int f), (fd, a, l, f))
HX_FD_ACQUIRE(dup, (int fd), (fd))
HX_FD_ACQUIRE(creat, (const char *p, mode_t m), (p, m))
HX_FD_ACQUIRE(creat64, (const char *p, mode_t m), (p, m))
HX_FD_ACQUIRE(eventfd, (unsigned int v, int f), (v, f))
HX_FD_ACQUIRE(epoll_create, (int n), (n))
HX_FD_ACQUIRE(epoll_create1, (int f), (f))
HX_FD_ACQUIRE(timerfd_create, (int c, int f), (c, f))
HX_FD_ACQUIRE(signalfd, (int fd, const void *mask, int f), (fd, mask, f))
HX_FD_ACQUIRE(memfd_create, (const char *n, unsigned int f), (n, f))
HX_FD_ACQUIRE(inotify_init, (void), ())
HX_FD_ACQUIRE(inotify_init1, (int f), (f))
HX_FD_ACQUIRE(mkstemp, (char *t), (t))
HX_FD_ACQUIRE(mkostemp, (char *t, int f), (t, f))
HX_FD_ACQUIRE(mkstemps, (char *t, int n), (t, n))
HX_FD_ACQUIRE(mkostemps, (char *t, int n, int f), (t, n, f))

int __real_open64(const char *, int, ...);
int __real_openat(int, const char *, int, ...);
int __real_openat64(int, const char *, int, ...);

static mode_t hx_open_mode(int flags, va_list ap)
{
    return __OPEN_NEEDS_MODE(flags) ? (mode_t)va_arg(ap, int) : 0;
}

#define HX_OPEN(name, params, args)                                   \
    int __wrap_##name params                                          \
    {                                                                 \
        void *site = SITE;                                            \
        va_list ap;                                                   \
        mode_t mode;                                                  \
        va_start(ap, flags);                                          \
        mode = hx_open_mode(flags, ap);                               \
        va_end(ap);                                                   \
        if (hx_fail(#name, site)) {                                   \
            errno = EMFILE;                                           \
            return -1;                                                \
        }                                                             \
        return hx_opened(#name, site, __real_##name args);            \
    }
HX_OPEN(open, (const char *path, int flags, ...), (path, flags, mode))
HX_OPEN(open64, (const char *path, int flags, ...), (path, flags, mode))
HX_OPEN(openat, (int dirfd, const char *path, int flags, ...), (dirfd, path, flags, mode))
HX_OPEN(openat64, (int dirfd, const char *path, int flags, ...), (dirfd, path, flags, mode))

#define HX_PAIR(name, params, args, fds)           \
    int __real_##name params;                      \
    int __wrap_##name params                       \
    {                                              \
        void *site = SITE;                         \
        int r;                                     \
        if (hx_fail(#name, site)) {                \
            errno = EMFILE;                        \
            return -1;                             \
        }                                          \
        r = __real_##name args;                    \
        if (r == 0) {                              \
            hx_add_fd((fds)[0], site, #name);      \
            hx_add_fd((fds)[1], site, #name);      \
        }                                          \
        return r;                                  \
    }
HX_PAIR(pipe, (int fds[2]), (fds), fds)
HX_PAIR(pipe2, (int fds[2], int f), (fds, f), fds)
HX_PAIR(socketpair, (int d, int t, int p, int sv[2]), (d, t, p, sv), sv)

/* dup2 and dup3 make a descriptor too; like every release they never fail here. */
int __real_dup2(int a, int b);
int __wrap_dup2(int a, int b)
{
    int fd = __real_dup2(a, b);

    if (fd >= 0 && a != b)
        hx_add_fd(fd, SITE, "dup2");
    return fd;
}

int __real_dup3(int a, int b, int f);
int __wrap_dup3(int a, int b, int f)
{
    int fd = __real_dup3(a, b, f);

    if (fd >= 0)
        hx_add_fd(fd, SITE, "dup3");
    return fd;
}

int __wrap_close(int fd)
{
    hx_drop_fd(fd);
    return __real_close(fd);
}

/* ---------------------------------------------------- streams, directories */

/* An acquirer that returns a pointer, NULL when it fails. */
#define HX_PTR_ACQUIRE(type, kind, name, params, args, err, disown) \
    type *__real_##name params;                                     \
    type *__wrap_##name params                                      \
    {                                                               \
        void *site = SITE;                                          \
        type *hx_r;                                                 \
        if (hx_fail(#name, site)) {                                 \
            errno = err;                                            \
            return NULL;                                            \
        }                                                           \
        hx_r = __real_##name args;                                  \
        if (hx_r) {                                                 \
            disown;                                                 \
            hx_add(kind, (uintptr_t)hx_r, 0, site, #name);          \
        }                                                           \
        return hx_r;                                                \
    }
#define HX_STREAM(name, params, args, err, disown) \
    HX_PTR_ACQUIRE(FILE, HX_FILE, name, params, args, err, disown)

/* A release: the resource is no longer held, whatever the call returns. */
#define HX_RELEASE(ret, name, type, kind)      \
    ret __real_##name(type x);                 \
    ret __wrap_##name(type x)                  \
    {                                          \
        hx_drop(kind, (uintptr_t)x);           \
        return __real_##name(x);               \
    }
#define HX_RELEASE_VOID(name, type, kind)      \
    void __real_##name(type x);                \
    void __wrap_##name(type x)                 \
    {                                          \
        hx_drop(kind, (uintptr_t)x);           \
        __real_##name(x);                      \
    }

HX_STREAM(fopen, (const char *p, const char *m), (p, m), EMFILE, (void)0)
HX_STREAM(fopen64, (const char *p, const char *m), (p, m), EMFILE, (void)0)
HX_STREAM(fdopen, (int fd, const char *m), (fd, m), ENOMEM, hx_drop_fd(fd))
HX_STREAM(tmpfile, (void), (), EMFILE, (void)0)
HX_STREAM(tmpfile64, (void), (), EMFILE, (void)0)
HX_STREAM(open_memstream, (char **b, size_t *n), (b, n), ENOMEM, (void)0)
HX_STREAM(fmemopen, (void *b, size_t n, const char *m), (b, n, m), ENOMEM, (void)0)
HX_STREAM(popen, (const char *c, const char *m), (c, m), EMFILE, (void)0)

HX_RELEASE(int, fclose, FILE *, HX_FILE)
HX_RELEASE(int, pclose, FILE *, HX_FILE)

/* freopen closes the stream it is given, even when it fails. */
static FILE *hx_freopen(const char *name, void *site, const char *path, const char *mode,
                        FILE *stream, FILE *(*real)(const char *, const char *, FILE *))
{
    int std = stream == stdin || stream == stdout || stream == stderr;
    FILE *fp;

    hx_drop(HX_FILE, (uintptr_t)stream);
    if (hx_fail(name, site)) {
        __real_fclose(stream);
        errno = EMFILE;
        return NULL;
    }
    fp = real(path, mode, stream);
    if (fp && !std)
        hx_add(HX_FILE, (uintptr_t)fp, 0, site, name);
    return fp;
}

FILE *__real_freopen(const char *p, const char *m, FILE *s);
FILE *__wrap_freopen(const char *p, const char *m, FILE *s)
{
    return hx_freopen("freopen", SITE, p, m, s, __real_freopen);
}

FILE *__real_freopen64(const char *p, const char *m, FILE *s);
FILE *__wrap_freopen64(const char *p, const char *m, FILE *s)
{
    return hx_freopen("freopen64", SITE, p, m, s, __real_freopen64);
}

HX_PTR_ACQUIRE(DIR, HX_DIR, opendir, (const char *p), (p), EMFILE, (void)0)
HX_PTR_ACQUIRE(DIR, HX_DIR, fdopendir, (int fd), (fd), ENOMEM, hx_drop_fd(fd))

HX_RELEASE(int, closedir, DIR *, HX_DIR)

/* ------------------------------------------------------------------ locks
 * Taken and released are counted per lock address; a lock call is never made
 * to fail (a default mutex cannot fail to lock). */

#define HX_LOCK(name, type)                         \
    int __real_##name(type *l);                    \
    int __wrap_##name(type *l)                     \
    {                                              \
        void *site = SITE;                         \
        int r = __real_##name(l);                  \
        if (r == 0)                                \
            hx_add(HX_LOCK, (uintptr_t)l, 0, site, #name); \
        return r;                                  \
    }
HX_LOCK(pthread_mutex_lock, pthread_mutex_t)
HX_LOCK(pthread_mutex_trylock, pthread_mutex_t)
HX_RELEASE(int, pthread_mutex_unlock, pthread_mutex_t *, HX_LOCK)
HX_LOCK(pthread_rwlock_rdlock, pthread_rwlock_t)
HX_LOCK(pthread_rwlock_wrlock, pthread_rwlock_t)
HX_LOCK(pthread_rwlock_tryrdlock, pthread_rwlock_t)
HX_LOCK(pthread_rwlock_trywrlock, pthread_rwlock_t)
HX_RELEASE(int, pthread_rwlock_unlock, pthread_rwlock_t *, HX_LOCK)
HX_LOCK(pthread_spin_lock, pthread_spinlock_t)
HX_LOCK(pthread_spin_trylock, pthread_spinlock_t)
HX_RELEASE(int, pthread_spin_unlock, pthread_spinlock_t *, HX_LOCK)

int __real_pthread_mutex_timedlock(pthread_mutex_t *l, const struct timespec *t);
int __wrap_pthread_mutex_timedlock(pthread_mutex_t *l, const struct timespec *t)
{
    void *site = SITE;
    int r = __real_pthread_mutex_timedlock(l, t);

    if (r == 0)
        hx_add(HX_LOCK, (uintptr_t)l, 0, site, "pthread_mutex_timedlock");
    return r;
}

void __real_flockfile(FILE *fp);
void __wrap_flockfile(FILE *fp)
{
    void *site = SITE;

    __real_flockfile(fp);
    hx_add(HX_LOCK, (uintptr_t)fp, 0, site, "flockfile");
}

int __real_ftrylockfile(FILE *fp);
int __wrap_ftrylockfile(FILE *fp)
{
    void *site = SITE;
    int r = __real_ftrylockfile(fp);

    if (r == 0)
        hx_add(HX_LOCK, (uintptr_t)fp, 0, site, "ftrylockfile");
    return r;
}

HX_RELEASE_VOID(funlockfile, FILE *, HX_LOCK)

/* ---------------------------------------------------------------- threads */

/* An acquirer that returns 0 or an error number and hands the resource out
 * through a parameter (key). */
#define HX_RC_ACQUIRE(name, params, args, kind, failrc, key) \
    int __real_##name params;                                \
    int __wrap_##name params                                 \
    {                                                        \
        void *site = SITE;                                   \
        int r;                                               \
        if (hx_fail(#name, site))                            \
            return failrc;                                   \
        r = __real_##name args;                              \
        if (r == 0)                                          \
            hx_add(kind, (uintptr_t)(key), 0, site, #name);  \
        return r;                                            \
    }
HX_RC_ACQUIRE(pthread_create, (pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *), void *arg),
              (t, a, fn, arg), HX_THREAD, EAGAIN, *t)

int __real_pthread_join(pthread_t t, void **ret);
int __wrap_pthread_join(pthread_t t, void **ret)
{
    int r = __real_pthread_join(t, ret);

    if (r == 0)
        hx_drop(HX_THREAD, (uintptr_t)t);
    return r;
}

int __real_pthread_detach(pthread_t t);
int __wrap_pthread_detach(pthread_t t)
{
    int r = __real_pthread_detach(t);

    if (r == 0)
        hx_drop(HX_THREAD, (uintptr_t)t);
    return r;
}

/* ---------------------------------------------------------------- handles */

typedef void *hx_mmap_fn(void *, size_t, int, int, int, off_t);
void *__real_mmap(void *a, size_t n, int p, int f, int fd, off_t o);
void *__real_mmap64(void *a, size_t n, int p, int f, int fd, off_t o);

static void *hx_mmap(const char *name, void *site, hx_mmap_fn *real, void *addr, size_t len,
                     int prot, int flags, int fd, off_t off)
{
    void *p;

    if (hx_fail(name, site)) {
        errno = ENOMEM;
        return MAP_FAILED;
    }
    p = real(addr, len, prot, flags, fd, off);
    if (p != MAP_FAILED)
        hx_add(HX_MMAP, (uintptr_t)p, len, site, name);
    return p;
}

void *__wrap_mmap(void *a, size_t n, int p, int f, int fd, off_t o)
{
    return hx_mmap("mmap", SITE, __real_mmap, a, n, p, f, fd, o);
}

void *__wrap_mmap64(void *a, size_t n, int p, int f, int fd, off_t o)
{
    return hx_mmap("mmap64", SITE, __real_mmap64, a, n, p, f, fd, o);
}

int __real_munmap(void *addr, size_t len);
int __wrap_munmap(void *addr, size_t len)
{
    uintptr_t lo = (uintptr_t)addr, hi = lo + len;
    int i, r = __real_munmap(addr, len);

    if (r == 0) {
        hx_lock();
        for (i = 0; i < hx_nres; i++) {
            struct hx_res *m = &hx_res[i];

            if (m->live && m->kind == HX_MMAP && m->key < hi && m->key + m->len > lo)
                m->live = 0;
        }
        hx_unlock();
    }
    return r;
}

void *__real_dlopen(const char *f, int m);
void *__wrap_dlopen(const char *f, int m)
{
    void *site = SITE;
    void *h;

    if (hx_fail("dlopen", site)) {
        hx_dl_injected = 1;
        return NULL;
    }
    hx_dl_injected = 0;
    h = __real_dlopen(f, m);
    if (h)
        hx_add(HX_DLOPEN, (uintptr_t)h, 0, site, "dlopen");
    return h;
}

void *__real_dlsym(void *h, const char *s);
void *__wrap_dlsym(void *h, const char *s)
{
    if (hx_fail("dlsym", SITE)) {
        hx_dl_injected = 1;
        return NULL;
    }
    hx_dl_injected = 0;
    return __real_dlsym(h, s);
}

char *__real_dlerror(void);
char *__wrap_dlerror(void)
{
    static char msg[] = "cocci-unwind harness: injected failure";

    if (hx_dl_injected) {
        hx_dl_injected = 0;
        return msg;
    }
    return __real_dlerror();
}

HX_RELEASE(int, dlclose, void *, HX_DLOPEN)

HX_RC_ACQUIRE(regcomp, (regex_t *re, const char *p, int f), (re, p, f), HX_REGEX, REG_ESPACE, re)

HX_RELEASE_VOID(regfree, regex_t *, HX_REGEX)

HX_RC_ACQUIRE(getaddrinfo, (const char *n, const char *s, const struct addrinfo *h,
                            struct addrinfo **res),
              (n, s, h, res), HX_ADDRINFO, EAI_MEMORY, *res)

HX_RELEASE_VOID(freeaddrinfo, struct addrinfo *, HX_ADDRINFO)

iconv_t __real_iconv_open(const char *to, const char *from);
iconv_t __wrap_iconv_open(const char *to, const char *from)
{
    void *site = SITE;
    iconv_t cd;

    if (hx_fail("iconv_open", site)) {
        errno = ENOMEM;
        return (iconv_t)-1;
    }
    cd = __real_iconv_open(to, from);
    if (cd != (iconv_t)-1)
        hx_add(HX_ICONV, (uintptr_t)cd, 0, site, "iconv_open");
    return cd;
}

HX_RELEASE(int, iconv_close, iconv_t, HX_ICONV)

int __real_glob(const char *p, int f, int (*err)(const char *, int), glob_t *g);
int __wrap_glob(const char *p, int f, int (*err)(const char *, int), glob_t *g)
{
    void *site = SITE;
    int r;

    if (hx_fail("glob", site)) {
        if (!(f & GLOB_APPEND)) {
            g->gl_pathc = 0;
            g->gl_pathv = NULL;
        }
        return GLOB_NOSPACE;
    }
    r = __real_glob(p, f, err, g);
    if (r == 0)
        hx_add(HX_GLOB, (uintptr_t)g, 0, site, "glob");
    return r;
}

HX_RELEASE_VOID(globfree, glob_t *, HX_GLOB)
