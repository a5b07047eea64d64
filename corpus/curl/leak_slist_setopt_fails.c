/* unwind-curl: a header list from curl_slist_append() is lost when a later setopt fails.
 * get_status() returns -1 without curl_slist_free_all(hdrs) when the URL, the protocol list
 * or the header option is refused; after the transfer it frees the list.
 * build: pkg-config libcurl
 * drive: ({ CURL *c = curl_easy_init(); FILE *null = fopen("/dev/null", "w"); long r = -1; if (c && null && curl_easy_setopt(c, CURLOPT_WRITEDATA, null) == CURLE_OK) r = get_status(c, "file:///etc/hostname", "t0ken", "file"); curl_easy_cleanup(c); if (null) fclose(null); r; })
 * drive: ({ CURL *c = curl_easy_init(); long r = get_status(c, "file:///etc/hostname", "t0ken", "gopherz"); curl_easy_cleanup(c); r; })
 */
#include <stdio.h>

#include <curl/curl.h>

/* GET url with a bearer token over the protocols listed; the response code, or -1. */
long get_status(CURL *curl, const char *url, const char *token, const char *protocols)
{
    struct curl_slist *hdrs;
    char auth[512];
    long code = -1;

    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
    hdrs = curl_slist_append(NULL, auth);
    if (!hdrs)
        return -1;
    if (curl_easy_setopt(curl, CURLOPT_URL, url) != CURLE_OK ||
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, protocols) != CURLE_OK ||
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs) != CURLE_OK)
        return -1;
    if (curl_easy_perform(curl) == CURLE_OK)
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(hdrs);
    return code;
}
