/* The route table's matcher: pcre2 patterns compiled once per worker,
 * named captures handed to the request, 404 told apart from 405. */
#ifndef MP_ROUTER_H
#define MP_ROUTER_H

#include <stddef.h>

#include "body_limits.h"
#include "request.h"

struct ctx;
struct in_field;

typedef int (*route_handler)(struct ctx *c);

enum {
    ROUTE_BUYER = 1 << 0,   /* needs a signed-in buyer; guests go to sign-in */
    ROUTE_CSRF = 1 << 1,    /* form must carry the session's CSRF token */
    ROUTE_PARTNER = 1 << 2, /* signed partner request (X-MP-* headers) */
    ROUTE_ADMIN = 1 << 3,   /* only through nginx's /admin/ location */
    ROUTE_XML = 1 << 4,     /* answers XML only (feeds, partner API) */
    ROUTE_SANDBOX = 1 << 5, /* a test tool: exists only with payment_sandbox on */
    /* a catalog page: for guests the same page for everyone, changing only
     * with the catalog version, so it carries that version as its ETag,
     * answers a matching If-None-Match with 304 before the handler runs,
     * and nginx may keep it (dispatch.c, nginx/mp.conf.in) */
    ROUTE_SHARED = 1 << 6,
    ROUTE_GUEST_FORM = 1 << 7, /* holds a form a guest may send: guests get a CSRF token (and its cookie) here */
};

/* The body a route takes. The dispatcher routes first and reads the body
 * only then, up to the route's limit; a body of another type (415) or
 * over the limit by its Content-Length (413) is refused unread. */
typedef enum {
    BODY_AUTO = 0,  /* by method: GET takes none; POST takes a form, or XML on a partner route */
    BODY_NONE,      /* no body (a GET) */
    BODY_FORM,      /* application/x-www-form-urlencoded */
    BODY_MULTIPART, /* multipart/form-data: text fields and declared files (IN_FILE) */
    BODY_XML,       /* application/xml or text/xml: the partner API */
} route_body;

typedef struct route {
    const char *method;  /* "GET" (also serves HEAD) or "POST" */
    const char *pattern; /* whole-path pcre2 pattern */
    route_handler handler;
    const char *view; /* stylesheet name, or NULL */
    unsigned flags;
    const struct in_field *inputs; /* declared query/form fields, NULL-terminated by name */
    route_body body;               /* BODY_AUTO unless said */
    long body_max;                 /* bytes; 0: the kind's default (route_body_limit) */
} route;

/* The body kind rt takes, BODY_AUTO resolved. */
route_body route_body_kind(const route *rt);

/* The most body rt takes, in bytes: its own body_max, or for its kind 0
 * (none), max_body (config: forms and XML) or MP_UPLOAD_BODY_MAX
 * (multipart). */
long route_body_limit(const route *rt, long max_body);

typedef struct router router;

/* Compiles every pattern; NULL with a message in err on a bad pattern. */
router *router_new(const route *routes, size_t n, char *err, size_t errlen);
void router_free(router *rt);

typedef enum { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD } route_result;

/* Finds the route for method and path. On ROUTE_FOUND sets *out and stores
 * named captures in r (strings in a). On ROUTE_BAD_METHOD sets *out to
 * the first route of that path (for its flags) and writes the methods the
 * path does accept to allow ("GET, HEAD"). */
route_result router_match(router *rt, arena *a, request *r, const route **out, char *allow, size_t allowlen);

#endif
