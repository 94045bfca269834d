/* Building the XML model: elements, text and attributes, always escaped by
 * libxml2 on output. Text given here must be checked UTF-8 (it is: request
 * input is validated, and the database holds utf8mb4). */
#ifndef MP_XML_H
#define MP_XML_H

#include <libxml/tree.h>

#include "arena.h"

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

/* Serializes a document (UTF-8, with declaration) into the arena. */
char *xml_serialize(arena *a, xmlDocPtr doc, size_t *len);

#endif
