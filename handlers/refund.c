/* One refund: checks, money, order, service, events. */
#include "refund.h"

#include <string.h>

#include "../fcgi/log.h"
#include "../fcgi/text.h"
#include "../fcgi/xml.h"
#include "delivery.h"

enum { RO_USER, RO__MAX };
static db_stmt q_owner = DB_STMT("refund_order_owner", 1, RO__MAX, "SELECT user_id FROM orders WHERE id = ?");
enum { RL_NO, RL_STATUS, RL_TOTAL, RL_REFUNDED, RL_VENDOR, RL_INSTANCE, RL_KIND, RL_MONTHS, RL__MAX };
static db_stmt q_lock = DB_STMT("refund_order_lock", 1, RL__MAX,
    "SELECT order_no, status, total_cents, refunded_cents, vendor_id, instance_id, kind, period_months "
    "FROM orders WHERE id = ? FOR UPDATE");
enum { RP_NO, RP_AMOUNT, RP_FULL, RP__MAX };
/* Reads after the locks are locking reads: they see what the transaction
 * that held the locks before committed. (The first plain read, q_owner,
 * fixed this transaction's snapshot before it waited; a plain read would
 * still see the world of then: no refund by the same form sent at the
 * same moment, a delivery that has moved on since.) */
static db_stmt q_repeat = DB_STMT("refund_repeat", 2, RP__MAX,
    "SELECT refund_no, amount_cents, full FROM refunds WHERE order_id = ? AND idem_key = ? FOR UPDATE");
static db_stmt q_insert = DB_STMT("refund_insert", 10, 0,
    "INSERT INTO refunds (refund_no, order_id, user_id, vendor_id, amount_cents, full, actor, admin_user, reason, "
    "idem_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))");
static db_stmt q_order = DB_STMT("refund_order_update", 4, 0,
    "UPDATE orders SET refunded_cents = refunded_cents + ?, status = IF(?, 'refunded', status), "
    "refunded_at = IF(?, UTC_TIMESTAMP(6), refunded_at) WHERE id = ?");
enum { RI_STATUS, RI_LEFT, RI__MAX };
/* what a renewal's refund leaves: the expiry its months back, if still ahead */
static db_stmt q_instance = DB_STMT("refund_instance_lock", 3, RI__MAX,
    "SELECT status, IF(? = 0 OR expires_at IS NULL, 0, expires_at - INTERVAL ? MONTH > UTC_TIMESTAMP(6)) "
    "FROM instances WHERE id = ? FOR UPDATE");
static db_stmt q_end = DB_STMT("refund_instance_end", 1, 0,
    "UPDATE instances SET status = 'expired', expires_at = UTC_TIMESTAMP(6) WHERE id = ?");
static db_stmt q_shorten = DB_STMT("refund_instance_shorten", 2, 0,
    "UPDATE instances SET expires_at = expires_at - INTERVAL ? MONTH WHERE id = ?");
enum { RD_NO, RD__MAX };
static db_stmt q_delivery = DB_STMT("refund_delivery", 1, RD__MAX,
    "SELECT delivery_no FROM deliveries WHERE instance_id = ? AND status NOT IN ('completed', 'closed') FOR UPDATE");

/* A full refund's end of the service (the order row is locked: step 2). */
static db_status end_service(db *d, arena *a, const refund_request *rq, const db_result *o, long long user_id)
{
    long long instance = db_str(o, 0, RL_INSTANCE) ? db_int(o, 0, RL_INSTANCE) : 0;
    if (!instance)
        return DB_OK;
    bool renewal = strcmp(db_str(o, 0, RL_KIND), "renew") == 0;
    long long months = db_int(o, 0, RL_MONTHS);
    db_result r;
    db_status st = db_exec(d, &q_instance, a,
                           (db_param[]){DB_INT(renewal ? months : 0), DB_INT(months), DB_INT(instance)}, 3, &r);
    if (st != DB_OK || r.nrows != 1)
        return st;
    const char *detail = arena_printf(a, "order %s refunded", db_str(o, 0, RL_NO));
    if (renewal && db_int(&r, 0, RI_LEFT)) { /* the months bought before stay; the vendor hears of the change */
        if ((st = db_exec(d, &q_shorten, a, (db_param[]){DB_INT(months), DB_INT(instance)}, 2, NULL)) != DB_OK)
            return st;
        shop_event e = {.vendor_id = db_int(o, 0, RL_VENDOR),
                        .type = "instance.shortened",
                        .who = rq->who,
                        .user_id = user_id,
                        .order_id = rq->order_id,
                        .instance_id = instance,
                        .detail = arena_printf(a, "%s: %lld months back", detail, months)};
        return shop_event_add(d, a, &e);
    }
    if (strcmp(db_str(&r, 0, RI_STATUS), "expired") != 0) {
        if ((st = db_exec(d, &q_end, a, (db_param[]){DB_INT(instance)}, 1, NULL)) != DB_OK)
            return st;
        shop_event e = {.vendor_id = db_int(o, 0, RL_VENDOR),
                        .type = "instance.expired",
                        .who = rq->who,
                        .user_id = user_id,
                        .order_id = rq->order_id,
                        .instance_id = instance,
                        .detail = detail};
        if ((st = shop_event_add(d, a, &e)) != DB_OK)
            return st;
    }
    /* a delivery still under way is closed: nothing more is owed */
    if ((st = db_exec(d, &q_delivery, a, (db_param[]){DB_INT(instance)}, 1, &r)) != DB_OK || r.nrows == 0)
        return st;
    db_result row;
    bool found;
    if ((st = delivery_lock(d, a, db_str(&r, 0, RD_NO), user_id, 0, &row, &found)) != DB_OK || !found)
        return st;
    const char *now = db_str(&row, 0, DL_STATUS);
    if (strcmp(now, "completed") == 0 || strcmp(now, "closed") == 0)
        return DB_OK;
    bool moved;
    delivery_step s = {
        .type = "closed", .who = rq->who, .from = now, .to = "closed", .note = rq->reason, .detail = detail};
    return delivery_apply(d, a, &row, &s, &moved, NULL);
}

db_status refund_apply(db *d, arena *a, const refund_request *rq, refund_result *out)
{
    memset(out, 0, sizeof(*out));
    db_result r;
    db_status st = db_exec(d, &q_owner, a, (db_param[]){DB_INT(rq->order_id)}, 1, &r);
    if (st != DB_OK)
        return st;
    if (r.nrows == 0) {
        out->outcome = REFUND_NO_ORDER;
        return DB_OK;
    }
    long long user_id = db_int(&r, 0, RO_USER);
    out->user_id = user_id;
    db_result o;
    if ((st = shop_lock_buyer(d, a, user_id, NULL)) != DB_OK ||
        (st = db_exec(d, &q_lock, a, (db_param[]){DB_INT(rq->order_id)}, 1, &o)) != DB_OK)
        return st;
    if (o.nrows != 1) { /* orders are never removed */
        out->outcome = REFUND_NO_ORDER;
        return DB_OK;
    }
    out->order_no = db_str(&o, 0, RL_NO);
    out->vendor_id = db_int(&o, 0, RL_VENDOR);
    out->status_before = db_str(&o, 0, RL_STATUS);
    out->refunded_before = db_int(&o, 0, RL_REFUNDED);
    if ((st = db_exec(d, &q_repeat, a, (db_param[]){DB_INT(rq->order_id), DB_STR(rq->idem)}, 2, &r)) != DB_OK)
        return st;
    if (r.nrows) {
        out->outcome = REFUND_REPEAT;
        out->refund_no = db_str(&r, 0, RP_NO);
        out->cents = db_int(&r, 0, RP_AMOUNT);
        out->full = db_int(&r, 0, RP_FULL) != 0;
        return DB_OK;
    }
    if (strcmp(out->status_before, "paid") != 0) {
        out->outcome = REFUND_NOT_PAID;
        return DB_OK;
    }
    long long left = db_int(&o, 0, RL_TOTAL) - out->refunded_before;
    long long cents = rq->cents ? rq->cents : left;
    if (cents <= 0 || cents > left) {
        out->outcome = REFUND_TOO_MUCH;
        return DB_OK;
    }
    out->cents = cents;
    out->full = cents == left;
    const char *reason = text_utf8_prefix(a, rq->reason ? rq->reason : "", REFUND_REASON_MAX);
    /* a random number already taken is drawn again (the form's own idem
     * cannot be taken: it was looked for under the order's lock) */
    st = DB_DUPLICATE;
    for (int attempt = 0; attempt < 3 && st == DB_DUPLICATE; attempt++) {
        if (!(out->refund_no = shop_number(a)))
            return DB_ERROR;
        st = db_exec(d, &q_insert, a,
                     (db_param[]){DB_STR(out->refund_no), DB_INT(rq->order_id), DB_INT(user_id), DB_INT(out->vendor_id),
                                  DB_INT(cents), DB_INT(out->full), DB_STR(shop_actor_name(rq->who)), DB_STR(rq->admin),
                                  DB_STR(reason), DB_STR(rq->idem)},
                     10, NULL);
    }
    bool applied;
    if (st != DB_OK ||
        (st = db_exec(d, &q_order, a,
                      (db_param[]){DB_INT(cents), DB_INT(out->full), DB_INT(out->full), DB_INT(rq->order_id)}, 4,
                      NULL)) != DB_OK ||
        (st = shop_balance_change(d, a, user_id, cents, "refund", 0, rq->order_id, &applied)) != DB_OK)
        return st;
    if (!applied) { /* a credit cannot fail the balance check */
        log_error("refund of order %lld: the credit was not applied", rq->order_id);
        return DB_ERROR;
    }
    char amount[32];
    xml_format_cents(amount, sizeof(amount), cents);
    long long instance = db_str(&o, 0, RL_INSTANCE) ? db_int(&o, 0, RL_INSTANCE) : 0;
    shop_event e = {
        .vendor_id = out->vendor_id,
        .type = "order.refunded",
        .who = rq->who,
        .user_id = user_id,
        .order_id = rq->order_id,
        .instance_id = instance,
        .detail = text_utf8_prefix(a, arena_printf(a, "%s %s: %s", out->full ? "full" : "partial", amount, reason),
                                   SHOP_DETAIL_MAX)};
    if ((st = shop_event_add(d, a, &e)) != DB_OK)
        return st;
    if (out->full && (st = end_service(d, a, rq, &o, user_id)) != DB_OK)
        return st;
    out->outcome = REFUND_DONE;
    return DB_OK;
}
