/* The admin gate and admin CSRF tokens. */
#include "admin_auth.h"

#include <string.h>

#include "text.h"

#define ADMIN_TOKEN_BYTES 32

bool admin_vouched(const ctx *c)
{
    const char *want = c->w->cfg.admin_vouch, *got = c->rq.admin_vouch, *name = c->rq.admin_user;
    size_t n = strlen(want);
    if (n < 32 || !got || strlen(got) != n || !text_equal_ct(got, want, n))
        return false;
    if (!name || !*name || strlen(name) > ADMIN_NAME_MAX)
        return false;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x21 || *p == 0x7f)
            return false;
    return true;
}

static bool cookie_shape_ok(const char *v)
{
    return v && strlen(v) == 2 * ADMIN_TOKEN_BYTES && strspn(v, "0123456789abcdef") == 2 * ADMIN_TOKEN_BYTES;
}

/* HMAC(csrf key, "admin:" name ":" cookie) as hex: bound to the admin and
 * to this browser. */
static const char *token_for(ctx *c, const char *cookie)
{
    const char *msg = arena_printf(c->a, "admin:%s:%s", c->rq.admin_user, cookie);
    unsigned char mac[32];
    crypto_hmac_sha256(c->w->keys.csrf, sizeof(c->w->keys.csrf), msg, strlen(msg), mac);
    return crypto_hex(c->a, mac, sizeof(mac));
}

const char *admin_csrf(ctx *c)
{
    if (c->csrf)
        return c->csrf;
    const char *cookie = req_cookie(&c->rq, ADMIN_COOKIE);
    if (!cookie_shape_ok(cookie)) {
        cookie = crypto_random_hex(c->a, ADMIN_TOKEN_BYTES);
        if (!cookie)
            return "";
        ctx_header(c, "Set-Cookie",
                   arena_printf(c->a, "%s=%s; Path=/admin/; HttpOnly; SameSite=Strict%s", ADMIN_COOKIE, cookie,
                                c->w->cfg.https ? "; Secure" : ""));
    }
    c->csrf = token_for(c, cookie);
    return c->csrf;
}

bool admin_csrf_ok(ctx *c, const char *token)
{
    const char *cookie = req_cookie(&c->rq, ADMIN_COOKIE);
    if (!cookie_shape_ok(cookie) || !token)
        return false;
    const char *want = token_for(c, cookie);
    return strlen(token) == strlen(want) && text_equal_ct(token, want, strlen(want));
}
