/* unwind-mbedtls: a context the caller passes in is the caller's to free, whatever this
 * function returns; the context it sets up for itself is freed on every path.
 * build: -lmbedcrypto
 * drive: ({ mbedtls_md_context_t c; int r = digest_setup(&c, 1); mbedtls_md_free(&c); r; }) == 0
 * drive: ({ mbedtls_md_context_t c; int r = digest_setup(&c, 0); mbedtls_md_free(&c); r; }) == -1
 */
#include <mbedtls/md.h>

/* Sets up ctx for SHA-256 when ok: 0, or -1. */
int digest_setup(mbedtls_md_context_t *ctx, int ok)
{
    mbedtls_md_context_t probe;

    mbedtls_md_init(ctx);
    mbedtls_md_init(&probe);
    if (mbedtls_md_setup(&probe, mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), 0) != 0) {
        mbedtls_md_free(&probe);
        return -1;
    }
    mbedtls_md_free(&probe);
    if (!ok)
        return -1;
    if (mbedtls_md_setup(ctx, mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), 0) != 0)
        return -1;
    return 0;
}
