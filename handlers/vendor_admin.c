/* A vendor's standing and its partner API keys: the one implementation
 * behind the console's buttons and mp-admin's commands. Every call locks
 * the vendor's row first, so two admins acting on one vendor (the two-key
 * limit, a rotation) take turns. */
#include "vendor_admin.h"

#include <string.h>

#include "../fcgi/text.h"

enum { LV_ID, LV_SLUG, LV_STATUS, LV__MAX };
static db_stmt q_lock_slug = DB_STMT("vendor_admin_lock_slug", 1, LV__MAX,
    "SELECT id, slug, status FROM vendors WHERE slug = ? FOR UPDATE");
static db_stmt q_lock_id = DB_STMT("vendor_admin_lock_id", 1, LV__MAX,
    "SELECT id, slug, status FROM vendors WHERE id = ? FOR UPDATE");
enum { KV_VENDOR, KV__MAX };
static db_stmt q_key_vendor = DB_STMT("vendor_admin_key_vendor", 1, KV__MAX,
    "SELECT vendor_id FROM partner_keys WHERE key_id = ?");
enum { KA_N, KA__MAX };
static db_stmt q_active = DB_STMT("vendor_admin_active_keys", 1, KA__MAX,
    "SELECT COUNT(*) FROM partner_keys WHERE vendor_id = ? AND status = 'active' FOR UPDATE");
static db_stmt q_insert = DB_STMT("vendor_admin_key_insert", 3, 0,
    "INSERT INTO partner_keys (key_id, vendor_id, secret_enc, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP(6))");
static db_stmt q_revoke = DB_STMT("vendor_admin_key_revoke", 2, 0,
    "UPDATE partner_keys SET status = 'revoked', revoked_at = UTC_TIMESTAMP(6) "
    "WHERE key_id = ? AND vendor_id = ? AND status = 'active'");
static db_stmt q_list = DB_STMT("vendor_admin_key_list", 2, VK__MAX,
    "SELECT key_id, status, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'), "
    "DATE_FORMAT(last_used_at, '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(revoked_at, '%Y-%m-%d %H:%i:%s') "
    "FROM partner_keys WHERE vendor_id = ? ORDER BY id DESC LIMIT ?");
static db_stmt q_status = DB_STMT("vendor_admin_status", 3, 0,
    "UPDATE vendors SET status = ? WHERE id = ? AND status = ?");

/* One call's work, run (and on a deadlock run again) by db_txn. */
typedef enum { OP_ISSUE, OP_ROTATE, OP_REVOKE, OP_STATUS } op_kind;
typedef struct op {
    op_kind kind;
    db *d;
    arena *a;
    const crypto_keys *keys;
    const audit_who *who;
    const char *slug, *key_id, *reason;
    bool suspend;
    vendor_key_result *out;
} op;

/* Locks the vendor: by slug, or (slug NULL) the one holding key_id.
 * *r has no row when there is none. */
static db_status lock_vendor(op *o, db_result *r)
{
    if (o->slug)
        return db_exec(o->d, &q_lock_slug, o->a, (db_param[]){DB_STR(o->slug)}, 1, r);
    db_result k;
    db_status st = db_exec(o->d, &q_key_vendor, o->a, (db_param[]){DB_STR(o->key_id)}, 1, &k);
    if (st != DB_OK || k.nrows == 0) {
        *r = k; /* no rows */
        return st;
    }
    return db_exec(o->d, &q_lock_id, o->a, (db_param[]){DB_INT(db_int(&k, 0, KV_VENDOR))}, 1, r);
}

/* A fresh key for the locked vendor: its key_id and secret go to out,
 * only the sealed secret to the database. */
static db_status insert_key(op *o)
{
    vendor_key_result *out = o->out;
    const char *hex = crypto_random_hex(o->a, 12);
    out->secret = crypto_random_hex(o->a, 32);
    if (!hex || !out->secret)
        return DB_ERROR;
    out->key_id = arena_printf(o->a, "mpk_%s", hex);
    size_t n = strlen(out->secret);
    unsigned char *box = arena_alloc(o->a, n + CRYPTO_SEAL_OVERHEAD);
    if (crypto_seal(o->keys->seal, out->secret, n, box) != 0)
        return DB_ERROR;
    return db_exec(o->d, &q_insert, o->a,
                   (db_param[]){DB_STR(out->key_id), DB_INT(out->vendor_id), DB_BYTES(box, n + CRYPTO_SEAL_OVERHEAD)},
                   3, NULL);
}

static db_status audit(op *o, const char *action, const char *before, const char *after)
{
    audit_entry e = {.action = action,
                     .target_type = "vendor",
                     .target_ref = o->out->slug,
                     .before = before,
                     .after = after,
                     .reason = o->reason && *o->reason ? o->reason : NULL};
    return audit_add(o->d, o->a, o->who, &e);
}

static db_status refuse(op *o, bool *commit, vendor_outcome why)
{
    o->out->outcome = why;
    *commit = false;
    return DB_OK;
}

static db_status op_txn(void *data, bool *commit)
{
    op *o = data;
    vendor_key_result *out = o->out;
    memset(out, 0, sizeof(*out));
    db_result v;
    db_status st = lock_vendor(o, &v);
    if (st != DB_OK)
        return st;
    if (v.nrows == 0)
        return refuse(o, commit, o->slug ? VENDOR_NO_VENDOR : VENDOR_NO_KEY);
    out->vendor_id = db_int(&v, 0, LV_ID);
    out->slug = db_str(&v, 0, LV_SLUG);

    if (o->kind == OP_STATUS) {
        const char *from = o->suspend ? "active" : "suspended", *to = o->suspend ? "suspended" : "active";
        if (strcmp(db_str(&v, 0, LV_STATUS), from) != 0)
            return refuse(o, commit, VENDOR_UNCHANGED);
        if ((st = db_exec(o->d, &q_status, o->a, (db_param[]){DB_STR(to), DB_INT(out->vendor_id), DB_STR(from)}, 3,
                          NULL)) != DB_OK)
            return st;
        return audit(o, o->suspend ? "vendor.suspend" : "vendor.reinstate", audit_fields(o->a, "status", from, NULL),
                     audit_fields(o->a, "status", to, NULL));
    }

    db_result r;
    if (o->kind == OP_ROTATE || o->kind == OP_REVOKE) {
        if ((st = db_exec(o->d, &q_revoke, o->a, (db_param[]){DB_STR(o->key_id), DB_INT(out->vendor_id)}, 2, &r)) !=
            DB_OK)
            return st;
        if (r.affected == 0)
            return refuse(o, commit, VENDOR_NO_KEY);
        out->revoked = o->key_id;
        if (o->kind == OP_REVOKE)
            return audit(o, "vendor.key_revoke", audit_fields(o->a, "key_id", o->key_id, "status", "active", NULL),
                         audit_fields(o->a, "key_id", o->key_id, "status", "revoked", NULL));
    }
    /* the vendor's row is locked: two issues cannot both pass the count */
    if ((st = db_exec(o->d, &q_active, o->a, (db_param[]){DB_INT(out->vendor_id)}, 1, &r)) != DB_OK)
        return st;
    if (db_int(&r, 0, KA_N) >= VENDOR_KEYS_MAX)
        return refuse(o, commit, VENDOR_TOO_MANY_KEYS);
    if ((st = insert_key(o)) != DB_OK)
        return st;
    if (o->kind == OP_ISSUE)
        return audit(o, "vendor.key_issue", "", audit_fields(o->a, "key_id", out->key_id, "status", "active", NULL));
    return audit(o, "vendor.key_rotate", audit_fields(o->a, "key_id", o->key_id, "status", "active", NULL),
                 audit_fields(o->a, "key_id", out->key_id, "status", "active", "revoked", o->key_id, NULL));
}

static db_status run(op *o)
{
    if (o->reason)
        o->reason = text_utf8_prefix(o->a, o->reason, VENDOR_REASON_MAX);
    db_status st = db_txn(o->d, op_txn, o);
    if (st != DB_OK) {
        memset(o->out, 0, sizeof(*o->out));
        return st;
    }
    if (o->out->outcome != VENDOR_DONE) /* nothing was issued: no secret leaves */
        o->out->key_id = o->out->secret = o->out->revoked = NULL;
    return DB_OK;
}

db_status vendor_key_issue(db *d, arena *a, const crypto_keys *keys, const audit_who *who, const char *slug,
                           const char *reason, vendor_key_result *out)
{
    op o = {.kind = OP_ISSUE, .d = d, .a = a, .keys = keys, .who = who, .slug = slug, .reason = reason, .out = out};
    return run(&o);
}

db_status vendor_key_rotate(db *d, arena *a, const crypto_keys *keys, const audit_who *who, const char *slug,
                            const char *key_id, const char *reason, vendor_key_result *out)
{
    op o = {.kind = OP_ROTATE,
            .d = d,
            .a = a,
            .keys = keys,
            .who = who,
            .slug = slug,
            .key_id = key_id,
            .reason = reason,
            .out = out};
    return run(&o);
}

db_status vendor_key_revoke(db *d, arena *a, const audit_who *who, const char *slug, const char *key_id,
                            const char *reason, vendor_key_result *out)
{
    op o = {
        .kind = OP_REVOKE, .d = d, .a = a, .who = who, .slug = slug, .key_id = key_id, .reason = reason, .out = out};
    return run(&o);
}

db_status vendor_keys_list(db *d, arena *a, long long vendor_id, long long limit, db_result *out)
{
    return db_exec(d, &q_list, a, (db_param[]){DB_INT(vendor_id), DB_INT(limit)}, 2, out);
}

db_status vendor_set_status(db *d, arena *a, const audit_who *who, const char *slug, bool suspend, const char *reason,
                            vendor_outcome *outcome)
{
    vendor_key_result out;
    op o = {
        .kind = OP_STATUS, .d = d, .a = a, .who = who, .slug = slug, .suspend = suspend, .reason = reason, .out = &out};
    db_status st = run(&o);
    *outcome = out.outcome;
    return st;
}
