/* One request from parsed input to status, headers and body. */
#ifndef MP_DISPATCH_H
#define MP_DISPATCH_H

#include <time.h>

#include "ctx.h"

/* Routes c->rq (its parameters parsed with result parsed), then reads from
 * in the body the route takes, enforces the route's flags and declared
 * inputs, runs the handler and renders the result or an error page into
 * c->status, c->headers, c->content_type and c->body. */
void dispatch(ctx *c, req_status parsed, const req_reader *in);

/* The catalog's version and, when changed is not NULL, when it last
 * changed (catalog_meta, bumped by every catalog edit): what the feed's
 * and the catalog pages' validators are made of, in one query (none when
 * changed is NULL and this request read the version already, as a
 * buyer's session does). The version's text lives in c's arena. */
db_status dispatch_catalog_version(ctx *c, const char **version, time_t *changed);

/* Whether the request's validators say the client holds what etag (and,
 * when changed is not 0, Last-Modified: changed) describe: If-None-Match
 * when sent (weak comparison, "*" too), else If-Modified-Since. */
bool dispatch_not_modified(const ctx *c, const char *etag, time_t changed);

#endif
