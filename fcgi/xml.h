/* Building the XML model: elements, text and attributes, always escaped by
 * libxml2 on output. Text given here must be checked UTF-8 (it is: request
 * input is validated, and the database holds utf8mb4). */
#ifndef MP_XML_H
#define MP_XML_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* libxml2's and libxslt's memory during a request. Building the model,
 * transforming it and serializing the result make thousands of small
 * allocations that all die with the request; between xml_mem_begin and
 * xml_mem_end they come from one region reserved once per process
 * (bump-allocated; a free does nothing, a realloc of the newest block
 * grows in place), and xml_mem_end takes the whole region back at once.
 * Outside that window, and for every block allocated outside it (the
 * stylesheets, schemas and message catalogs compiled at start-up), libxml2
 * uses malloc and free as before: a block keeps the allocator it came
 * from, whenever it is freed or grown.
 *
 * xml_mem_init installs the allocator; call it once, before libxml2 is
 * first used, in a process that serves requests. reserve is the address
 * space set aside (0: 1 GiB; pages are touched only as they are used) and
 * keep the bytes of it that stay resident between requests (0: 4 MiB; a
 * request that used more gives the rest back). A request that outgrows
 * the region goes on with malloc. false when the region cannot be had
 * (libxml2 then uses malloc throughout). MP_XML_ARENA=off in the
 * environment turns the region off. */
bool xml_mem_init(size_t reserve, size_t keep);
void xml_mem_begin(void);
/* Ends the window: every block taken from the region since xml_mem_begin
 * is gone. Documents of the request must have been released before (the
 * request arena's reset does that for those made with xml_doc_new and
 * xml_doc_free_on_reset). */
void xml_mem_end(void);
/* Whether p lies in the region (then it lives until xml_mem_end). */
bool xml_mem_owns(const void *p);

typedef struct xml_mem_stats {
    size_t used;      /* bytes taken from the region since xml_mem_begin */
    size_t peak;      /* the most any window took */
    size_t fallbacks; /* blocks that went to malloc in this window (the region was full) */
    bool active;      /* the region is installed */
} xml_mem_stats;
xml_mem_stats xml_mem_get_stats(void);

/* Frees doc: in a request window whose blocks all came from the region,
 * only what outlives the request is released (the reference the
 * document's dictionary holds on a stylesheet's), since the blocks go
 * with the region; otherwise xmlFreeDoc. */
void xml_doc_free(xmlDocPtr doc);
/* xml_doc_free(doc) when a is reset. */
void xml_doc_free_on_reset(arena *a, xmlDocPtr doc);

/* A new document whose root element is name; freed when a is reset. */
xmlDocPtr xml_doc_new(arena *a, const char *root, xmlNodePtr *root_out);

xmlNodePtr xml_add(xmlNodePtr parent, const char *name);
/* Element with text content; a NULL text gives an empty element. */
xmlNodePtr xml_add_text(xmlNodePtr parent, const char *name, const char *text);
/* Formatted short text (at most 511 bytes; longer is cut): numbers, ids. */
xmlNodePtr xml_add_textf(xmlNodePtr parent, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
xmlNodePtr xml_add_int(xmlNodePtr parent, const char *name, long long v);
/* <name cents="12345">123.45</name> */
xmlNodePtr xml_add_money(xmlNodePtr parent, const char *name, long long cents);

/* Attributes; a NULL value sets nothing. */
void xml_set(xmlNodePtr node, const char *name, const char *value);
void xml_setf(xmlNodePtr node, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void xml_set_int(xmlNodePtr node, const char *name, long long v);

/* Makes the first child element of doc's root the new root (the old root
 * is freed): for building one item with the code that builds a list. */
void xml_lift_first_child(xmlDocPtr doc);

/* "123.45" (or "-0.50") into buf of at least 32 bytes. */
const char *xml_format_cents(char *buf, size_t len, long long cents);

/* Serializes a document (UTF-8, with declaration, indented) into the
 * arena, written there once. */
char *xml_serialize(arena *a, xmlDocPtr doc, size_t *len);

/* An xmlOutputBuffer write callback that appends to a buffer in an
 * arena: the body of a response, written once. */
typedef struct xml_sink {
    arena *a;
    char *p; /* NUL-terminated after every write */
    size_t len;
    size_t cap;
} xml_sink;
void xml_sink_init(xml_sink *s, arena *a, size_t hint);
int xml_sink_write(void *sink, const char *buf, int len);

#endif
