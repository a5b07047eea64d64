/* unwind-openssl: the file BIO is not freed when the PEM key in it does not parse.
 * load_private_key() returns NULL without BIO_free(in) when PEM_read_bio_PrivateKey()
 * fails (a file that holds no PEM key); the success path frees the BIO.
 * build: pkg-config openssl
 * drive: ({ char p[] = "/tmp/cocci-unwind-ssl-XXXXXX"; int fd = mkstemp(p); FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL; EVP_PKEY *g = EVP_EC_gen("P-256"); int ok = f && g && PEM_write_PrivateKey(f, g, NULL, NULL, 0, NULL, NULL); if (f) fclose(f); else if (fd >= 0) close(fd); EVP_PKEY_free(g); EVP_PKEY *k = ok ? load_private_key(p) : NULL; if (fd >= 0) unlink(p); ok = k != NULL; EVP_PKEY_free(k); ok; })
 * drive: load_private_key("/etc/hostname") == NULL
 * drive: load_private_key("/nonexistent/cocci-unwind") == NULL
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

EVP_PKEY *load_private_key(const char *path)
{
    BIO *in;
    EVP_PKEY *key;

    in = BIO_new_file(path, "r");
    if (!in)
        return NULL;
    key = PEM_read_bio_PrivateKey(in, NULL, NULL, NULL);
    if (!key) {
        ERR_clear_error();
        return NULL;
    }
    BIO_free(in);
    return key;
}
