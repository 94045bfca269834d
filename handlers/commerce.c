/* Events, numbers, ledger rows and order fulfilment. */
#include "commerce.h"

#include <stdio.h>
#include <string.h>

#include "../fcgi/crypto.h"
#include "../fcgi/log.h"

static const char *const actor_names[] = {"buyer", "vendor", "admin", "system", "gateway"};

static db_stmt q_event = DB_STMT("event_add", 8, 0,
    "INSERT INTO events (vendor_id, type, actor, user_id, order_id, instance_id, payment_id, detail, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))");

static db_stmt q_event_clock = DB_STMT("event_clock", 0, 0, "UPDATE event_clock SET ticks = ticks + 1 WHERE id = 1");

static db_param id_or_null(long long id)
{
    return id ? DB_INT(id) : DB_STR(NULL);
}

db_status shop_event_add(db *d, arena *a, const shop_event *e)
{
    /* the clock row stays locked until commit: event ids follow commit order */
    if (!d->in_txn) {
        log_error("event %s appended outside a transaction", e->type);
        return DB_ERROR;
    }
    db_status st = db_exec(d, &q_event_clock, a, NULL, 0, NULL);
    if (st != DB_OK)
        return st;
    return db_exec(d, &q_event, a,
                   (db_param[]){id_or_null(e->vendor_id), DB_STR(e->type), DB_STR(actor_names[e->who]),
                                id_or_null(e->user_id), id_or_null(e->order_id), id_or_null(e->instance_id),
                                id_or_null(e->payment_id), DB_STR(e->detail ? e->detail : "")},
                   8, NULL);
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

char *shop_instance_number(arena *a)
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789"; /* 32, no look-alikes */
    unsigned char raw[10];
    if (crypto_random(raw, sizeof(raw)) != 0)
        return NULL;
    char *out = arena_alloc(a, 15);
    memcpy(out, "ins-", 4);
    for (int i = 0; i < 10; i++)
        out[4 + i] = alphabet[raw[i] & 31];
    out[14] = '\0';
    return out;
}

static db_stmt q_debit = DB_STMT("balance_change", 3, 0,
    "UPDATE users SET balance_cents = balance_cents + ? WHERE id = ? AND balance_cents + ? >= 0");
static db_stmt q_balance = DB_STMT("balance_now", 1, 1, "SELECT balance_cents FROM users WHERE id = ?");
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
                 (db_param[]){DB_INT(user_id), DB_INT(delta), DB_INT(db_int(&r, 0, 0)), DB_STR(kind),
                              id_or_null(payment_id), id_or_null(order_id)},
                 6, NULL);
    if (st == DB_OK)
        *applied = true;
    return st;
}

static db_stmt q_open_id = DB_STMT("vendor_buyer_ensure", 3, 0,
    "INSERT IGNORE INTO vendor_buyers (vendor_id, user_id, open_id, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP(6))");
static db_stmt q_order_for_update = DB_STMT("order_for_update", 1, 9,
    "SELECT id, user_id, vendor_id, kind, instance_id, product_id, spec_id, period_months, delivery_mode "
    "FROM orders WHERE id = ? AND status = 'unpaid' FOR UPDATE");
static db_stmt q_order_mark_paid = DB_STMT("order_mark_paid", 2, 0,
    "UPDATE orders SET status = 'paid', paid_at = UTC_TIMESTAMP(6), payment_method = ? "
    "WHERE id = ? AND status = 'unpaid'");
static db_stmt q_instance_insert = DB_STMT("instance_insert", 9, 0,
    "INSERT INTO instances (instance_no, user_id, vendor_id, product_id, spec_id, order_id, delivery_mode, status, "
    "started_at, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), "
    "UTC_TIMESTAMP(6) + INTERVAL ? MONTH, UTC_TIMESTAMP(6))");
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

db_status shop_order_paid(db *d, arena *a, long long order_id, const char *method, long long payment_id,
                          actor who, bool *paid)
{
    *paid = false;
    db_result o;
    db_status st = db_exec(d, &q_order_for_update, a, (db_param[]){DB_INT(order_id)}, 1, &o);
    if (st != DB_OK || o.nrows == 0)
        return st;
    long long user_id = db_int(&o, 0, 1), vendor_id = db_int(&o, 0, 2), instance_id = db_int(&o, 0, 4);
    long long months = db_int(&o, 0, 7);
    bool renew = strcmp(db_str(&o, 0, 3), "renew") == 0;
    db_result r;
    if ((st = db_exec(d, &q_order_mark_paid, a, (db_param[]){DB_STR(method), DB_INT(order_id)}, 2, &r)) != DB_OK)
        return st;
    if (r.affected != 1)
        return DB_OK;
    shop_event e = {.vendor_id = vendor_id, .type = "order.paid", .who = who, .user_id = user_id,
                    .order_id = order_id, .payment_id = payment_id, .detail = method};
    if (renew)
        e.instance_id = instance_id;
    if ((st = shop_event_add(d, a, &e)) != DB_OK)
        return st;

    if (renew) {
        st = db_exec(d, &q_instance_renew, a, (db_param[]){DB_INT(months), DB_INT(instance_id), DB_INT(user_id)},
                     3, &r);
        if (st != DB_OK)
            return st;
        if (r.affected != 1) {
            log_error("order %lld renews instance %lld, which is not the buyer's", order_id, instance_id);
            return DB_ERROR;
        }
        e = (shop_event){.vendor_id = vendor_id, .type = "instance.renewed", .who = who, .user_id = user_id,
                         .order_id = order_id, .instance_id = instance_id,
                         .detail = arena_printf(a, "%lld months", months)};
        if ((st = shop_event_add(d, a, &e)) != DB_OK)
            return st;
        *paid = true;
        return DB_OK;
    }

    const char *mode = db_str(&o, 0, 8);
    for (int attempt = 0;; attempt++) {
        char *no = shop_instance_number(a);
        if (!no)
            return DB_ERROR;
        st = db_exec(d, &q_instance_insert, a,
                     (db_param[]){DB_STR(no), DB_INT(user_id), DB_INT(vendor_id), DB_INT(db_int(&o, 0, 5)),
                                  DB_INT(db_int(&o, 0, 6)), DB_INT(order_id), DB_STR(mode),
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
    if ((st = db_exec(d, &q_order_set_instance, a, (db_param[]){DB_INT(instance_id), DB_INT(order_id)}, 2,
                      NULL)) != DB_OK)
        return st;
    e = (shop_event){.vendor_id = vendor_id, .type = "instance.created", .who = who, .user_id = user_id,
                     .order_id = order_id, .instance_id = instance_id, .detail = mode};
    if ((st = shop_event_add(d, a, &e)) != DB_OK)
        return st;
    *paid = true;
    return DB_OK;
}

db_status shop_txn(db *d, db_status (*fn)(void *data, bool *commit), void *data)
{
    db_status st = DB_RETRY;
    for (int attempt = 0; attempt < 3 && st == DB_RETRY; attempt++) {
        if ((st = db_begin(d)) != DB_OK)
            return st;
        bool commit = true;
        st = fn(data, &commit);
        if (st == DB_OK && commit)
            st = db_commit(d);
        else
            db_rollback(d);
    }
    return st;
}

bool shop_parse_yuan(const char *s, long long *cents)
{
    long long whole = 0, frac = 0;
    int digits = 0, fdigits = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9'; p++, digits++)
        if (digits < 9)
            whole = whole * 10 + (*p - '0');
    if (digits == 0 || digits > 8 || (digits > 1 && s[0] == '0'))
        return false;
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, fdigits++)
            frac = frac * 10 + (*p - '0');
        if (fdigits == 0 || fdigits > 2)
            return false;
        if (fdigits == 1)
            frac *= 10;
    }
    if (*p != '\0' || whole > 10000000)
        return false;
    *cents = whole * 100 + frac;
    return true;
}
