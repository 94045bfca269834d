/* Events, numbers, ledger rows and order fulfilment. */
#include "commerce.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../fcgi/crypto.h"
#include "../fcgi/log.h"
#include "delivery.h"

static const char *const actor_names[] = {"buyer", "vendor", "admin", "system", "gateway"};

const char *shop_actor_name(actor who)
{
    return actor_names[who];
}

static db_stmt q_event = DB_STMT("event_add", 10, 0,
    "INSERT INTO events (vendor_id, seq, type, actor, user_id, order_id, instance_id, delivery_id, payment_id, "
    "detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))");
/* the row stays locked until COMMIT: a vendor's numbers follow commit order */
static db_stmt q_seq_take = DB_STMT("event_seq_take", 2, 0,
    "INSERT INTO vendor_event_seq (vendor_id, last_seq) VALUES (?, ?) "
    "ON DUPLICATE KEY UPDATE last_seq = last_seq + VALUES(last_seq)");
enum { SEQ_LAST, SEQ__MAX };
static db_stmt q_seq_now = DB_STMT("event_seq_now", 1, SEQ__MAX,
    "SELECT last_seq FROM vendor_event_seq WHERE vendor_id = ?");

/* The events a transaction appends, written just before its COMMIT. */
typedef struct pending_event {
    shop_event e;
    size_t index; /* order of appending */
    struct pending_event *next;
} pending_event;

typedef struct pending_events {
    arena *a;
    pending_event *head, **tail;
    size_t n;
} pending_events;

static db_status insert_event(db *d, arena *a, const shop_event *e, long long seq)
{
    return db_exec(d, &q_event, a,
                   (db_param[]){DB_ID(e->vendor_id), DB_ID(seq), DB_STR(e->type), DB_STR(actor_names[e->who]),
                                DB_ID(e->user_id), DB_ID(e->order_id), DB_ID(e->instance_id), DB_ID(e->delivery_id),
                                DB_ID(e->payment_id), DB_STR(e->detail ? e->detail : "")},
                   10, NULL);
}

static int by_vendor(const void *x, const void *y)
{
    const pending_event *a = *(pending_event *const *)x, *b = *(pending_event *const *)y;
    if (a->e.vendor_id != b->e.vendor_id)
        return a->e.vendor_id < b->e.vendor_id ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Deferred to the end of the transaction: for each vendor in id order (a
 * sweep may touch several), take that many numbers from its sequence and
 * write its events in the order they were appended. */
static db_status write_events(db *d, void *arg)
{
    pending_events *pe = arg;
    arena *a = pe->a;
    pending_event **v = arena_alloc(a, pe->n * sizeof(*v));
    size_t n = 0;
    for (pending_event *p = pe->head; p; p = p->next)
        v[n++] = p;
    qsort(v, n, sizeof(*v), by_vendor);
    for (size_t i = 0; i < n;) {
        long long vendor = v[i]->e.vendor_id;
        size_t j = i;
        while (j < n && v[j]->e.vendor_id == vendor)
            j++;
        long long seq = 0;
        db_status st;
        if (vendor) {
            db_result r;
            if ((st = db_exec(d, &q_seq_take, a, (db_param[]){DB_INT(vendor), DB_INT((long long)(j - i))}, 2, NULL)) !=
                    DB_OK ||
                (st = db_exec(d, &q_seq_now, a, (db_param[]){DB_INT(vendor)}, 1, &r)) != DB_OK)
                return st;
            if (r.nrows != 1)
                return DB_ERROR;
            seq = db_int(&r, 0, SEQ_LAST) - (long long)(j - i);
        }
        for (; i < j; i++)
            if ((st = insert_event(d, a, &v[i]->e, vendor ? ++seq : 0)) != DB_OK)
                return st;
    }
    return DB_OK;
}

db_status shop_event_add(db *d, arena *a, const shop_event *e)
{
    pending_events *pe = db_deferred_arg(d, write_events);
    if (!pe) {
        pe = arena_zalloc(a, sizeof(*pe));
        pe->a = a;
        pe->tail = &pe->head;
        db_status st = db_defer(d, a, write_events, pe);
        if (st != DB_OK) {
            log_error("event %s appended outside a transaction", e->type);
            return st;
        }
    }
    pending_event *p = arena_zalloc(a, sizeof(*p));
    p->e = *e;
    p->index = pe->n;
    if (e->detail)
        p->e.detail = arena_strdup(a, e->detail);
    *pe->tail = p;
    pe->tail = &p->next;
    pe->n++;
    return DB_OK;
}

char *shop_number(arena *a)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    char date[16];
    strftime(date, sizeof(date), "%Y%m%d", &tm);
    char *digits = crypto_random_digits(a, 10);
    return digits ? arena_printf(a, "%s%s", date, digits) : NULL;
}

char *shop_code_number(arena *a, const char *prefix)
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789"; /* 32, no look-alikes */
    unsigned char raw[10];
    if (crypto_random(raw, sizeof(raw)) != 0)
        return NULL;
    char code[11];
    for (int i = 0; i < 10; i++)
        code[i] = alphabet[raw[i] & 31];
    code[10] = '\0';
    return arena_printf(a, "%s-%s", prefix, code);
}

enum { BUYER_BALANCE, BUYER__MAX };
static db_stmt q_lock_buyer = DB_STMT("buyer_lock", 1, BUYER__MAX,
    "SELECT balance_cents FROM users WHERE id = ? FOR UPDATE");

db_status shop_lock_buyer(db *d, arena *a, long long user_id, long long *balance)
{
    db_result r;
    db_status st = db_exec(d, &q_lock_buyer, a, (db_param[]){DB_INT(user_id)}, 1, &r);
    if (st != DB_OK)
        return st;
    if (r.nrows != 1) {
        log_error("buyer %lld to lock does not exist", user_id);
        return DB_ERROR;
    }
    if (balance)
        *balance = db_int(&r, 0, BUYER_BALANCE);
    return DB_OK;
}

static db_stmt q_debit = DB_STMT("balance_change", 3, 0,
    "UPDATE users SET balance_cents = balance_cents + ? WHERE id = ? AND balance_cents + ? >= 0");
static db_stmt q_balance = DB_STMT("balance_now", 1, BUYER__MAX, "SELECT balance_cents FROM users WHERE id = ?");
static db_stmt q_ledger = DB_STMT("ledger_add", 6, 0,
    "INSERT INTO ledger (user_id, amount_cents, balance_after_cents, kind, payment_id, order_id, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))");

db_status shop_balance_change(db *d, arena *a, long long user_id, long long delta, const char *kind,
                              long long payment_id, long long order_id, bool *applied)
{
    *applied = false;
    db_result r;
    db_status st = db_exec(d, &q_debit, a, (db_param[]){DB_INT(delta), DB_INT(user_id), DB_INT(delta)}, 3, &r);
    if (st != DB_OK || r.affected == 0)
        return st;
    /* the row is locked by this transaction: its balance is ours to read */
    if ((st = db_exec(d, &q_balance, a, (db_param[]){DB_INT(user_id)}, 1, &r)) != DB_OK)
        return st;
    st = db_exec(d, &q_ledger, a,
                 (db_param[]){DB_INT(user_id), DB_INT(delta), DB_INT(db_int(&r, 0, BUYER_BALANCE)), DB_STR(kind),
                              DB_ID(payment_id), DB_ID(order_id)},
                 6, NULL);
    if (st == DB_OK)
        *applied = true;
    return st;
}

static db_stmt q_open_id = DB_STMT("vendor_buyer_ensure", 3, 0,
    "INSERT IGNORE INTO vendor_buyers (vendor_id, user_id, open_id, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP(6))");
enum { PO_ID, PO_USER, PO_VENDOR, PO_KIND, PO_INSTANCE, PO_PRODUCT, PO_SPEC, PO_MONTHS, PO_MODE, PO__MAX };
static db_stmt q_order_for_update = DB_STMT("order_for_update", 1, PO__MAX,
    "SELECT id, user_id, vendor_id, kind, instance_id, product_id, spec_id, period_months, delivery_mode "
    "FROM orders WHERE id = ? AND status = 'unpaid' FOR UPDATE");
static db_stmt q_order_mark_paid = DB_STMT("order_mark_paid", 2, 0,
    "UPDATE orders SET status = 'paid', paid_at = UTC_TIMESTAMP(6), payment_method = ? "
    "WHERE id = ? AND status = 'unpaid'");
static db_stmt q_instance_insert = DB_STMT("instance_insert", 9, 0,
    "INSERT INTO instances (instance_no, user_id, vendor_id, product_id, spec_id, order_id, delivery_mode, status, "
    "started_at, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), "
    "UTC_TIMESTAMP(6) + INTERVAL NULLIF(?, 0) MONTH, UTC_TIMESTAMP(6))"); /* once (0): no expiry, NULL */
static db_stmt q_order_set_instance = DB_STMT("order_set_instance", 2, 0,
    "UPDATE orders SET instance_id = ? WHERE id = ?");
static db_stmt q_instance_renew = DB_STMT("instance_renew", 3, 0,
    "UPDATE instances SET expires_at = GREATEST(expires_at, UTC_TIMESTAMP(6)) + INTERVAL ? MONTH, "
    "status = IF(status = 'expired', IF(delivery_mode = 'auto' AND provisioned_at IS NULL, 'provisioning', "
    "'active'), status) WHERE id = ? AND user_id = ?");

db_status shop_open_id_ensure(db *d, arena *a, long long vendor_id, long long user_id)
{
    const char *open_id = crypto_random_hex(a, 16);
    if (!open_id)
        return DB_ERROR;
    return db_exec(d, &q_open_id, a, (db_param[]){DB_INT(vendor_id), DB_INT(user_id), DB_STR(open_id)}, 3, NULL);
}

db_status shop_order_paid(db *d, arena *a, long long order_id, const char *method, long long payment_id, actor who,
                          bool *paid)
{
    *paid = false;
    db_result o;
    db_status st = db_exec(d, &q_order_for_update, a, (db_param[]){DB_INT(order_id)}, 1, &o);
    if (st != DB_OK || o.nrows == 0)
        return st;
    long long user_id = db_int(&o, 0, PO_USER), vendor_id = db_int(&o, 0, PO_VENDOR);
    long long instance_id = db_int(&o, 0, PO_INSTANCE), months = db_int(&o, 0, PO_MONTHS);
    bool renew = strcmp(db_str(&o, 0, PO_KIND), "renew") == 0;
    db_result r;
    if ((st = db_exec(d, &q_order_mark_paid, a, (db_param[]){DB_STR(method), DB_INT(order_id)}, 2, &r)) != DB_OK)
        return st;
    if (r.affected != 1)
        return DB_OK;
    shop_event e = {.vendor_id = vendor_id,
                    .type = "order.paid",
                    .who = who,
                    .user_id = user_id,
                    .order_id = order_id,
                    .payment_id = payment_id,
                    .detail = method};
    if (renew)
        e.instance_id = instance_id;
    if ((st = shop_event_add(d, a, &e)) != DB_OK)
        return st;

    if (renew) {
        st = db_exec(d, &q_instance_renew, a, (db_param[]){DB_INT(months), DB_INT(instance_id), DB_INT(user_id)}, 3,
                     &r);
        if (st != DB_OK)
            return st;
        if (r.affected != 1) {
            log_error("order %lld renews instance %lld, which is not the buyer's", order_id, instance_id);
            return DB_ERROR;
        }
        e = (shop_event){.vendor_id = vendor_id,
                         .type = "instance.renewed",
                         .who = who,
                         .user_id = user_id,
                         .order_id = order_id,
                         .instance_id = instance_id,
                         .detail = arena_printf(a, "%lld months", months)};
        if ((st = shop_event_add(d, a, &e)) != DB_OK)
            return st;
        *paid = true;
        return DB_OK;
    }

    const char *mode = db_str(&o, 0, PO_MODE);
    for (int attempt = 0;; attempt++) {
        char *no = shop_instance_number(a);
        if (!no)
            return DB_ERROR;
        st = db_exec(d, &q_instance_insert, a,
                     (db_param[]){DB_STR(no), DB_INT(user_id), DB_INT(vendor_id), DB_INT(db_int(&o, 0, PO_PRODUCT)),
                                  DB_INT(db_int(&o, 0, PO_SPEC)), DB_INT(order_id), DB_STR(mode),
                                  DB_STR(strcmp(mode, "auto") == 0 ? "provisioning" : "active"), DB_INT(months)},
                     9, &r);
        if (st != DB_DUPLICATE || attempt == 3)
            break;
    }
    if (st != DB_OK)
        return st;
    instance_id = (long long)r.insert_id;
    if ((st = shop_open_id_ensure(d, a, vendor_id, user_id)) != DB_OK)
        return st;
    if ((st = db_exec(d, &q_order_set_instance, a, (db_param[]){DB_INT(instance_id), DB_INT(order_id)}, 2, NULL)) !=
        DB_OK)
        return st;
    e = (shop_event){.vendor_id = vendor_id,
                     .type = "instance.created",
                     .who = who,
                     .user_id = user_id,
                     .order_id = order_id,
                     .instance_id = instance_id,
                     .detail = mode};
    if ((st = shop_event_add(d, a, &e)) != DB_OK)
        return st;
    /* people deliver it: the delivery center takes over from here */
    if (strcmp(mode, "manual") == 0 && (st = delivery_create(d, a, instance_id, user_id, vendor_id, who)) != DB_OK)
        return st;
    *paid = true;
    return DB_OK;
}
