/* unwind-openssl: every exit after EVP_CIPHER_CTX_new() goes through the label that frees.
 * encrypt_aes128() sends each failed EVP step to `out`, which calls EVP_CIPHER_CTX_free();
 * the exits before it are the size check and the allocation's own failure.
 * build: pkg-config openssl
 * drive: ({ unsigned char k[16] = { 1 }, iv[16] = { 2 }, out[64]; encrypt_aes128(k, iv, (const unsigned char *)"attack at dawn", 14, out, sizeof(out)); })
 * drive: ({ unsigned char k[16] = { 1 }, iv[16] = { 2 }, out[8]; encrypt_aes128(k, iv, (const unsigned char *)"attack at dawn", 14, out, sizeof(out)); })
 * drive: ({ unsigned char k[16] = { 1 }, iv[16] = { 2 }, out[64]; encrypt_aes128(k, iv, (const unsigned char *)"attack at dawn", -1, out, sizeof(out)); })
 */
#include <openssl/evp.h>

/* AES-128-CBC with PKCS#7 padding; the ciphertext's length, or -1. */
int encrypt_aes128(const unsigned char *key, const unsigned char *iv, const unsigned char *in,
                   int inlen, unsigned char *out, int outsize)
{
    EVP_CIPHER_CTX *ctx;
    int n, total = -1;

    if (outsize < inlen + 16)
        return -1;
    ctx = EVP_CIPHER_CTX_new();
    if (!ctx)
        return -1;
    if (EVP_EncryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv) != 1)
        goto out;
    if (EVP_EncryptUpdate(ctx, out, &n, in, inlen) != 1)
        goto out;
    total = n;
    if (EVP_EncryptFinal_ex(ctx, out + n, &n) != 1) {
        total = -1;
        goto out;
    }
    total += n;
out:
    EVP_CIPHER_CTX_free(ctx);
    return total;
}
