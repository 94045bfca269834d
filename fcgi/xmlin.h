/* Inbound XML: size-limited, parsed without network access, DTDs or entity
 * expansion (a DOCTYPE is refused outright), and validated against the
 * document's XML Schema, compiled once per worker. */
#ifndef MP_XMLIN_H
#define MP_XMLIN_H

#include <libxml/tree.h>

#include "arena.h"

#include "body_limits.h"

/* the largest document any route takes (each route's own limit is checked
 * before its body is read); past XMLIN_SMALL_BYTES, text nodes may be huge */
#define XMLIN_MAX_BYTES MP_PARTNER_UPLOAD_BODY_MAX
#define XMLIN_SMALL_BYTES (1024 * 1024)

typedef struct xmlin_schemas xmlin_schemas;

/* Compiles every .xsd file in dir. NULL with err set on failure. */
xmlin_schemas *xmlin_load(const char *dir, char *err, size_t errlen);
void xmlin_free(xmlin_schemas *s);
/* Whether a schema of that name (file name without .xsd) was loaded. */
int xmlin_has(const xmlin_schemas *s, const char *name);

/* Parses body and validates it against schema name. Returns the document
 * (freed with the arena), or NULL with *why set to a message for the client. */
/* Text of parent's first child element called name (copied into a), or
 * NULL when there is none. */
const char *xmlin_child_text(arena *a, xmlNodePtr parent, const char *name);

xmlDocPtr xmlin_parse(const xmlin_schemas *s, const char *name, arena *a, const char *body, size_t len,
                      const char **why);

/* The bytes of base64 text as an xs:base64Binary element holds it (white
 * space anywhere), in a, with their number in *size; NULL when text[0..len)
 * is not base64. */
unsigned char *xmlin_base64(arena *a, const char *text, size_t len, size_t *size);

#endif
