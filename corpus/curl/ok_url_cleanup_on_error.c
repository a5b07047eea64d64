/* unwind-curl: a CURLU handle from curl_url() is cleaned up on the parse error and after use.
 * normalize_url() hands the caller a string from curl_url_get() (freed with curl_free())
 * and releases the URL handle on both of its exits after the allocation.
 * build: pkg-config libcurl
 * drive: ({ char *s = normalize_url("HTTPS://example.org:443/a/../b"); int ok = s && strcmp(s, "https://example.org/b") == 0; curl_free(s); ok; })
 * drive: normalize_url("http://[::1") == NULL
 */
#include <string.h>

#include <curl/curl.h>

/* url in normal form (scheme in lowercase, dot segments and the default port removed),
 * to be freed with curl_free(); NULL if it does not parse. */
char *normalize_url(const char *url)
{
    CURLU *u;
    char *out = NULL;

    u = curl_url();
    if (!u)
        return NULL;
    if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK) {
        curl_url_cleanup(u);
        return NULL;
    }
    if (curl_url_get(u, CURLUPART_URL, &out, CURLU_NO_DEFAULT_PORT) != CURLUE_OK)
        out = NULL;
    curl_url_cleanup(u);
    return out;
}
