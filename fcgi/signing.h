/* The partner request signature, shared by the server and the partner
 * client:
 *   StringToSign = METHOD "\n" PATH "\n" canonical-query "\n" timestamp "\n"
 *                  nonce "\n" hex(sha256(body))
 *   signature    = hex(HMAC-SHA256(secret, StringToSign))
 * The canonical query is every name=value pair, each percent-encoded
 * (everything but A-Z a-z 0-9 - . _ ~), sorted by name then value, joined
 * with '&'; empty for no query. */
#ifndef MP_SIGNING_H
#define MP_SIGNING_H

#include <stddef.h>

#include "arena.h"
#include "request.h"

#define SIGN_SKEW 300 /* seconds a timestamp may be off */

char *sign_canonical_query(arena *a, const kv_list *args);
char *sign_string_to_sign(arena *a, const char *method, const char *path, const char *canonical_query,
                          const char *timestamp, const char *nonce, const void *body, size_t body_len);
/* hex(HMAC-SHA256(secret, text)) */
char *sign_hmac_hex(arena *a, const char *secret, const char *text);

#endif
