/* The partner request signature, shared by the server and the partner
 * client (the README's "Signing" spells it out for integrators):
 *   StringToSign = METHOD "\n" PATH "\n" canonical-query "\n" timestamp "\n"
 *                  nonce "\n" hex(sha256(body))
 *   signature    = hex(HMAC-SHA256(secret, StringToSign)), lower-case hex
 * PATH is the path as sent on the request line, not decoded; the secret is
 * the hex string as given, not decoded. The canonical query is every
 * decoded name=value pair ('+' a space, a bare name an empty value),
 * percent-encoded again (everything but A-Z a-z 0-9 - . _ ~, upper-case
 * hex), sorted by name then value in byte order, joined with '&'; empty
 * for no query. Names are unique (the parser refuses a repeated one). */
#ifndef MP_SIGNING_H
#define MP_SIGNING_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "request.h"

#define SIGN_SKEW 300 /* seconds a timestamp may be off */

char *sign_canonical_query(arena *a, const kv_list *args);
char *sign_string_to_sign(arena *a, const char *method, const char *path, const char *canonical_query,
                          const char *timestamp, const char *nonce, const void *body, size_t body_len);
/* hex(HMAC-SHA256(secret, text)) */
char *sign_hmac_hex(arena *a, const char *secret, const char *text);
/* A request's timestamp is at most SIGN_SKEW seconds from the server's
 * clock, either way. */
bool sign_timestamp_fresh(long long now, long long when);

#endif
