/* Admins: who nginx's /admin/ location says is asking, and their forms'
 * CSRF tokens. An admin is never a buyer: admin pages load no buyer
 * session, and their tokens come from a cookie of their own. */
#ifndef MP_ADMIN_AUTH_H
#define MP_ADMIN_AUTH_H

#include "ctx.h"

#define ADMIN_COOKIE "mp_admin"
#define ADMIN_NAME_MAX 64

/* Whether the request came through nginx's guarded location: an admin
 * name (printable, at most ADMIN_NAME_MAX bytes) vouched for by the secret
 * only that location and the pool's config hold (compared in constant
 * time). A pool without admin_vouch has no admins. */
bool admin_vouched(const ctx *c);

/* The admin's CSRF token (sets the admin cookie, scoped to /admin/, when
 * there is none yet) and its check. */
const char *admin_csrf(ctx *c);
bool admin_csrf_ok(ctx *c, const char *token);

#endif
