/* Views: stylesheets compiled once per worker, message catalogs, and the
 * one render function that turns a model into the response body. */
#ifndef MP_VIEW_H
#define MP_VIEW_H

#include <libxml/tree.h>
#include <stddef.h>

#include "arena.h"
#include "xml.h"

#define VIEW_I18N_NS "urn:mp:i18n"

typedef struct views views;
typedef struct view view;

/* Compiles every dir/<name>.xsl whose name does not start with '_' and loads
 * dir/i18n/<lang>.xml. NULL with a message in err on any failure. */
views *views_load(const char *dir, char *err, size_t errlen);
void views_free(views *vs);
const view *views_find(const views *vs, const char *name);

/* Message text for key in lang ("zh-CN" or "en"); the key itself when the
 * catalog lacks it. */
const char *views_message(const views *vs, const char *lang, const char *key);

/* Applies v to doc with lang's messages. The body (in a, written there
 * once) and content type are set on success (0); -1 when the transform
 * failed (logged). */
int view_render(const views *vs, const view *v, xmlDocPtr doc, const char *lang, arena *a, char **body, size_t *len,
                const char **content_type);

/* Appends doc, the result of a transform with the html output method, as
 * libxml2 writes it without indentation (htmlDocContentDumpFormatOutput),
 * byte for byte. -1, with nothing written, for a document with what it
 * does not handle (a namespace declaration, an attribute whose value is
 * not text, a document that is not HTML): libxml2's serializer writes
 * that one. */
int view_html_write(xml_sink *out, xmlDocPtr doc);

#endif
