/* unwind-openssl: SSL_set_bio() hands both memory BIOs to the SSL object (a sink).
 * tls_engine_new() frees what it holds on each failure before the hand-off; after it,
 * SSL_free(ssl) frees the BIOs too, and the SSL object is returned to the caller.
 * build: pkg-config openssl
 * drive: ({ SSL_CTX *c = SSL_CTX_new(TLS_client_method()); SSL *s = tls_engine_new(c, "example.org"); int ok = s != NULL; SSL_free(s); SSL_CTX_free(c); ok; })
 * drive: ({ SSL_CTX *c = SSL_CTX_new(TLS_client_method()); char h[300]; memset(h, 'a', sizeof(h) - 1); h[sizeof(h) - 1] = '\0'; SSL *s = tls_engine_new(c, h); int ok = s == NULL; SSL_free(s); SSL_CTX_free(c); ok; })
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

/* A client TLS engine that reads and writes through memory BIOs, for an event loop. */
SSL *tls_engine_new(SSL_CTX *ctx, const char *host)
{
    SSL *ssl;
    BIO *rbio, *wbio;

    ssl = SSL_new(ctx);
    if (!ssl)
        return NULL;
    rbio = BIO_new(BIO_s_mem());
    if (!rbio) {
        SSL_free(ssl);
        return NULL;
    }
    wbio = BIO_new(BIO_s_mem());
    if (!wbio) {
        BIO_free(rbio);
        SSL_free(ssl);
        return NULL;
    }
    SSL_set_bio(ssl, rbio, wbio);
    if (!SSL_set_tlsext_host_name(ssl, host)) {
        ERR_clear_error();
        SSL_free(ssl);
        return NULL;
    }
    SSL_set_connect_state(ssl);
    return ssl;
}
