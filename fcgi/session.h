/* Buyer sessions and CSRF tokens. The session cookie carries 256 random
 * bits; MariaDB keeps only their SHA-256. Every visitor's forms carry a
 * token derived from their session (or, for guests, from a random cookie,
 * set by the pages whose forms guests send: ROUTE_GUEST_FORM). */
#ifndef MP_SESSION_H
#define MP_SESSION_H

#include "ctx.h"

#define SESS_COOKIE "mp_session"
#define SESS_GUEST_COOKIE "mp_guest"

/* Looks up the session cookie, setting c->user and c->session. A cookie
 * for an expired, idle or unknown session is cleared. */
db_status sess_load(ctx *c);

/* Starts a session for user_id (replacing the visitor's previous one:
 * the token rotates at sign-in) and sets the cookie. */
db_status sess_start(ctx *c, long long user_id);

/* Ends the current session and clears the cookie. */
db_status sess_end(ctx *c);

/* Ends every other session of the signed-in buyer (a password change,
 * "sign out everywhere else"); the current one stays. */
db_status sess_end_others(ctx *c);

/* Ends every session of the signed-in buyer, this one too ("sign out
 * everywhere"), and clears the cookie. */
db_status sess_end_all(ctx *c);

/* How many of the buyer's sessions are live (neither expired nor idle). */
db_status sess_count_live(ctx *c, long long *n);

/* The CSRF token for this visitor (sets the guest cookie if needed: the
 * dispatcher asks for a guest's only on ROUTE_GUEST_FORM pages). */
const char *sess_csrf(ctx *c);
bool sess_csrf_ok(ctx *c, const char *token);

#endif
