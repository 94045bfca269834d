/* Safe parsing and XML Schema validation of partner documents. */
#include "xmlin.h"

#include <dirent.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMAS_MAX 32

typedef struct schema {
    char name[64];
    xmlSchemaPtr schema;
} schema;

struct xmlin_schemas {
    schema items[SCHEMAS_MAX];
    size_t n;
};

void xmlin_free(xmlin_schemas *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        xmlSchemaFree(s->items[i].schema);
    free(s);
}

xmlin_schemas *xmlin_load(const char *dir, char *err, size_t errlen)
{
    xmlin_schemas *s = calloc(1, sizeof(*s));
    DIR *d = s ? opendir(dir) : NULL;
    if (!d) {
        snprintf(err, errlen, "%s: cannot open", dir);
        free(s);
        return NULL;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".xsd") != 0)
            continue;
        if (s->n == SCHEMAS_MAX || len - 4 >= sizeof(s->items[0].name)) {
            snprintf(err, errlen, "%s: too many schemas or name too long", e->d_name);
            goto fail;
        }
        char path[768];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(path);
        xmlSchemaPtr sc = pc ? xmlSchemaParse(pc) : NULL;
        xmlSchemaFreeParserCtxt(pc);
        if (!sc) {
            snprintf(err, errlen, "%s: schema does not compile", path);
            goto fail;
        }
        memcpy(s->items[s->n].name, e->d_name, len - 4);
        s->items[s->n].name[len - 4] = '\0';
        s->items[s->n++].schema = sc;
    }
    closedir(d);
    return s;
fail:
    closedir(d);
    xmlin_free(s);
    return NULL;
}

static const schema *find(const xmlin_schemas *s, const char *name)
{
    for (size_t i = 0; s && i < s->n; i++)
        if (strcmp(s->items[i].name, name) == 0)
            return &s->items[i];
    return NULL;
}

int xmlin_has(const xmlin_schemas *s, const char *name)
{
    return find(s, name) != NULL;
}

/* The first validation error, kept as the message for the client. */
typedef struct {
    arena *a;
    const char *first;
} errors;

static void on_error(void *data, xmlErrorPtr e)
{
    errors *er = data;
    if (er->first || !e || !e->message)
        return;
    char *msg = arena_strdup(er->a, e->message);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    er->first = e->line ? arena_printf(er->a, "line %d: %s", e->line, msg) : msg;
}

static void free_doc(void *doc)
{
    xmlFreeDoc(doc);
}

xmlDocPtr xmlin_parse(const xmlin_schemas *s, const char *name, arena *a, const char *body, size_t len,
                      const char **why)
{
    const schema *sc = find(s, name);
    if (!sc) {
        *why = "no schema for this document";
        return NULL;
    }
    if (!body || len == 0) {
        *why = "the request needs an XML body";
        return NULL;
    }
    if (len > XMLIN_MAX_BYTES) {
        *why = "the XML body is too large";
        return NULL;
    }
    /* no document of ours has a DOCTYPE: refusing it outright rules out
     * external entities, entity expansion bombs and DTD loading */
    if (memmem(body, len, "<!DOCTYPE", 9) || memmem(body, len, "<!ENTITY", 8)) {
        *why = "DOCTYPE and ENTITY declarations are not allowed";
        return NULL;
    }
    errors er = {a, NULL};
    xmlParserCtxtPtr pc = xmlNewParserCtxt();
    if (!pc) {
        *why = "out of memory";
        return NULL;
    }
    /* a vendor's files in base64 make text nodes past libxml2's 10 MB cap;
     * the route's body limit (checked before) bounds them instead */
    int huge = len > XMLIN_SMALL_BYTES ? XML_PARSE_HUGE : 0;
    xmlDocPtr doc = xmlCtxtReadMemory(pc, body, (int)len, NULL, "UTF-8",
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | huge);
    if (!doc || !pc->wellFormed) {
        xmlErrorPtr e = xmlCtxtGetLastError(pc);
        on_error(&er, e);
        *why = arena_printf(a, "not well-formed XML: %s", er.first ? er.first : "parse error");
        if (doc)
            xmlFreeDoc(doc);
        xmlFreeParserCtxt(pc);
        return NULL;
    }
    xmlFreeParserCtxt(pc);
    arena_on_reset(a, free_doc, doc);
    if (doc->intSubset || doc->extSubset) {
        *why = "DOCTYPE and ENTITY declarations are not allowed";
        return NULL;
    }
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(sc->schema);
    if (!vc) {
        *why = "out of memory";
        return NULL;
    }
    xmlSchemaSetValidStructuredErrors(vc, on_error, &er);
    int rc = xmlSchemaValidateDoc(vc, doc);
    xmlSchemaFreeValidCtxt(vc);
    if (rc != 0) {
        *why = arena_printf(a, "the document does not match %s.xsd: %s", name, er.first ? er.first : "invalid");
        return NULL;
    }
    return doc;
}

const char *xmlin_child_text(arena *a, xmlNodePtr parent, const char *name)
{
    for (xmlNodePtr n = parent->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name)) {
            xmlChar *t = xmlNodeGetContent(n);
            char *s = arena_strdup(a, t ? (const char *)t : "");
            xmlFree(t);
            return s;
        }
    return NULL;
}

static int base64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

static bool base64_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* By hand rather than with OpenSSL's EVP_Decode*, which ends the data at
 * a '-' and drops what follows without a word. */
unsigned char *xmlin_base64(arena *a, const char *text, size_t len, size_t *size)
{
    *size = 0;
    unsigned char *out = arena_alloc(a, len / 4 * 3 + 3), *o = out;
    unsigned group = 0;
    int have = 0, pad = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (base64_space(c))
            continue;
        int v = base64_value(c);
        if (c == '=' && have >= 2) /* "xx==" or "xxx=" */
            pad++;
        else if (v < 0 || pad)
            return NULL;
        group = group << 6 | (unsigned)(v < 0 ? 0 : v);
        if (++have < 4)
            continue;
        *o++ = (unsigned char)(group >> 16);
        if (pad < 2)
            *o++ = (unsigned char)(group >> 8);
        if (pad < 1)
            *o++ = (unsigned char)group;
        group = 0;
        have = 0;
        if (pad) { /* the end: only white space may follow */
            while (++i < len)
                if (!base64_space((unsigned char)text[i]))
                    return NULL;
            break;
        }
    }
    if (have)
        return NULL;
    *size = (size_t)(o - out);
    return out;
}
