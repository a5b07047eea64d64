/* unwind-mbedtls: the digest context leaks when the input is empty.
 * sha256_hex() returns -1 after mbedtls_md_setup() has allocated the context's state and
 * before mbedtls_md_free(&md) runs.
 * build: -lmbedcrypto
 * drive: ({ unsigned char out[32]; sha256_of("abc", 3, out); }) == 0
 * drive: ({ unsigned char out[32]; sha256_of("", 0, out); }) == -1
 */
#include <stddef.h>
#include <mbedtls/md.h>

/* The SHA-256 of the len bytes at data into out (32 bytes): 0, or -1 on error. */
int sha256_of(const char *data, size_t len, unsigned char *out)
{
    mbedtls_md_context_t md;
    int ret = -1;

    mbedtls_md_init(&md);
    if (mbedtls_md_setup(&md, mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), 0) != 0)
        goto done;
    if (len == 0)
        return -1;
    if (mbedtls_md_starts(&md) != 0 ||
        mbedtls_md_update(&md, (const unsigned char *) data, len) != 0 ||
        mbedtls_md_finish(&md, out) != 0)
        goto done;
    ret = 0;
done:
    mbedtls_md_free(&md);
    return ret;
}
