/* Partner keys: secrets sealed at rest, HMAC signatures, clock skew and
 * one-time nonces. */
#include "partner_auth.h"

#include <string.h>
#include <time.h>

#include "log.h"
#include "signing.h"
#include "text.h"

enum { KEY_REF, KEY_VENDOR, KEY_SECRET, KEY_SLUG, KEY_USE_STALE, KEY__MAX };
static db_stmt q_key = DB_STMT("partner_key", 1, KEY__MAX,
    "SELECT k.id, k.vendor_id, k.secret_enc, v.slug, "
    "k.last_used_at IS NULL OR k.last_used_at < UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE "
    "FROM partner_keys k JOIN vendors v ON v.id = k.vendor_id "
    "WHERE k.key_id = ? AND k.status = 'active' AND v.status = 'active'");
/* conditional too, so that workers racing on one key write it once */
static db_stmt q_key_used = DB_STMT("partner_key_used", 1, 0,
    "UPDATE partner_keys SET last_used_at = UTC_TIMESTAMP(6) WHERE id = ? "
    "AND (last_used_at IS NULL OR last_used_at < UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE)");
static db_stmt q_nonce = DB_STMT("partner_nonce", 2, 0,
    "INSERT INTO partner_nonces (key_ref, nonce, created_at) VALUES (?, ?, UTC_TIMESTAMP(6))");

static bool chars_ok(const char *s, size_t min, size_t max, const char *allowed)
{
    size_t n = strlen(s);
    return n >= min && n <= max && strspn(s, allowed) == n;
}

#define ALNUM "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

static int refuse(ctx *c, const char *code, const char *message)
{
    ctx_header(c, "WWW-Authenticate", "MP-HMAC-SHA256");
    return ctx_fail(c, 401, code, message);
}

/* The four headers of a signed request and the key they name. */
typedef struct creds {
    const char *key, *ts, *nonce, *sig;
    db_result k; /* q_key's row */
} creds;

/* Everything but the signature: the headers are there and well formed, the
 * clock is within the window, the key is known and active. 0, or the
 * refusal's status. */
static int check_headers(ctx *c, creds *cr)
{
    cr->key = req_env(&c->rq, "HTTP_X_MP_KEY");
    cr->ts = req_env(&c->rq, "HTTP_X_MP_TIMESTAMP");
    cr->nonce = req_env(&c->rq, "HTTP_X_MP_NONCE");
    cr->sig = req_env(&c->rq, "HTTP_X_MP_SIGNATURE");
    if (!cr->key || !cr->ts || !cr->nonce || !cr->sig)
        return refuse(c, "missing_header",
                      arena_printf(c->a, "%s header is missing",
                                   !cr->key     ? "X-MP-Key"
                                   : !cr->ts    ? "X-MP-Timestamp"
                                   : !cr->nonce ? "X-MP-Nonce"
                                                : "X-MP-Signature"));
    long long when;
    if (!chars_ok(cr->key, 1, 40, ALNUM "_") || !text_parse_i64(cr->ts, false, &when) ||
        !chars_ok(cr->nonce, 8, 64, ALNUM "_-") || !chars_ok(cr->sig, 64, 64, "0123456789abcdef"))
        return refuse(c, "malformed_header", "an X-MP-* header is malformed");
    if (!sign_timestamp_fresh((long long)time(NULL), when))
        return refuse(c, "stale_timestamp", "X-MP-Timestamp is more than 5 minutes from the server's clock");
    db_status st = db_exec(&c->w->db, &q_key, c->a, (db_param[]){DB_STR(cr->key)}, 1, &cr->k);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (cr->k.nrows == 0)
        return refuse(c, "unknown_key", "unknown or revoked key");
    return 0;
}

int partner_auth_headers(ctx *c)
{
    creds cr;
    return check_headers(c, &cr);
}

int partner_auth(ctx *c)
{
    creds cr;
    int refused = check_headers(c, &cr);
    if (refused)
        return refused;
    db *d = &c->w->db;
    db_result *k = &cr.k;
    size_t len = k->lens[0][KEY_SECRET];
    char *secret = arena_alloc(c->a, len + 1);
    if (crypto_open(c->w->keys.seal, (const unsigned char *)db_str(k, 0, KEY_SECRET), len, secret) != 0)
        return ctx_fail(c, 500, "internal", "the key's secret cannot be opened");
    /* the path as sent, before nginx decodes and normalizes it: a client
     * signs exactly the bytes of its request line */
    const char *sts = sign_string_to_sign(c->a, c->rq.method, c->rq.uri_path, sign_canonical_query(c->a, &c->rq.args),
                                          cr.ts, cr.nonce, c->rq.body, c->rq.body_len);
    const char *want = sign_hmac_hex(c->a, secret, sts);
    if (!text_equal_ct(want, cr.sig, 64))
        return refuse(c, "bad_signature", "the signature does not match the request");
    /* only a correctly signed request spends its nonce, and it spends it
     * whatever happens to the request afterwards (404, 415, 400, …) */
    db_status st = db_exec(d, &q_nonce, c->a, (db_param[]){DB_INT(db_int(k, 0, KEY_REF)), DB_STR(cr.nonce)}, 2, NULL);
    if (st == DB_DUPLICATE)
        return refuse(c, "replayed_nonce", "this nonce was used before");
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    /* when the key was last used, for the operator deciding whether an old
     * key can be revoked: to the minute, so a busy key costs one write a
     * minute rather than one per request (the nonce is written anyway) */
    if (db_int(k, 0, KEY_USE_STALE) == 1 &&
        (st = db_exec(d, &q_key_used, c->a, (db_param[]){DB_INT(db_int(k, 0, KEY_REF))}, 1, NULL)) != DB_OK)
        log_error("partner key %s: last use not recorded (%s)", cr.key, db_status_name(st)); /* bookkeeping only */
    c->vendor_id = db_int(k, 0, KEY_VENDOR);
    c->vendor_slug = db_str(k, 0, KEY_SLUG);
    return 0;
}
