/* unwind-openssl: the EVP_MD_CTX leaks when EVP_DigestInit_ex() fails.
 * digest_hex() returns -1 on a failed init without EVP_MD_CTX_free(ctx), as it does when
 * the digest name is unknown (md is NULL); the update/final error and success free it.
 * build: pkg-config openssl
 * drive: ({ char hex[2 * EVP_MAX_MD_SIZE + 1]; int n = digest_hex("SHA256", "abc", 3, hex); n == 64 && strncmp(hex, "ba7816bf", 8) == 0; })
 * drive: ({ char hex[2 * EVP_MAX_MD_SIZE + 1]; digest_hex("no-such-digest", "abc", 3, hex); })
 */
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

/* The hex digest of data with the digest called name, into hex (2 * EVP_MAX_MD_SIZE + 1
 * bytes); its length, or -1. */
int digest_hex(const char *name, const void *data, size_t len, char *hex)
{
    const EVP_MD *md = EVP_get_digestbyname(name);
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n, i;
    EVP_MD_CTX *ctx;

    ctx = EVP_MD_CTX_new();
    if (!ctx)
        return -1;
    if (!EVP_DigestInit_ex(ctx, md, NULL))
        return -1;
    if (!EVP_DigestUpdate(ctx, data, len) || !EVP_DigestFinal_ex(ctx, out, &n)) {
        EVP_MD_CTX_free(ctx);
        return -1;
    }
    EVP_MD_CTX_free(ctx);
    for (i = 0; i < n; i++)
        snprintf(hex + 2 * i, 3, "%02x", out[i]);
    return (int)(2 * n);
}
