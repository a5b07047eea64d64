/* unwind-curl: the easy handle leaks when curl_easy_setopt() fails.
 * make_handle() returns NULL without curl_easy_cleanup(curl) when the URL or the protocol
 * list is refused (an unknown protocol name); the redirect options' failure cleans up.
 * build: pkg-config libcurl
 * drive: ({ CURL *c = make_handle("https://example.org/", "https", 5); int ok = c != NULL; curl_easy_cleanup(c); ok; })
 * drive: ({ CURL *c = make_handle("https://example.org/", "gopherz", 5); int ok = c == NULL; curl_easy_cleanup(c); ok; })
 * drive: ({ CURL *c = make_handle("https://example.org/", "https", -5); int ok = c == NULL; curl_easy_cleanup(c); ok; })
 */
#include <curl/curl.h>

/* An easy handle for url that speaks only the protocols listed (e.g. "https,http"). */
CURL *make_handle(const char *url, const char *protocols, long max_redirs)
{
    CURL *curl;

    curl = curl_easy_init();
    if (!curl)
        return NULL;
    if (curl_easy_setopt(curl, CURLOPT_URL, url) != CURLE_OK ||
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, protocols) != CURLE_OK)
        return NULL;
    if (curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L) != CURLE_OK ||
        curl_easy_setopt(curl, CURLOPT_MAXREDIRS, max_redirs) != CURLE_OK) {
        curl_easy_cleanup(curl);
        return NULL;
    }
    return curl;
}
