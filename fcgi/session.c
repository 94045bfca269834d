/* Sessions stored hashed in MariaDB; CSRF tokens as HMACs of them. */
#include "session.h"

#include <string.h>

#include "log.h"
#include "text.h"

#define TOKEN_BYTES 32

/* A session ends session_days after sign-in, or session_idle minutes
 * after its last request, whichever comes first. The catalog version comes
 * along, so a signed-in page's catalog reads need no query of their own to
 * know whether what the worker keeps (memo.h) is current. */
enum { SU_ID, SU_EMAIL, SU_NAME, SU_BALANCE, SU_SEEN_STALE, SU_CATALOG, SU__MAX };
static db_stmt q_session = DB_STMT("session", 2, SU__MAX,
    "SELECT u.id, u.email, u.display_name, u.balance_cents, "
    "s.last_seen_at < UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE, (SELECT version FROM catalog_meta WHERE id = 1) "
    "FROM sessions s JOIN users u ON u.id = s.user_id "
    "WHERE s.token_hash = ? AND s.expires_at > UTC_TIMESTAMP(6) "
    "AND s.last_seen_at > UTC_TIMESTAMP(6) - INTERVAL ? MINUTE");
/* written at most once a minute, not on every request */
static db_stmt q_session_seen = DB_STMT("session_seen", 1, 0,
    "UPDATE sessions SET last_seen_at = UTC_TIMESTAMP(6) WHERE token_hash = ?");
static db_stmt q_session_insert = DB_STMT("session_insert", 4, 0,
    "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at, ip) "
    "VALUES (?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL ? DAY, UTC_TIMESTAMP(6), ?)");
static db_stmt q_session_delete = DB_STMT("session_delete", 1, 0, "DELETE FROM sessions WHERE token_hash = ?");
static db_stmt q_sessions_others = DB_STMT("sessions_end_others", 2, 0,
    "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?");
static db_stmt q_sessions_all = DB_STMT("sessions_end_all", 1, 0, "DELETE FROM sessions WHERE user_id = ?");
enum { LIVE_COUNT, LIVE__MAX };
static db_stmt q_sessions_live = DB_STMT("sessions_live", 2, LIVE__MAX,
    "SELECT COUNT(*) FROM sessions WHERE user_id = ? AND expires_at > UTC_TIMESTAMP(6) "
    "AND last_seen_at > UTC_TIMESTAMP(6) - INTERVAL ? MINUTE");

/* A well-formed token: exactly 64 lowercase hex digits. */
static bool token_shape_ok(const char *t)
{
    if (!t || strlen(t) != 2 * TOKEN_BYTES)
        return false;
    for (const char *p = t; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

static void clear_cookie(ctx *c, const char *name)
{
    ctx_cookie(c, name, "", 0, true);
}

db_status sess_load(ctx *c)
{
    const char *token = req_cookie(&c->rq, SESS_COOKIE);
    if (!token)
        return DB_OK;
    if (!token_shape_ok(token)) {
        clear_cookie(c, SESS_COOKIE);
        return DB_OK;
    }
    unsigned char hash[32];
    crypto_sha256(token, strlen(token), hash);
    db_result r;
    db_status st = db_exec(&c->w->db, &q_session, c->a,
                           (db_param[]){DB_BYTES(hash, sizeof(hash)), DB_INT(c->w->cfg.session_idle)}, 2, &r);
    if (st != DB_OK)
        return st;
    if (r.nrows == 0) {
        clear_cookie(c, SESS_COOKIE);
        return DB_OK;
    }
    if (db_int(&r, 0, SU_SEEN_STALE) == 1 &&
        (st = db_exec(&c->w->db, &q_session_seen, c->a, (db_param[]){DB_BYTES(hash, sizeof(hash))}, 1, NULL)) != DB_OK)
        return st;
    buyer *b = arena_zalloc(c->a, sizeof(*b));
    b->id = db_int(&r, 0, SU_ID);
    b->email = db_str(&r, 0, SU_EMAIL);
    b->name = db_str(&r, 0, SU_NAME);
    b->balance_cents = db_int(&r, 0, SU_BALANCE);
    c->user = b;
    c->catalog_version = db_str(&r, 0, SU_CATALOG);
    c->session = token;
    return DB_OK;
}

db_status sess_start(ctx *c, long long user_id)
{
    db_status st;
    if (c->session && (st = sess_end(c)) != DB_OK)
        return st;
    unsigned char raw[TOKEN_BYTES], hash[32];
    if (crypto_random(raw, sizeof(raw)) != 0)
        return DB_ERROR;
    char *token = crypto_hex(c->a, raw, sizeof(raw));
    crypto_sha256(token, strlen(token), hash);
    st = db_exec(&c->w->db, &q_session_insert, c->a,
                 (db_param[]){DB_BYTES(hash, sizeof(hash)), DB_INT(user_id), DB_INT(c->w->cfg.session_days),
                              DB_STR(c->rq.remote_addr)},
                 4, NULL);
    if (st != DB_OK)
        return st;
    ctx_cookie(c, SESS_COOKIE, token, (long)c->w->cfg.session_days * 24 * 3600, true);
    c->session = token;
    c->csrf = NULL; /* the token follows the new session */
    return DB_OK;
}

db_status sess_end(ctx *c)
{
    if (c->session) {
        unsigned char hash[32];
        crypto_sha256(c->session, strlen(c->session), hash);
        db_status st = db_exec(&c->w->db, &q_session_delete, c->a, (db_param[]){DB_BYTES(hash, sizeof(hash))}, 1, NULL);
        if (st != DB_OK)
            return st;
    }
    clear_cookie(c, SESS_COOKIE);
    c->session = NULL;
    c->user = NULL;
    c->csrf = NULL;
    return DB_OK;
}

db_status sess_end_others(ctx *c)
{
    if (!c->user || !c->session)
        return DB_OK;
    unsigned char hash[32];
    crypto_sha256(c->session, strlen(c->session), hash);
    return db_exec(&c->w->db, &q_sessions_others, c->a, (db_param[]){DB_INT(c->user->id), DB_BYTES(hash, sizeof(hash))},
                   2, NULL);
}

db_status sess_end_all(ctx *c)
{
    if (c->user) {
        db_status st = db_exec(&c->w->db, &q_sessions_all, c->a, (db_param[]){DB_INT(c->user->id)}, 1, NULL);
        if (st != DB_OK)
            return st;
    }
    c->session = NULL; /* its row is gone with the rest */
    return sess_end(c);
}

db_status sess_count_live(ctx *c, long long *n)
{
    db_result r;
    *n = 0;
    if (!c->user)
        return DB_OK;
    db_status st = db_exec(&c->w->db, &q_sessions_live, c->a,
                           (db_param[]){DB_INT(c->user->id), DB_INT(c->w->cfg.session_idle)}, 2, &r);
    if (st == DB_OK)
        *n = db_int(&r, 0, LIVE_COUNT);
    return st;
}

/* HMAC(csrf key, kind ":" secret) as hex. */
static const char *csrf_for(ctx *c, const char *kind, const char *secret)
{
    char buf[160];
    int n = snprintf(buf, sizeof(buf), "%s:%s", kind, secret);
    unsigned char mac[32];
    crypto_hmac_sha256(c->w->keys.csrf, sizeof(c->w->keys.csrf), buf, (size_t)n, mac);
    return crypto_hex(c->a, mac, sizeof(mac));
}

const char *sess_csrf(ctx *c)
{
    if (c->csrf)
        return c->csrf;
    if (c->session) {
        c->csrf = csrf_for(c, "session", c->session);
        return c->csrf;
    }
    const char *guest = req_cookie(&c->rq, SESS_GUEST_COOKIE);
    if (!token_shape_ok(guest)) {
        guest = crypto_random_hex(c->a, TOKEN_BYTES);
        if (!guest)
            return "";
        ctx_cookie(c, SESS_GUEST_COOKIE, guest, 30L * 24 * 3600, true);
    }
    c->csrf = csrf_for(c, "guest", guest);
    return c->csrf;
}

bool sess_csrf_ok(ctx *c, const char *token)
{
    const char *guest = req_cookie(&c->rq, SESS_GUEST_COOKIE);
    const char *want = c->session              ? csrf_for(c, "session", c->session)
                       : token_shape_ok(guest) ? csrf_for(c, "guest", guest)
                                               : NULL;
    return want && token && strlen(token) == strlen(want) && text_equal_ct(token, want, strlen(want));
}
