/* One request from parsed input to status, headers and body. */
#ifndef MP_DISPATCH_H
#define MP_DISPATCH_H

#include "ctx.h"

/* Routes c->rq (its parameters parsed with result parsed), then reads from
 * in the body the route takes, enforces the route's flags and declared
 * inputs, runs the handler and renders the result or an error page into
 * c->status, c->headers, c->content_type and c->body. */
void dispatch(ctx *c, req_status parsed, const req_reader *in);

#endif
