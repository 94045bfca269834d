/* Authentication of signed partner requests (X-MP-Key, X-MP-Timestamp,
 * X-MP-Nonce, X-MP-Signature; see signing.h). */
#ifndef MP_PARTNER_AUTH_H
#define MP_PARTNER_AUTH_H

#include "ctx.h"

/* Checks the request's signature (over its method, the path as sent, the
 * canonical query, timestamp, nonce and body), clock and nonce; on success
 * spends the nonce, notes the key's use, sets c->vendor_id and returns 0,
 * else returns 401 (or 503) with the error set and changes nothing. */
int partner_auth(ctx *c);

/* The checks partner_auth makes before the signature (headers present and
 * well formed, clock, key known): for a request whose query cannot be
 * parsed, so has no canonical form to sign. 0, or 401 (503). */
int partner_auth_headers(ctx *c);

#endif
