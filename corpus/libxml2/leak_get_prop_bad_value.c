/* unwind-libxml2: an attribute value from xmlGetProp() is not freed when it does not parse.
 * node_port() returns -1 for a port that is not a number in 1..65535 without
 * xmlFree(val); the success path frees it.
 * build: pkg-config libxml-2.0
 * drive: ({ xmlNodePtr n = xmlNewNode(NULL, BAD_CAST "listen"); xmlNewProp(n, BAD_CAST "port", BAD_CAST "8080"); int p = 0; int r = node_port(n, &p); xmlFreeNode(n); r == 0 ? p : -1; })
 * drive: ({ xmlNodePtr n = xmlNewNode(NULL, BAD_CAST "listen"); xmlNewProp(n, BAD_CAST "port", BAD_CAST "80x"); int p = 0; int r = node_port(n, &p); xmlFreeNode(n); r; })
 * drive: ({ xmlNodePtr n = xmlNewNode(NULL, BAD_CAST "listen"); int p = 0; int r = node_port(n, &p); xmlFreeNode(n); r; })
 */
#include <stdlib.h>

#include <libxml/tree.h>

/* The port="N" attribute of node into *port; 0, or -1 if it is missing or invalid. */
int node_port(xmlNodePtr node, int *port)
{
    xmlChar *val;
    char *end;
    long v;

    val = xmlGetProp(node, BAD_CAST "port");
    if (!val)
        return -1;
    v = strtol((const char *)val, &end, 10);
    if (*end != '\0' || v < 1 || v > 65535)
        return -1;
    xmlFree(val);
    *port = (int)v;
    return 0;
}
