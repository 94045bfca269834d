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

/* Writes n bytes of a streamed body; false when the client is gone. */
typedef bool (*ctx_writer)(void *out, const void *p, size_t n);

typedef struct ctx {
    worker *w;
    arena *a;
    request rq;
    const route *route;
    const char *lang;            /* "zh-CN" or "en" */
    bool xml;                    /* answer with the model instead of HTML */
    const buyer *user;           /* NULL for a guest */
    const char *session;         /* the session cookie's token, when it is valid */
    const char *csrf;            /* the token forms of this visitor must carry */
    const char *catalog_version; /* once read in this request (with the session, or alone) */
    long long vendor_id;         /* the partner a signed request came from */
    const char *vendor_slug;

    xmlDocPtr doc; /* the model: <page name=… lang=…> */
    xmlNodePtr page;

    int status;
    header *headers;
    const char *content_type;
    const char *body; /* set directly by handlers that write raw output */
    size_t body_len;
    /* a body written piece by piece after the headers (a download) */
    bool (*stream)(struct ctx *c, ctx_writer write, void *out);
    void *stream_arg;
    size_t stream_len;      /* its Content-Length */
    bool show_page;         /* render the page's own view even for a 4xx (a form with errors) */
    const char *view;       /* stylesheet to render instead of the route's (ctx_view) */
    const char *error;      /* English detail, for XML errors and the log */
    const char *error_code; /* machine-readable code; error.<code> names the page's message */
    const char *back_href;  /* an error page's way back (ctx_back) */
    const char *back_key;
    const char *form_origins; /* other sites this page's forms may lead to, for its CSP */
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

/* An error: the page shows the message error.<code> of the page's
 * language (error.<status> when there is none); message is the English
 * detail that XML clients and the log get. Returns status. */
int ctx_fail(ctx *c, int status, const char *code, const char *message);
/* Where an error page offers to go back to: a local path and the message
 * key of its link text ("nav.orders"). */
void ctx_back(ctx *c, const char *href, const char *key);
/* Renders the model with another stylesheet than the route's (a form shown
 * again on the page it came from). */
void ctx_view(ctx *c, const char *name);
/* Lets this page's forms lead to url's site (free login, a payment
 * gateway, the marketplace from the gateway's cashier): its origin joins
 * the page's CSP form-action, once. false (and nothing added) when url has
 * no origin a policy can name. */
bool ctx_form_target(ctx *c, const char *url);
/* The page's Content-Security-Policy: the site's strict policy plus the
 * form targets added with ctx_form_target. */
const char *ctx_csp(const ctx *c);
/* A form the visitor must correct: adds <form-error field=… key=…/> (key
 * names a message) to the page, which is rendered with status. */
int ctx_form_error(ctx *c, int status, const char *field, const char *key);

/* Maps a database failure to 503 (down, conflict) or 500; returns it. */
int ctx_db_fail(ctx *c, db_status st);

/* The route's declared field: validated before the handler ran. */
const char *ctx_in(const ctx *c, const char *name);
long long ctx_in_int(const ctx *c, const char *name, long long dflt);
/* The files of the route's declared IN_FILE field, validated before the
 * handler ran: the first of *n (NULL and 0 when none). Each has its
 * display name, its type (from the allow-list), size and data, a slice
 * of the request body that lives until the request ends. */
const req_file *ctx_files(const ctx *c, const char *name, size_t *n);
/* A file's SHA-256 as 64 lower-case hex digits, in the request arena. */
const char *ctx_file_sha256(const ctx *c, const req_file *f);

/* One attribute of a model element taken from a result column. */
enum { ATTR_TEXT = 0, ATTR_TIME };
typedef struct attr_col {
    const char *attr;
    unsigned col;
    int kind; /* ATTR_TIME: a UTC "YYYY-MM-DD hh:mm:ss" shown in the configured zone */
} attr_col;

/* Sets each attribute named in cols (ended by a NULL attr) from row of r;
 * SQL NULL sets nothing. */
void model_attrs(ctx *c, xmlNodePtr node, const db_result *r, size_t row, const attr_col *cols);

/* A time attribute: utc ("YYYY-MM-DD hh:mm:ss" from the database) as ISO
 * 8601 in the configured zone with its offset; NULL or bad sets nothing. */
void model_time(ctx *c, xmlNodePtr node, const char *attr, const char *utc);

/* Keyset paging of a list whose query fetched page + 1 rows, id first.
 * With an "after" cursor (or none) the rows came in display order; with
 * "before" they came the other way round from the cursor, and are put
 * back. Sets list/@after or @before (the cursor asked for), @prev (the
 * cursor for "before" of the page in front) and @next (for "after" of the
 * page behind) where such a page exists. A cursor is the row's id, or
 * "<key>.<id>" with the column key_col (-1: none). Returns the rows to show. */
enum { MODEL_PAGE_ID = 0 }; /* the column of a paged row's id */
size_t model_page(ctx *c, xmlNodePtr list, db_result *r, size_t page, int key_col);

/* Serializes doc as the response body (application/xml). */
void ctx_xml_body(ctx *c, xmlDocPtr doc);

/* The text for the request's language: en when asked for and present,
 * otherwise zh (the catalog's first language). */
const char *ctx_l10n(const ctx *c, const char *zh, const char *en);

#endif
