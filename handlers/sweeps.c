/* The scheduler's sweeps: cancel stale unpaid orders, expire instances,
 * deliver the sandbox gateway's notifications, purge what has expired.
 * Each is idempotent: every change is a conditional update. */
#include <string.h>

#include "commerce.h"
#include "delivery.h"
#include "handlers.h"

enum { DUE_ID, DUE_VENDOR, DUE_USER, DUE__MAX };
static db_stmt q_stale_orders = DB_STMT("stale_orders", 0, DUE__MAX,
    "SELECT id, vendor_id, user_id FROM orders WHERE status = 'unpaid' AND pay_by < UTC_TIMESTAMP(6) "
    "ORDER BY pay_by LIMIT 200");
static db_stmt q_cancel_stale = DB_STMT("cancel_stale_order", 1, 0,
    "UPDATE orders SET status = 'cancelled', cancelled_at = UTC_TIMESTAMP(6), cancel_reason = 'timeout' "
    "WHERE id = ? AND status = 'unpaid' AND pay_by < UTC_TIMESTAMP(6)");
/* a one-off service (一次性) has no expiry (NULL): never due, never expired */
static db_stmt q_due_instances = DB_STMT("due_instances", 0, DUE__MAX,
    "SELECT id, vendor_id, user_id FROM instances WHERE status IN ('active', 'provisioning') "
    "AND expires_at < UTC_TIMESTAMP(6) ORDER BY expires_at LIMIT 200");
static db_stmt q_expire = DB_STMT("expire_instance", 1, 0,
    "UPDATE instances SET status = 'expired' WHERE id = ? AND status IN ('active', 'provisioning') "
    "AND expires_at < UTC_TIMESTAMP(6)");
/* each on its index: an OR of the two would scan (and lock) every row */
static db_stmt q_purge_sessions = DB_STMT("purge_sessions", 0, 0,
    "DELETE FROM sessions WHERE expires_at < UTC_TIMESTAMP(6) LIMIT 1000");
static db_stmt q_purge_idle_sessions = DB_STMT("purge_idle_sessions", 1, 0,
    "DELETE FROM sessions WHERE last_seen_at < UTC_TIMESTAMP(6) - INTERVAL ? MINUTE LIMIT 1000");
static db_stmt q_purge_tokens = DB_STMT("purge_tokens", 0, 0,
    "DELETE FROM free_login_tokens WHERE expires_at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY LIMIT 1000");
static db_stmt q_purge_failures = DB_STMT("purge_login_failures", 0, 0,
    "DELETE FROM login_failures WHERE created_at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY LIMIT 1000");

typedef struct sweep_row {
    arena *a;
    db *d;
    db_stmt *update;
    const char *type, *detail;
    bool instance;
    long long id, vendor_id, user_id;
    bool changed;
} sweep_row;

static db_status sweep_row_txn(void *data, bool *commit)
{
    sweep_row *w = data;
    (void)commit;
    db_result u;
    db_status st = shop_lock_buyer(w->d, w->a, w->user_id, NULL);
    if (st != DB_OK || (st = db_exec(w->d, w->update, w->a, (db_param[]){DB_INT(w->id)}, 1, &u)) != DB_OK)
        return st;
    if (!(w->changed = u.affected == 1))
        return DB_OK;
    shop_event e = {
        .vendor_id = w->vendor_id, .type = w->type, .who = ACTOR_SYSTEM, .user_id = w->user_id, .detail = w->detail};
    if (w->instance)
        e.instance_id = w->id;
    else
        e.order_id = w->id;
    return shop_event_add(w->d, w->a, &e);
}

/* For each row of a batch (id, vendor, user), apply update and, if it
 * changed the row, append the event; one transaction per row, the buyer's
 * lock first like every other. */
static int batch(db *d, arena *a, db_stmt *select, db_stmt *update, const char *type, const char *detail, bool instance)
{
    db_result r;
    if (db_exec(d, select, a, NULL, 0, &r) != DB_OK)
        return -1;
    int done = 0;
    for (size_t i = 0; i < r.nrows; i++) {
        sweep_row w = {a,
                       d,
                       update,
                       type,
                       detail,
                       instance,
                       db_int(&r, i, DUE_ID),
                       db_int(&r, i, DUE_VENDOR),
                       db_int(&r, i, DUE_USER),
                       false};
        if (db_txn(d, sweep_row_txn, &w) != DB_OK)
            return -1;
        done += w.changed;
    }
    return done;
}

static int sweep_unpaid(db *d, arena *a, const config *cfg, const crypto_keys *keys)
{
    (void)cfg;
    (void)keys;
    return batch(d, a, &q_stale_orders, &q_cancel_stale, "order.cancelled", "timeout", false);
}

static int sweep_expiry(db *d, arena *a, const config *cfg, const crypto_keys *keys)
{
    (void)cfg;
    (void)keys;
    return batch(d, a, &q_due_instances, &q_expire, "instance.expired", "", true);
}

static int sweep_purge(db *d, arena *a, const config *cfg, const crypto_keys *keys)
{
    (void)keys;
    db_result r;
    if (db_exec(d, &q_purge_idle_sessions, a, (db_param[]){DB_INT(cfg->session_idle)}, 1, &r) != DB_OK)
        return -1;
    int done = (int)r.affected;
    db_stmt *purges[] = {&q_purge_sessions, &q_purge_tokens, &q_purge_failures};
    for (size_t i = 0; i < 3; i++) {
        if (db_exec(d, purges[i], a, NULL, 0, &r) != DB_OK)
            return -1;
        done += (int)r.affected;
    }
    return done;
}

static int sweep_acceptance(db *d, arena *a, const config *cfg, const crypto_keys *keys)
{
    (void)keys;
    return delivery_auto_accept(d, a, cfg->auto_accept_days);
}

static int sweep_sandbox(db *d, arena *a, const config *cfg, const crypto_keys *keys)
{
    return cfg->payment_sandbox ? sandbox_deliver_notifications(d, a, cfg, keys) : 0;
}

const sweep mp_sweeps[] = {
    {"unpaid-orders", sweep_unpaid},
    {"instance-expiry", sweep_expiry},
    {"delivery-acceptance", sweep_acceptance},
    {"sandbox-notify", sweep_sandbox},
    {"purge", sweep_purge},
    {"purge-nonces", purge_partner_nonces},
};
const size_t mp_nsweeps = sizeof(mp_sweeps) / sizeof(mp_sweeps[0]);
