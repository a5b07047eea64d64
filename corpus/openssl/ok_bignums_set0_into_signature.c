/* unwind-openssl: ECDSA_SIG_set0() takes r and s over (OpenSSL's set0 convention; with
 * both non-NULL it cannot fail, and its result is not tested here), so the exits after it
 * owe only the signature; before it, each failure frees what it holds.
 * build: pkg-config openssl
 * drive: ({ unsigned char out[16]; sig_der(3, 5, out, sizeof(out)); }) > 0
 * drive: ({ unsigned char out[2]; sig_der(3, 5, out, sizeof(out)); }) == -1
 */
#include <openssl/bn.h>
#include <openssl/ecdsa.h>

/* The DER of the ECDSA signature (r, s) into out (n bytes): its length, or -1. */
int sig_der(unsigned char rb, unsigned char sb, unsigned char *out, int n)
{
    ECDSA_SIG *sig = ECDSA_SIG_new();
    BIGNUM *r = BN_new();
    BIGNUM *s = BN_new();
    unsigned char *p = out;
    int len;

    if (sig == NULL || r == NULL || s == NULL || !BN_set_word(r, rb) || !BN_set_word(s, sb)) {
        BN_free(s);
        BN_free(r);
        ECDSA_SIG_free(sig);
        return -1;
    }
    ECDSA_SIG_set0(sig, r, s);
    len = i2d_ECDSA_SIG(sig, NULL);
    if (len <= 0 || len > n) {
        ECDSA_SIG_free(sig);
        return -1;
    }
    len = i2d_ECDSA_SIG(sig, &p);
    ECDSA_SIG_free(sig);
    return len;
}
