// cocci-unwind: macros that spatch cannot parse without help, passed with --macro-file
// (Coccinelle's own /usr/lib/coccinelle/standard.h stays in use). Written for this pack from
// the parse failures seen on Debian source packages (bench/run-all.sh); each entry gives the
// macro the shape spatch needs, not the project's definition. Only attribute wrappers,
// declaration specifiers and type-forming macros: nothing that hides a call, so no release
// or acquisition disappears from the code the rules see.

// --- attributes and function specifiers (expand to nothing) -----------------------------
#define ATTR_NORETURN
#define ATTR_UNUSED
#define ATTR_MALLOC
#define ATTR_NONNULL
#define ATTR_NONNULL_N(...)
#define ATTR_FORMAT(type, index, check)
#define ATTR_ALLOC_SIZE1(a)
#define ATTR_ALLOC_SIZE2(a, b)
#define ATTR_ACCESS3_R(a, b)
#define ATTR_ACCESS3_W(a, b)
#define ATTR_ACCESS3_RW(a, b)
#define ATTRIBUTE_FORMAT(a, b, c)
#define ATTRIBUTE_NORETURN
#define ATTRIBUTE_MALLOC
#define NORETURN
#define NORETURN_PTR
#define NOINLINE
#define UNUSED
#define MAYBE_UNUSED
#define UNUSED_PARAM
#define UNUSED_PARAM_RESULT
#define WARN_UNUSED_RESULT
#define WARN_UNUSED
#define ALWAYS_INLINE
#define FAST_FUNC
#define MAIN_EXTERNALLY_VISIBLE
#define EXTERNALLY_VISIBLE
#define RETURNS_MALLOC
#define PACKED
#define ALIGN1
#define ALIGN2
#define ALIGN4
#define ALIGN8
#define ALIGN_PTR
#define XZ_FUNC
#define XZ_EXTERN extern
#define ZLIB_INTERNAL
#define ZEXPORT
#define ZEXPORTVA
#define ZEXTERN extern
#define FAR
#define OF(args) args
#define __dead
#define __packed
#define __unused
#define __used
#define __pure
#define __printflike(a, b)
#define __bounded__(a, b, c)
#define printflike(a, b)
#define __printf(a, b)
#define __scanf(a, b)
#define __format_printf(a, b)
#define __ul_alloc_size(s)
#define __ul_calloc_size(n, s)
#define __ul_returns_nonnull
#define __must_check
#define __maybe_unused
#define __always_unused
#define __noreturn
#define __malloc
#define __cold
#define __hot
#define CURL_EXTERN
#define ALLOC_FUNC
#define ALLOC_SIZE(s)
#define ALLOC_SIZE2(n, s)
#define CURL_PRINTF(a, b)
#define GIT_FORMAT_PRINTF(a, b)
#define GIT_WARN_UNUSED_RESULT
#define GIT_DEPRECATED
#define GIT_INLINE(type) static inline type
#define GIT_EXTERN(type) extern type
#define UV_EXTERN extern
#define UV_UNUSED(declaration) declaration
#define NGX_CDECL
#define DEPRECATED
#define G_GNUC_PRINTF(a, b)
#define G_GNUC_UNUSED
#define G_GNUC_NORETURN
#define G_GNUC_MALLOC
#define G_GNUC_WARN_UNUSED_RESULT

// --- branch hints: keep the condition visible ---------------------------------------------
#define likely(x) (x)
#define unlikely(x) (x)
#define LIKELY(x) (x)
#define UNLIKELY(x) (x)

// --- scope-exit attributes: expand to nothing so the declaration parses; the rules read the
//     original text to see that the variable is released at scope exit ---------------------
#define _cleanup_(f)
#define _cleanup_free_
#define _cleanup_close_
#define _cleanup_fclose_
#define _cleanup_closedir_
#define _cleanup_strv_free_
#define __free(f)
#define UNWIND_FREE
#define UNWIND_FCLOSE
#define UNWIND_PCLOSE
#define UNWIND_CLOSE
#define UNWIND_CLOSEDIR
#define UNWIND_DLCLOSE
#define UNWIND_FREEADDRINFO
#define UNWIND_ICONV_CLOSE
#define UNWIND_REGFREE
#define UNWIND_GLOBFREE
#define UNWIND_CLOSE_PAIR
#define UNWIND_MUNMAP
#define UNWIND_JOIN
#define g_autofree
#define g_autofd

// --- type-forming macros --------------------------------------------------------------------
#define STACK_OF(type) struct stack_st
#define TAILQ_HEAD(name, type) struct name { struct type *tqh_first; struct type **tqh_last; }
#define TAILQ_ENTRY(type) struct { struct type *tqe_next; struct type **tqe_prev; }
#define LIST_HEAD(name, type) struct name { struct type *lh_first; }
#define LIST_ENTRY(type) struct { struct type *le_next; struct type **le_prev; }
#define SLIST_HEAD(name, type) struct name { struct type *slh_first; }
#define SLIST_ENTRY(type) struct { struct type *sle_next; }
#define STAILQ_HEAD(name, type) struct name { struct type *stqh_first; struct type **stqh_last; }
#define STAILQ_ENTRY(type) struct { struct type *stqe_next; }
#define RB_HEAD(name, type) struct name { struct type *rbh_root; }
#define RB_ENTRY(type) struct { struct type *rbe_left; struct type *rbe_right; struct type *rbe_parent; int rbe_color; }
#define SPLAY_HEAD(name, type) struct name { struct type *sph_root; }
#define SPLAY_ENTRY(type) struct { struct type *spe_left; struct type *spe_right; }
#define UL_DEBUG_DEFINE_MASKNAMES(m) static const struct ul_debug_maskname m ## _masknames[]
#define UL_DEBUG_EMPTY_MASKNAMES {{ NULL, 0, NULL }}
#define IF_DESKTOP(x) x
#define SIGPIPE_VARIABLE(x) struct sigpipe_ignore x

// --- storage-class and qualifier wrappers ---------------------------------------------------
#define local static
#define z_const const
#define FIX_ALIASING

// --- C99 restrict: spatch 1.1.1 reads `T * restrict p` but not `T * const restrict p` (a
//     parse error: 38 of lighttpd's); nothing in the rules looks at it. `__restrict` and
//     `__restrict__` are spatch keywords a macro cannot replace (`* const __restrict p` stops
//     spatch with "internal error: there is no noconst or novolatile keyword") ------------
#define restrict
