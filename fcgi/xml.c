/* XML model construction helpers over libxml2. */
#include "xml.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void free_doc(void *doc)
{
    xmlFreeDoc(doc);
}

xmlDocPtr xml_doc_new(arena *a, const char *root, xmlNodePtr *root_out)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr r = xmlNewDocNode(doc, NULL, BAD_CAST root, NULL);
    xmlDocSetRootElement(doc, r);
    arena_on_reset(a, free_doc, doc);
    if (root_out)
        *root_out = r;
    return doc;
}

xmlNodePtr xml_add(xmlNodePtr parent, const char *name)
{
    return xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

xmlNodePtr xml_add_text(xmlNodePtr parent, const char *name, const char *text)
{
    /* xmlNewTextChild escapes; xmlNewChild would take the text as markup */
    return xmlNewTextChild(parent, NULL, BAD_CAST name, text ? BAD_CAST text : NULL);
}

xmlNodePtr xml_add_textf(xmlNodePtr parent, const char *name, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    return xml_add_text(parent, name, buf);
}

xmlNodePtr xml_add_int(xmlNodePtr parent, const char *name, long long v)
{
    return xml_add_textf(parent, name, "%lld", v);
}

const char *xml_format_cents(char *buf, size_t len, long long cents)
{
    unsigned long long mag = cents < 0 ? 0ULL - (unsigned long long)cents : (unsigned long long)cents;
    snprintf(buf, len, "%s%llu.%02llu", cents < 0 ? "-" : "", mag / 100, mag % 100);
    return buf;
}

xmlNodePtr xml_add_money(xmlNodePtr parent, const char *name, long long cents)
{
    char buf[32];
    xmlNodePtr n = xml_add_text(parent, name, xml_format_cents(buf, sizeof(buf), cents));
    xml_set_int(n, "cents", cents);
    return n;
}

void xml_set(xmlNodePtr node, const char *name, const char *value)
{
    if (value)
        xmlSetProp(node, BAD_CAST name, BAD_CAST value);
}

void xml_setf(xmlNodePtr node, const char *name, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    xml_set(node, name, buf);
}

void xml_set_int(xmlNodePtr node, const char *name, long long v)
{
    xml_setf(node, name, "%lld", v);
}

char *xml_serialize(arena *a, xmlDocPtr doc, size_t *len)
{
    xmlChar *mem = NULL;
    int n = 0;
    xmlDocDumpFormatMemoryEnc(doc, &mem, &n, "UTF-8", 1);
    char *out = arena_strndup(a, mem ? (const char *)mem : "", mem ? (size_t)n : 0);
    xmlFree(mem);
    *len = mem ? (size_t)n : 0;
    return out;
}

void xml_lift_first_child(xmlDocPtr doc)
{
    xmlNodePtr root = xmlDocGetRootElement(doc), child = root ? root->children : NULL;
    while (child && child->type != XML_ELEMENT_NODE)
        child = child->next;
    if (!child)
        return;
    xmlUnlinkNode(child);
    xmlNodePtr old = xmlDocSetRootElement(doc, child);
    xmlFreeNode(old);
}
