/* The route table's matcher: pcre2 patterns compiled once per worker,
 * named captures handed to the request, 404 told apart from 405. */
#ifndef MP_ROUTER_H
#define MP_ROUTER_H

#include <stddef.h>

#include "request.h"

struct ctx;
struct in_field;

typedef int (*route_handler)(struct ctx *c);

enum {
    ROUTE_BUYER = 1 << 0,    /* needs a signed-in buyer; guests go to sign-in */
    ROUTE_CSRF = 1 << 1,     /* form must carry the session's CSRF token */
    ROUTE_PARTNER = 1 << 2,  /* signed partner request (X-MP-* headers) */
    ROUTE_ADMIN = 1 << 3,    /* only through nginx's /admin/ location */
    ROUTE_XML = 1 << 4,      /* answers XML only (feeds, partner API) */
    ROUTE_SANDBOX = 1 << 5,  /* a test tool: exists only with payment_sandbox on */
};

typedef struct route {
    const char *method;      /* "GET" (also serves HEAD) or "POST" */
    const char *pattern;     /* whole-path pcre2 pattern */
    route_handler handler;
    const char *view;        /* stylesheet name, or NULL */
    unsigned flags;
    const struct in_field *inputs; /* declared query/form fields, NULL-terminated by name */
} route;

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
