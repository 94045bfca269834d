/* Authentication of signed partner requests (X-MP-Key, X-MP-Timestamp,
 * X-MP-Nonce, X-MP-Signature; see signing.h). */
#ifndef MP_PARTNER_AUTH_H
#define MP_PARTNER_AUTH_H

#include "ctx.h"

/* Checks the request's signature, clock and nonce; on success sets
 * c->vendor_id and returns 0, else returns 401 (or 503) with the error
 * set. A refused request changes nothing but the nonce table never sees it. */
int partner_auth(ctx *c);

#endif
