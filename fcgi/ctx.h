/* The worker context (held for a worker's life) and the request context
 * (one per request, everything in its arena) that handlers receive. */
#ifndef MP_CTX_H
#define MP_CTX_H

#include <libxml/tree.h>
#include <stdbool.h>

#include "arena.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "input.h"
#include "request.h"
#include "router.h"
#include "view.h"
#include "xmlin.h"

typedef struct worker {
    config cfg;
    crypto_keys keys;
    db db;
    views *views;
    xmlin_schemas *schemas;
    router *router;
    const route *routes;
    size_t nroutes;
} worker;

typedef struct header {
    const char *name;
    const char *value;
    struct header *next;
} header;

/* The signed-in buyer, as the session found them. */
typedef struct buyer {
    long long id;
    const char *email;
    const char *name;
    long long balance_cents;
} buyer;

typedef struct ctx {
    worker *w;
    arena *a;
    request rq;
    const route *route;
    const char *lang;       /* "zh-CN" or "en" */
    bool xml;               /* answer with the model instead of HTML */
    const buyer *user;      /* NULL for a guest */
    const char *session;    /* the session cookie's token, when it is valid */
    const char *csrf;       /* the token forms of this visitor must carry */
    long long vendor_id;    /* the partner a signed request came from */
    const char *vendor_slug;

    xmlDocPtr doc;          /* the model: <page name=… lang=…> */
    xmlNodePtr page;

    int status;
    header *headers;
    const char *content_type;
    const char *body;       /* set directly by handlers that write raw output */
    size_t body_len;
    bool show_page;         /* render the page's own view even for a 4xx (a form with errors) */
    const char *error;      /* message shown on an error page */
    const char *error_code; /* machine-readable code for XML errors */
} ctx;

/* Adds a response header; a value with CR, LF or other control characters
 * is refused (logged, not sent). */
void ctx_header(ctx *c, const char *name, const char *value);
/* Replaces a header set earlier (or adds it). */
void ctx_header_set(ctx *c, const char *name, const char *value);
void ctx_cookie(ctx *c, const char *name, const char *value, long max_age, bool http_only);

/* 303 See Other to a local path (must start with a single '/'). */
int ctx_redirect(ctx *c, const char *location);

/* 303 to another site: an absolute http(s) URL without control characters
 * or spaces; anything else is a 500 (the URL came from our own data). */
int ctx_redirect_external(ctx *c, const char *url);

/* Error with a message for the page; returns status. */
int ctx_fail(ctx *c, int status, const char *code, const char *message);
/* A form the visitor must correct: adds <form-error field=… key=…/> (key
 * names a message) to the page, which is rendered with status. */
int ctx_form_error(ctx *c, int status, const char *field, const char *key);

/* Maps a database failure to 503 (down, conflict) or 500; returns it. */
int ctx_db_fail(ctx *c, db_status st);

/* The route's declared field: validated before the handler ran. */
const char *ctx_in(const ctx *c, const char *name);
long long ctx_in_int(const ctx *c, const char *name, long long dflt);

/* One attribute of a model element taken from a result column. */
typedef struct attr_col {
    const char *attr;
    unsigned col;
} attr_col;

/* Sets each attribute named in cols (ended by a NULL attr) from row of r;
 * SQL NULL sets nothing. */
void model_attrs(xmlNodePtr node, const db_result *r, size_t row, const attr_col *cols);

/* Keyset paging of a list whose query fetched page + 1 rows, id first:
 * sets list/@after (the cursor asked for) and, when another page exists,
 * list/@next (the id of the page's last row). Returns the rows to show. */
size_t model_page(ctx *c, xmlNodePtr list, const db_result *r, size_t page);

/* Serializes doc as the response body (application/xml). */
void ctx_xml_body(ctx *c, xmlDocPtr doc);

/* The text for the request's language: en when asked for and present,
 * otherwise zh (the catalog's first language). */
const char *ctx_l10n(const ctx *c, const char *zh, const char *en);

#endif
