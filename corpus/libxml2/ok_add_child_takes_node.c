/* unwind-libxml2: xmlDocSetRootElement() and xmlAddChild() hand the new nodes to the tree.
 * Once attached, a node is freed with the document, so the error exits after the
 * hand-off free only the document; a node not yet attached is freed with xmlFreeNode().
 * build: pkg-config libxml-2.0
 * drive: ({ const char *names[] = { "alpha", "beta", NULL }; xmlDocPtr d = names_doc(names); int ok = d != NULL; xmlFreeDoc(d); ok; })
 * drive: ({ const char *names[] = { "alpha", "", NULL }; xmlDocPtr d = names_doc(names); int ok = d == NULL; xmlFreeDoc(d); ok; })
 */
#include <stddef.h>

#include <libxml/tree.h>

/* <names><name>...</name>...</names> for a NULL-terminated list of non-empty names. */
xmlDocPtr names_doc(const char **names)
{
    xmlDocPtr doc;
    xmlNodePtr root, node;
    int i;

    doc = xmlNewDoc(BAD_CAST "1.0");
    if (!doc)
        return NULL;
    root = xmlNewNode(NULL, BAD_CAST "names");
    if (!root) {
        xmlFreeDoc(doc);
        return NULL;
    }
    xmlDocSetRootElement(doc, root);
    for (i = 0; names[i] != NULL; i++) {
        node = xmlNewNode(NULL, BAD_CAST "name");
        if (!node) {
            xmlFreeDoc(doc);
            return NULL;
        }
        if (names[i][0] == '\0') {
            xmlFreeNode(node);
            xmlFreeDoc(doc);
            return NULL;
        }
        xmlNodeAddContent(node, BAD_CAST names[i]);
        xmlAddChild(root, node);
    }
    return doc;
}
