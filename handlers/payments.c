/* Paying: the pay page, payment from balance, payment through the gateway
 * (start, return, notify), and the payment result page (确认支付结果). */
#include <stdio.h>
#include <string.h>

#include "../fcgi/log.h"
#include "../fcgi/xml.h"
#include "commerce.h"
#include "gateway.h"
#include "handlers.h"

static db_stmt q_payment_insert = DB_STMT("payment_insert", 7, 0,
    "INSERT INTO payments (payment_no, user_id, purpose, order_id, amount_cents, method, status, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))");
enum { PAYER_USER, PAYER__MAX };
static db_stmt q_payment_payer = DB_STMT("payment_payer", 1, PAYER__MAX,
    "SELECT user_id FROM payments WHERE payment_no = ?");
enum { PU_ID, PU_USER, PU_PURPOSE, PU_ORDER, PU_AMOUNT, PU_STATUS, PU_TXN, PU_METHOD, PU_VENDOR, PU__MAX };
static db_stmt q_payment_for_update = DB_STMT("payment_for_update", 2, PU__MAX,
    "SELECT p.id, p.user_id, p.purpose, p.order_id, p.amount_cents, p.status, p.provider_txn_id, p.method, "
    "o.vendor_id FROM payments p LEFT JOIN orders o ON o.id = p.order_id WHERE p.payment_no = ? AND p.user_id = ? "
    "FOR UPDATE");
static db_stmt q_payment_succeeded = DB_STMT("payment_succeeded", 2, 0,
    "UPDATE payments SET status = 'succeeded', provider_txn_id = ?, completed_at = UTC_TIMESTAMP(6) "
    "WHERE id = ? AND status = 'pending'");
static db_stmt q_payment_cancelled = DB_STMT("payment_cancelled", 2, 0,
    "UPDATE payments SET status = 'cancelled', provider_txn_id = ?, completed_at = UTC_TIMESTAMP(6) "
    "WHERE id = ? AND status = 'pending'");
static db_stmt q_payment_outcome = DB_STMT("payment_outcome", 2, 0,
    "UPDATE payments SET outcome = ? WHERE id = ?");
enum {
    PV_NO,
    PV_PURPOSE,
    PV_AMOUNT,
    PV_METHOD,
    PV_STATUS,
    PV_OUTCOME,
    PV_CREATED,
    PV_COMPLETED,
    PV_ORDER_NO,
    PV_ORDER_STATUS,
    PV_INSTANCE,
    PV_ORDER_KIND,
    PV_MODE,
    PV_ORDER_MONTHS,
    PV_DELIVERY,
    PV__MAX
};
static db_stmt q_payment_view = DB_STMT("payment_view", 2, PV__MAX,
    "SELECT p.payment_no, p.purpose, p.amount_cents, p.method, p.status, p.outcome, "
    "DATE_FORMAT(p.created_at, '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(p.completed_at, '%Y-%m-%d %H:%i:%s'), "
    "o.order_no, o.status, i.instance_no, o.kind, o.delivery_mode, o.period_months, dl.delivery_no "
    "FROM payments p LEFT JOIN orders o ON o.id = p.order_id LEFT JOIN instances i ON i.id = o.instance_id "
    "LEFT JOIN deliveries dl ON dl.instance_id = i.id "
    "WHERE p.payment_no = ? AND p.user_id = ?");

bool pay_gateway_offer(ctx *c)
{
    const gateway *gw = &gw_sandbox;
    if (!gw->enabled(&c->w->cfg))
        return false;
    ctx_form_target(c, gw->site(&c->w->cfg));
    return true;
}

/* Creates a pending gateway payment and gives the checkout address. */
db_status pay_start_gateway(ctx *c, const char *purpose, long long order_id, long long cents, const char *subject,
                            const char **url)
{
    const gateway *gw = &gw_sandbox;
    db *d = &c->w->db;
    const char *no = NULL;
    db_status st = DB_DUPLICATE;
    for (int attempt = 0; attempt < 3 && st == DB_DUPLICATE; attempt++) {
        if (!(no = shop_number(c->a)))
            return DB_ERROR;
        st = db_exec(d, &q_payment_insert, c->a,
                     (db_param[]){DB_STR(no), DB_INT(c->user->id), DB_STR(purpose),
                                  order_id ? DB_INT(order_id) : DB_STR(NULL), DB_INT(cents), DB_STR(gw->name),
                                  DB_STR("pending")},
                     7, NULL);
    }
    if (st != DB_OK)
        return st;
    *url = gw->checkout_url(c, no, cents, subject);
    return DB_OK;
}

/* <pay>: the order, the balance, and the methods on offer. */
static void add_pay(ctx *c, const db_result *o, bool enough)
{
    xmlNodePtr pay = xml_add(c->page, "pay");
    order_add_summary(c, pay, o);
    xml_add_money(pay, "balance", c->user->balance_cents);
    xml_set(pay, "balance-enough", enough ? "1" : "0");
    xml_set(pay, "gateway", pay_gateway_offer(c) ? gw_sandbox.name : "");
}

int h_pay_form(ctx *c)
{
    db_result o;
    int fail = order_load_mine(c, &o);
    if (fail)
        return fail;
    if (strcmp(db_str(&o, 0, OM_STATUS), "unpaid") != 0)
        return ctx_redirect(c, arena_printf(c->a, "/orders/%s", db_str(&o, 0, OM_NO)));
    add_pay(c, &o, c->user->balance_cents >= db_int(&o, 0, OM_TOTAL));
    return 200;
}

/* Step 2 of the lock order, after the buyer: the order's row. */
enum { PAYO_STATUS, PAYO_OVERDUE, PAYO__MAX };
static db_stmt q_pay_order_lock = DB_STMT("pay_order_lock", 2, PAYO__MAX,
    "SELECT status, pay_by < UTC_TIMESTAMP(6) FROM orders WHERE id = ? AND user_id = ? FOR UPDATE");
enum { PAIDBY_NO, PAIDBY__MAX };
static db_stmt q_paid_by = DB_STMT("order_paid_by", 2, PAIDBY__MAX,
    "SELECT payment_no FROM payments WHERE order_id = ? AND user_id = ? AND status = 'succeeded' "
    "AND outcome IS NULL ORDER BY id DESC LIMIT 1");

typedef enum { PAY_DONE, PAY_NOT_PAYABLE, PAY_OVERDUE, PAY_SHORT } pay_outcome;

typedef struct balance_pay {
    ctx *c;
    long long order_id, total;
    const char *payment_no;
    pay_outcome outcome;
} balance_pay;

static db_status balance_pay_txn(void *data, bool *commit)
{
    balance_pay *bp = data;
    ctx *c = bp->c;
    db *d = &c->w->db;
    long long balance;
    db_result o, r;
    db_status st = shop_lock_buyer(d, c->a, c->user->id, &balance);
    if (st != DB_OK || (st = db_exec(d, &q_pay_order_lock, c->a,
                                     (db_param[]){DB_INT(bp->order_id), DB_INT(c->user->id)}, 2, &o)) != DB_OK)
        return st;
    /* decided under both locks: one order is paid once, the balance
     * debited once, and never after the order's deadline */
    bp->outcome = o.nrows == 0 || strcmp(db_str(&o, 0, PAYO_STATUS), "unpaid") != 0 ? PAY_NOT_PAYABLE
                  : db_int(&o, 0, PAYO_OVERDUE)                                     ? PAY_OVERDUE
                  : balance < bp->total                                             ? PAY_SHORT
                                                                                    : PAY_DONE;
    if (bp->outcome != PAY_DONE) {
        *commit = false;
        return DB_OK;
    }
    st = DB_DUPLICATE;
    for (int attempt = 0; attempt < 3 && st == DB_DUPLICATE; attempt++) {
        if (!(bp->payment_no = shop_number(c->a)))
            return DB_ERROR;
        st = db_exec(d, &q_payment_insert, c->a,
                     (db_param[]){DB_STR(bp->payment_no), DB_INT(c->user->id), DB_STR("order"), DB_INT(bp->order_id),
                                  DB_INT(bp->total), DB_STR("balance"), DB_STR("succeeded")},
                     7, &r);
    }
    if (st != DB_OK)
        return st;
    long long payment_id = (long long)r.insert_id;
    bool paid, debited;
    if ((st = shop_order_paid(d, c->a, bp->order_id, "balance", payment_id, ACTOR_BUYER, &paid)) != DB_OK ||
        (st = shop_balance_change(d, c->a, c->user->id, -bp->total, "payment", payment_id, bp->order_id, &debited)) !=
            DB_OK)
        return st;
    if (!paid || !debited) { /* the locks make this impossible */
        log_error("order %lld: paid %d, debited %d under the buyer's lock", bp->order_id, paid, debited);
        return DB_ERROR;
    }
    return DB_OK;
}

/* An order that is not awaiting payment any more: if this buyer paid it
 * (another tab, or an earlier try whose answer was lost), its payment's
 * result page; otherwise the order, saying why it cannot be paid. */
static int not_payable(ctx *c, const db_result *o)
{
    db_result r;
    db_status st = db_exec(&c->w->db, &q_paid_by, c->a, (db_param[]){DB_INT(db_int(o, 0, OM_ID)), DB_INT(c->user->id)},
                           2, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (r.nrows)
        return ctx_redirect(c, arena_printf(c->a, "/payments/%s", db_str(&r, 0, PAIDBY_NO)));
    return ctx_redirect(c, arena_printf(c->a, "/orders/%s?notice=not_payable", db_str(o, 0, OM_NO)));
}

int h_pay(ctx *c)
{
    db *d = &c->w->db;
    db_result o;
    db_status st;
    int fail = order_load_mine(c, &o);
    if (fail)
        return fail;
    const char *order_no = db_str(&o, 0, OM_NO);
    if (strcmp(db_str(&o, 0, OM_STATUS), "unpaid") != 0)
        return not_payable(c, &o);
    long long total = db_int(&o, 0, OM_TOTAL);

    if (strcmp(ctx_in(c, "method"), "balance") == 0) {
        balance_pay bp = {.c = c, .order_id = db_int(&o, 0, OM_ID), .total = total};
        if ((st = db_txn(d, balance_pay_txn, &bp)) != DB_OK)
            return ctx_db_fail(c, st);
        switch (bp.outcome) {
        case PAY_DONE:
            return ctx_redirect(c, arena_printf(c->a, "/payments/%s", bp.payment_no));
        case PAY_NOT_PAYABLE:
            return not_payable(c, &o);
        case PAY_OVERDUE:
            return ctx_redirect(c, arena_printf(c->a, "/orders/%s?notice=not_payable_overdue", order_no));
        case PAY_SHORT:
            break;
        }
        add_pay(c, &o, false);
        return ctx_form_error(c, 409, "method", "pay.insufficient_balance");
    }
    if (db_int(&o, 0, OM_OVERDUE))
        return ctx_redirect(c, arena_printf(c->a, "/orders/%s?notice=not_payable_overdue", order_no));
    if (!gw_sandbox.enabled(&c->w->cfg)) {
        add_pay(c, &o, c->user->balance_cents >= total);
        return ctx_form_error(c, 409, "method", "pay.method_unavailable");
    }
    const char *url;
    const char *subject = arena_printf(
        c->a, "%s · %s", ctx_l10n(c, db_str(&o, 0, OM_PRODUCT_ZH), db_str(&o, 0, OM_PRODUCT_EN)), order_no);
    if ((st = pay_start_gateway(c, "order", db_int(&o, 0, OM_ID), total, subject, &url)) != DB_OK)
        return ctx_db_fail(c, st);
    return ctx_redirect_external(c, url);
}

typedef struct gw_apply {
    arena *a;
    db *d;
    const gateway *gw;
    const gw_notice *n;
    int status; /* HTTP status of the outcome */
} gw_apply;

/* Applies a verified notice at most once: a payment leaves "pending" once,
 * and the provider's transaction id is unique across payments. */
static db_status gw_apply_txn(void *data, bool *commit)
{
    gw_apply *g = data;
    db_result payer, p;
    db_status st = db_exec(g->d, &q_payment_payer, g->a, (db_param[]){DB_STR(g->n->payment_no)}, 1, &payer);
    if (st != DB_OK)
        return st;
    g->status = 404;
    if (payer.nrows == 0) {
        *commit = false;
        return DB_OK;
    }
    /* the lock order: the buyer, then the payment (and its order) */
    long long user_id = db_int(&payer, 0, PAYER_USER);
    if ((st = shop_lock_buyer(g->d, g->a, user_id, NULL)) != DB_OK ||
        (st = db_exec(g->d, &q_payment_for_update, g->a, (db_param[]){DB_STR(g->n->payment_no), DB_INT(user_id)}, 2,
                      &p)) != DB_OK)
        return st;
    g->status = 200;
    if (p.nrows == 0 || strcmp(db_str(&p, 0, PU_METHOD), g->gw->name) != 0) {
        g->status = 404;
        *commit = false;
        return DB_OK;
    }
    long long payment_id = db_int(&p, 0, PU_ID), order_id = db_int(&p, 0, PU_ORDER);
    if (db_int(&p, 0, PU_AMOUNT) != g->n->amount_cents) {
        log_error("gateway %s: notice for %s says %lld cents, payment is %lld", g->gw->name, g->n->payment_no,
                  g->n->amount_cents, db_int(&p, 0, PU_AMOUNT));
        g->status = 400;
        *commit = false;
        return DB_OK;
    }
    const char *status = db_str(&p, 0, PU_STATUS), *txn = db_str(&p, 0, PU_TXN);
    if (strcmp(status, "pending") != 0) {
        /* seen before: the same transaction again is fine, another is not */
        if (!txn || strcmp(txn, g->n->txn_id) != 0) {
            log_error("gateway %s: payment %s already %s by %s, notice names %s", g->gw->name, g->n->payment_no, status,
                      txn ? txn : "-", g->n->txn_id);
            g->status = 409;
        }
        *commit = false;
        return DB_OK;
    }
    db_result r;
    db_stmt *q = g->n->succeeded ? &q_payment_succeeded : &q_payment_cancelled;
    st = db_exec(g->d, q, g->a, (db_param[]){DB_STR(g->n->txn_id), DB_INT(payment_id)}, 2, &r);
    if (st == DB_DUPLICATE) { /* that transaction id already paid another payment */
        g->status = 409;
        *commit = false;
        return DB_OK;
    }
    if (st != DB_OK)
        return st;
    shop_event e = {.vendor_id = db_int(&p, 0, PU_VENDOR), /* 0 (NULL) for a top-up */
                    .type = g->n->succeeded ? "payment.succeeded" : "payment.cancelled",
                    .who = ACTOR_GATEWAY,
                    .user_id = user_id,
                    .order_id = order_id,
                    .payment_id = payment_id,
                    .detail = g->n->txn_id};
    if ((st = shop_event_add(g->d, g->a, &e)) != DB_OK || !g->n->succeeded)
        return st;

    bool done;
    if (strcmp(db_str(&p, 0, PU_PURPOSE), "topup") == 0)
        return shop_balance_change(g->d, g->a, user_id, g->n->amount_cents, "topup", payment_id, 0, &done);
    if ((st = shop_order_paid(g->d, g->a, order_id, "gateway", payment_id, ACTOR_GATEWAY, &done)) != DB_OK || done)
        return st;
    /* the order was cancelled or paid some other way meanwhile: the money
     * is the buyer's, so it goes to their balance */
    if ((st = shop_balance_change(g->d, g->a, user_id, g->n->amount_cents, "credit", payment_id, order_id, &done)) !=
        DB_OK)
        return st;
    return db_exec(g->d, &q_payment_outcome, g->a, (db_param[]){DB_STR("credited_to_balance"), DB_INT(payment_id)}, 2,
                   NULL);
}

/* Verifies and applies a notice; an HTTP status, or -1 for a forgery. */
static int gw_receive(ctx *c, const gateway *gw, const kv_list *fields, gw_notice *n)
{
    if (!gw->verify(c, fields, n))
        return -1;
    gw_apply g = {c->a, &c->w->db, gw, n, 500};
    db_status st = db_txn(&c->w->db, gw_apply_txn, &g);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    return g.status;
}

int h_gateway_return(ctx *c)
{
    gw_notice n;
    int status = gw_receive(c, &gw_sandbox, &c->rq.args, &n);
    if (status < 0)
        return ctx_fail(c, 400, "bad_signature", "The payment provider's answer does not carry a valid signature.");
    if (status >= 500)
        return status;
    if (status != 200)
        return ctx_fail(c, status, "payment_mismatch", "The payment provider's answer does not match this payment.");
    return ctx_redirect(c, arena_printf(c->a, "/payments/%s", n.payment_no));
}

int h_gateway_notify(ctx *c)
{
    gw_notice n;
    int status = gw_receive(c, &gw_sandbox, &c->rq.form, &n);
    if (status < 0)
        status = ctx_fail(c, 400, "bad_signature", "invalid signature");
    else if (status >= 500)
        return status;
    else if (status != 200)
        status = ctx_fail(c, status, "payment_mismatch", "notice does not match the payment");
    c->body = status == 200 ? gw_sandbox.ack : arena_printf(c->a, "error: %s", c->error);
    c->body_len = strlen(c->body);
    c->content_type = "text/plain; charset=utf-8";
    return status;
}

int h_payment_result(ctx *c)
{
    db_result r;
    db_status st = db_exec(&c->w->db, &q_payment_view, c->a,
                           (db_param[]){DB_STR(req_capture(&c->rq, "no")), DB_INT(c->user->id)}, 2, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (r.nrows == 0)
        return ctx_fail(c, 404, "no_such_payment", "There is no such payment.");
    xmlNodePtr p = xml_add(c->page, "payment");
    static const attr_col cols[] = {
        {"no", PV_NO, 0},
        {"purpose", PV_PURPOSE, 0},
        {"method", PV_METHOD, 0},
        {"status", PV_STATUS, 0},
        {"outcome", PV_OUTCOME, 0},
        {"created", PV_CREATED, ATTR_TIME},
        {"completed", PV_COMPLETED, ATTR_TIME},
        {NULL, 0, 0},
    };
    model_attrs(c, p, &r, 0, cols);
    xml_add_money(p, "amount", db_int(&r, 0, PV_AMOUNT));
    if (db_str(&r, 0, PV_ORDER_NO)) {
        xmlNodePtr o = xml_add(p, "order");
        xml_set(o, "no", db_str(&r, 0, PV_ORDER_NO));
        xml_set(o, "status", db_str(&r, 0, PV_ORDER_STATUS));
        xml_set(o, "kind", db_str(&r, 0, PV_ORDER_KIND));
        xml_set(o, "instance", db_str(&r, 0, PV_INSTANCE));
        xml_set(o, "delivery", db_str(&r, 0, PV_MODE));
        xml_set(o, "months", db_str(&r, 0, PV_ORDER_MONTHS));
        xml_set(o, "delivery-no", db_str(&r, 0, PV_DELIVERY));
    }
    return 200;
}
