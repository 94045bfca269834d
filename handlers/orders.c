/* Orders: the confirm page (核对订单信息), submitting an order (提交订单),
 * my orders (我的订单) with its detail and timeline, cancelling. */
#include <stdio.h>
#include <string.h>

#include "../fcgi/crypto.h"
#include "../fcgi/text.h"
#include "../fcgi/xml.h"
#include "commerce.h"
#include "handlers.h"

#define ORDERS_PAGE 20

/* The price of a spec for a period, with what an order snapshots; only for
 * a listed product of a vendor not suspended, an active spec and a period
 * it offers. */
enum {
    OF_PRODUCT,
    OF_VENDOR,
    OF_PRODUCT_ZH,
    OF_PRODUCT_EN,
    OF_SPEC,
    OF_SPEC_ZH,
    OF_SPEC_EN,
    OF_VENDOR_ZH,
    OF_VENDOR_EN,
    OF_MODE,
    OF_MONTHS,
    OF_PRICE,
    OF_FREE_LOGIN,
    OF_FEATURES_ZH,
    OF__MAX
};
static db_stmt q_offer = DB_STMT("offer", 3, OF__MAX,
    "SELECT p.id, p.vendor_id, p.name_zh, p.name_en, s.id, s.name_zh, s.name_en, v.name_zh, v.name_en, "
    "p.delivery_mode, pr.period_months, pr.price_cents, p.free_login, s.features_zh "
    "FROM prices pr JOIN specs s ON s.id = pr.spec_id JOIN products p ON p.id = s.product_id "
    "JOIN vendors v ON v.id = p.vendor_id "
    "WHERE p.id = ? AND s.id = ? AND pr.period_months = ? AND p.listed = 1 AND v.status = 'active' "
    "AND s.active = 1");
static db_stmt q_order_insert = DB_STMT("order_insert", 19, 0,
    "INSERT INTO orders (order_no, user_id, vendor_id, kind, instance_id, product_id, spec_id, period_months, "
    "product_name_zh, product_name_en, spec_name_zh, spec_name_en, vendor_name_zh, vendor_name_en, delivery_mode, "
    "unit_price_cents, quantity, total_cents, idem_key, created_at, pay_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, UTC_TIMESTAMP(6), "
    "UTC_TIMESTAMP(6) + INTERVAL ? MINUTE)");
enum { IDEM_NO, IDEM__MAX };
static db_stmt q_order_by_idem = DB_STMT("order_by_idem", 2, IDEM__MAX,
    "SELECT order_no FROM orders WHERE user_id = ? AND idem_key = ?");
#define ORDER_ROW_COLS                                                                                                 \
    "SELECT id, order_no, kind, status, product_name_zh, product_name_en, spec_name_zh, spec_name_en, "                \
    "period_months, total_cents, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'), product_id, refunded_cents "            \
    "FROM orders "
enum {
    OR_ID,
    OR_NO,
    OR_KIND,
    OR_STATUS,
    OR_PRODUCT_ZH,
    OR_PRODUCT_EN,
    OR_SPEC_ZH,
    OR_SPEC_EN,
    OR_MONTHS,
    OR_TOTAL,
    OR_CREATED,
    OR_PRODUCT,
    OR_REFUNDED,
    OR__MAX
};
/* newest first; the _back twins read the page in front of a cursor */
static db_stmt q_orders_page = DB_STMT("orders_page", 3, OR__MAX,
    ORDER_ROW_COLS "WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?");
static db_stmt q_orders_page_back = DB_STMT("orders_page_back", 3, OR__MAX,
    ORDER_ROW_COLS "WHERE user_id = ? AND id > ? ORDER BY id LIMIT ?");
static db_stmt q_orders_page_status = DB_STMT("orders_page_status", 4, OR__MAX,
    ORDER_ROW_COLS "WHERE user_id = ? AND status = ? AND id < ? ORDER BY id DESC LIMIT ?");
static db_stmt q_orders_page_status_back = DB_STMT("orders_page_status_back", 4, OR__MAX,
    ORDER_ROW_COLS "WHERE user_id = ? AND status = ? AND id > ? ORDER BY id LIMIT ?");
enum {
    OD_ID,
    OD_NO,
    OD_KIND,
    OD_STATUS,
    OD_PRODUCT_ZH,
    OD_PRODUCT_EN,
    OD_SPEC_ZH,
    OD_SPEC_EN,
    OD_VENDOR_ZH,
    OD_VENDOR_EN,
    OD_MONTHS,
    OD_UNIT_PRICE,
    OD_QUANTITY,
    OD_TOTAL,
    OD_METHOD,
    OD_MODE,
    OD_CREATED,
    OD_PAY_BY,
    OD_PAID,
    OD_CANCELLED,
    OD_CANCEL_REASON,
    OD_REFUNDED,
    OD_INSTANCE,
    OD_PRODUCT,
    OD_REFUNDED_CENTS,
    OD__MAX
};
static db_stmt q_order_detail = DB_STMT("order_detail", 2, OD__MAX,
    "SELECT o.id, o.order_no, o.kind, o.status, o.product_name_zh, o.product_name_en, o.spec_name_zh, "
    "o.spec_name_en, o.vendor_name_zh, o.vendor_name_en, o.period_months, o.unit_price_cents, o.quantity, "
    "o.total_cents, o.payment_method, o.delivery_mode, DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i:%s'), "
    "DATE_FORMAT(o.pay_by, '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(o.paid_at, '%Y-%m-%d %H:%i:%s'), "
    "DATE_FORMAT(o.cancelled_at, '%Y-%m-%d %H:%i:%s'), o.cancel_reason, "
    "DATE_FORMAT(o.refunded_at, '%Y-%m-%d %H:%i:%s'), i.instance_no, o.product_id, o.refunded_cents "
    "FROM orders o LEFT JOIN instances i ON i.id = o.instance_id WHERE o.order_no = ? AND o.user_id = ?");
enum { OE_TYPE, OE_ACTOR, OE_DETAIL, OE_AT, OE__MAX };
static db_stmt q_order_events = DB_STMT("order_events", 1, OE__MAX,
    "SELECT type, actor, detail, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s') FROM events "
    "WHERE order_id = ? ORDER BY id");
enum { OP_NO, OP_METHOD, OP_STATUS, OP_AMOUNT, OP_CREATED, OP__MAX };
static db_stmt q_order_payments = DB_STMT("order_payments", 1, OP__MAX,
    "SELECT payment_no, method, status, amount_cents, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s') "
    "FROM payments WHERE order_id = ? ORDER BY id");
static db_stmt q_order_cancel = DB_STMT("order_cancel", 2, 0,
    "UPDATE orders SET status = 'cancelled', cancelled_at = UTC_TIMESTAMP(6), cancel_reason = 'buyer' "
    "WHERE id = ? AND user_id = ? AND status = 'unpaid'");
static db_stmt q_order_mine = DB_STMT("order_mine", 2, OM__MAX,
    "SELECT id, order_no, status, total_cents, kind, product_name_zh, product_name_en, spec_name_zh, spec_name_en, "
    "period_months, DATE_FORMAT(pay_by, '%Y-%m-%d %H:%i:%s'), vendor_id, pay_by < UTC_TIMESTAMP(6) "
    "FROM orders WHERE order_no = ? AND user_id = ?");

/* The order a buyer is about to place, priced from the catalog. */
typedef struct offer {
    db_result r;
} offer;

/* Finds the offer; 0, or an HTTP status with the error set. */
static int find_offer(ctx *c, long long product, long long spec, long long period, offer *o)
{
    db_status st = db_exec(&c->w->db, &q_offer, c->a, (db_param[]){DB_INT(product), DB_INT(spec), DB_INT(period)}, 3,
                           &o->r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (o->r.nrows == 0)
        return ctx_fail(c, 409, "not_offered",
                        "That spec and period are not offered for this product. Go back to the product page and "
                        "choose again.");
    return 0;
}

/* <confirm>: what is bought, by whom, for how long, for how much. */
static xmlNodePtr add_offer(ctx *c, const offer *o, const char *kind)
{
    const db_result *r = &o->r;
    xmlNodePtr e = xml_add(c->page, "confirm");
    xml_set(e, "kind", kind);
    xml_set(e, "product-id", db_str(r, 0, OF_PRODUCT));
    xml_set(e, "spec-id", db_str(r, 0, OF_SPEC));
    xml_set(e, "months", db_str(r, 0, OF_MONTHS));
    xml_set(e, "delivery", db_str(r, 0, OF_MODE));
    xml_add_text(e, "product", ctx_l10n(c, db_str(r, 0, OF_PRODUCT_ZH), db_str(r, 0, OF_PRODUCT_EN)));
    xml_add_text(e, "spec", ctx_l10n(c, db_str(r, 0, OF_SPEC_ZH), db_str(r, 0, OF_SPEC_EN)));
    xml_add_text(e, "vendor", ctx_l10n(c, db_str(r, 0, OF_VENDOR_ZH), db_str(r, 0, OF_VENDOR_EN)));
    xml_add_money(e, "unit-price", db_int(r, 0, OF_PRICE));
    xml_add_int(e, "quantity", 1);
    xml_add_money(e, "total", db_int(r, 0, OF_PRICE));
    return e;
}

/* A stale or hand-made form named a combination that is not sold: the
 * product page again, with a message, when the product is still there. */
static int not_offered_again(ctx *c, long long product, int fail)
{
    if (c->xml || fail != 409)
        return fail;
    int st = catalog_product_model(c, product);
    if (st != 200 && st != 410) /* no such product (404), or the database */
        return st;
    ctx_view(c, "product"); /* off sale (410): the product's own page says so */
    return st == 410 ? st : ctx_form_error(c, 409, "offer", "buy.not_offered");
}

int h_buy(ctx *c)
{
    offer o;
    long long product = ctx_in_int(c, "product", 0);
    int fail = find_offer(c, product, ctx_in_int(c, "spec", 0), ctx_in_int(c, "period", 0), &o);
    if (fail)
        return not_offered_again(c, product, fail);
    xmlNodePtr e = add_offer(c, &o, "new");
    const char *idem = crypto_random_hex(c->a, 16);
    if (!idem)
        return ctx_fail(c, 500, "internal", "No randomness.");
    xml_set(e, "idem", idem);
    xml_set_int(e, "pay-minutes", c->w->cfg.unpaid_timeout);
    return 200;
}

typedef struct place {
    ctx *c;
    const offer *o;
    const char *kind, *idem;
    long long instance_id, product, spec, period;
    const char *order_no; /* the new order's, or the one this form placed before */
} place;

static db_status place_txn(void *data, bool *commit)
{
    place *pl = data;
    ctx *c = pl->c;
    db *d = &c->w->db;
    const db_result *r = &pl->o->r;
    db_status st = shop_lock_buyer(d, c->a, c->user->id, NULL);
    if (st != DB_OK)
        return st;
    /* the buyer's lock is held: a form submitted twice finds the first */
    db_result found;
    if ((st = db_exec(d, &q_order_by_idem, c->a, (db_param[]){DB_INT(c->user->id), DB_STR(pl->idem)}, 2, &found)) !=
        DB_OK)
        return st;
    if (found.nrows) {
        pl->order_no = db_str(&found, 0, IDEM_NO);
        *commit = false;
        return DB_OK;
    }
    db_result ins;
    st = DB_DUPLICATE;
    for (int attempt = 0; attempt < 3 && st == DB_DUPLICATE; attempt++) { /* a random number taken */
        if (!(pl->order_no = shop_number(c->a)))
            return DB_ERROR;
        st = db_exec(d, &q_order_insert, c->a,
                     (db_param[]){DB_STR(pl->order_no), DB_INT(c->user->id), DB_INT(db_int(r, 0, OF_VENDOR)),
                                  DB_STR(pl->kind), pl->instance_id ? DB_INT(pl->instance_id) : DB_STR(NULL),
                                  DB_INT(pl->product), DB_INT(pl->spec), DB_INT(pl->period),
                                  DB_STR(db_str(r, 0, OF_PRODUCT_ZH)), DB_STR(db_str(r, 0, OF_PRODUCT_EN)),
                                  DB_STR(db_str(r, 0, OF_SPEC_ZH)), DB_STR(db_str(r, 0, OF_SPEC_EN)),
                                  DB_STR(db_str(r, 0, OF_VENDOR_ZH)), DB_STR(db_str(r, 0, OF_VENDOR_EN)),
                                  DB_STR(db_str(r, 0, OF_MODE)), DB_INT(db_int(r, 0, OF_PRICE)),
                                  DB_INT(db_int(r, 0, OF_PRICE)), DB_STR(pl->idem), DB_INT(c->w->cfg.unpaid_timeout)},
                     19, &ins);
    }
    if (st != DB_OK)
        return st;
    shop_event e = {.vendor_id = db_int(r, 0, OF_VENDOR),
                    .type = "order.created",
                    .who = ACTOR_BUYER,
                    .user_id = c->user->id,
                    .order_id = (long long)ins.insert_id,
                    .instance_id = pl->instance_id,
                    .detail = pl->kind};
    return shop_event_add(d, c->a, &e);
}

/* Inserts an order (the price comes from the catalog, never the form);
 * the same idempotency key from the same buyer gives the same order. */
int order_place(ctx *c, const char *kind, long long instance_id, long long product, long long spec, long long period)
{
    offer o;
    int fail = find_offer(c, product, spec, period, &o);
    if (fail)
        return fail;
    place pl = {.c = c,
                .o = &o,
                .kind = kind,
                .idem = ctx_in(c, "idem"),
                .instance_id = instance_id,
                .product = product,
                .spec = spec,
                .period = period};
    db_status st = db_txn(&c->w->db, place_txn, &pl);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    return ctx_redirect(c, arena_printf(c->a, "/orders/%s/pay", pl.order_no));
}

int h_order_submit(ctx *c)
{
    long long product = ctx_in_int(c, "product", 0);
    int st = order_place(c, "new", 0, product, ctx_in_int(c, "spec", 0), ctx_in_int(c, "period", 0));
    return st == 409 && c->error_code && strcmp(c->error_code, "not_offered") == 0 ? not_offered_again(c, product, st)
                                                                                   : st;
}

static void add_order_row(ctx *c, xmlNodePtr list, const db_result *r, size_t i)
{
    static const attr_col cols[] = {
        {"no", OR_NO, 0},
        {"kind", OR_KIND, 0},
        {"status", OR_STATUS, 0},
        {"months", OR_MONTHS, 0},
        {"created", OR_CREATED, ATTR_TIME},
        {"product-id", OR_PRODUCT, 0},
        {NULL, 0, 0},
    };
    xmlNodePtr o = xml_add(list, "order");
    model_attrs(c, o, r, i, cols);
    xml_add_text(o, "product", ctx_l10n(c, db_str(r, i, OR_PRODUCT_ZH), db_str(r, i, OR_PRODUCT_EN)));
    xml_add_text(o, "spec", ctx_l10n(c, db_str(r, i, OR_SPEC_ZH), db_str(r, i, OR_SPEC_EN)));
    xml_add_money(o, "total", db_int(r, i, OR_TOTAL));
    if (db_int(r, i, OR_REFUNDED) > 0)
        xml_add_money(o, "refunded-amount", db_int(r, i, OR_REFUNDED));
}

int h_orders(ctx *c)
{
    const char *status = ctx_in(c, "status") ? ctx_in(c, "status") : "";
    bool back = ctx_in(c, "before") != NULL;
    long long cursor = back ? ctx_in_int(c, "before", 0) : ctx_in_int(c, "after", 1LL << 62);
    db_result r;
    db_status st = *status ? db_exec(&c->w->db, back ? &q_orders_page_status_back : &q_orders_page_status, c->a,
                                     (db_param[]){DB_INT(c->user->id), DB_STR(status), DB_INT(cursor),
                                                  DB_INT(ORDERS_PAGE + 1)},
                                     4, &r)
                           : db_exec(&c->w->db, back ? &q_orders_page_back : &q_orders_page, c->a,
                                     (db_param[]){DB_INT(c->user->id), DB_INT(cursor), DB_INT(ORDERS_PAGE + 1)}, 3, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    xmlNodePtr list = xml_add(c->page, "orders");
    xml_set(list, "status", status);
    size_t n = model_page(c, list, &r, ORDERS_PAGE, -1);
    for (size_t i = 0; i < n; i++)
        add_order_row(c, list, &r, i);
    return 200;
}

int h_order(ctx *c)
{
    db *d = &c->w->db;
    db_result r, ev, pays;
    db_status st = db_exec(d, &q_order_detail, c->a,
                           (db_param[]){DB_STR(req_capture(&c->rq, "no")), DB_INT(c->user->id)}, 2, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (r.nrows == 0)
        return ctx_fail(c, 404, "no_such_order", "There is no such order.");
    long long id = db_int(&r, 0, OD_ID);
    if ((st = db_exec(d, &q_order_events, c->a, (db_param[]){DB_INT(id)}, 1, &ev)) != DB_OK ||
        (st = db_exec(d, &q_order_payments, c->a, (db_param[]){DB_INT(id)}, 1, &pays)) != DB_OK)
        return ctx_db_fail(c, st);

    xmlNodePtr o = xml_add(c->page, "order");
    static const attr_col cols[] = {
        {"no", OD_NO, 0},
        {"kind", OD_KIND, 0},
        {"status", OD_STATUS, 0},
        {"months", OD_MONTHS, 0},
        {"payment-method", OD_METHOD, 0},
        {"delivery", OD_MODE, 0},
        {"created", OD_CREATED, ATTR_TIME},
        {"pay-by", OD_PAY_BY, ATTR_TIME},
        {"paid", OD_PAID, ATTR_TIME},
        {"cancelled", OD_CANCELLED, ATTR_TIME},
        {"cancel-reason", OD_CANCEL_REASON, 0},
        {"refunded", OD_REFUNDED, ATTR_TIME},
        {"instance", OD_INSTANCE, 0},
        {"product-id", OD_PRODUCT, 0},
        {NULL, 0, 0},
    };
    model_attrs(c, o, &r, 0, cols);
    xml_add_text(o, "product", ctx_l10n(c, db_str(&r, 0, OD_PRODUCT_ZH), db_str(&r, 0, OD_PRODUCT_EN)));
    xml_add_text(o, "spec", ctx_l10n(c, db_str(&r, 0, OD_SPEC_ZH), db_str(&r, 0, OD_SPEC_EN)));
    xml_add_text(o, "vendor", ctx_l10n(c, db_str(&r, 0, OD_VENDOR_ZH), db_str(&r, 0, OD_VENDOR_EN)));
    xml_add_money(o, "unit-price", db_int(&r, 0, OD_UNIT_PRICE));
    xml_add_int(o, "quantity", db_int(&r, 0, OD_QUANTITY));
    xml_add_money(o, "total", db_int(&r, 0, OD_TOTAL));
    if ((st = refund_order_add(c, o, id, db_str(&r, 0, OD_STATUS), db_int(&r, 0, OD_REFUNDED_CENTS))) != DB_OK)
        return ctx_db_fail(c, st);
    static const attr_col event_cols[] = {
        {"type", OE_TYPE, 0}, {"actor", OE_ACTOR, 0}, {"at", OE_AT, ATTR_TIME}, {NULL, 0, 0}};
    static const attr_col payment_cols[] = {
        {"no", OP_NO, 0}, {"method", OP_METHOD, 0}, {"status", OP_STATUS, 0}, {"created", OP_CREATED, ATTR_TIME},
        {NULL, 0, 0},
    };
    xmlNodePtr tl = xml_add(o, "timeline");
    for (size_t i = 0; i < ev.nrows; i++)
        model_attrs(c, xml_add(tl, "event"), &ev, i, event_cols);
    xmlNodePtr pl = xml_add(o, "payments");
    for (size_t i = 0; i < pays.nrows; i++) {
        xmlNodePtr p = xml_add(pl, "payment");
        model_attrs(c, p, &pays, i, payment_cols);
        xml_add_money(p, "amount", db_int(&pays, i, OP_AMOUNT));
    }
    return 200;
}

int order_load_mine(ctx *c, db_result *o)
{
    db_status st = db_exec(&c->w->db, &q_order_mine, c->a,
                           (db_param[]){DB_STR(req_capture(&c->rq, "no")), DB_INT(c->user->id)}, 2, o);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (o->nrows == 0)
        return ctx_fail(c, 404, "no_such_order", "There is no such order.");
    return 0;
}

void order_add_summary(ctx *c, xmlNodePtr parent, const db_result *o)
{
    xmlNodePtr e = xml_add(parent, "order");
    static const attr_col cols[] = {
        {"no", OM_NO, 0},         {"status", OM_STATUS, 0},         {"kind", OM_KIND, 0},
        {"months", OM_MONTHS, 0}, {"pay-by", OM_PAY_BY, ATTR_TIME}, {NULL, 0, 0},
    };
    model_attrs(c, e, o, 0, cols);
    xml_add_text(e, "product", ctx_l10n(c, db_str(o, 0, OM_PRODUCT_ZH), db_str(o, 0, OM_PRODUCT_EN)));
    xml_add_text(e, "spec", ctx_l10n(c, db_str(o, 0, OM_SPEC_ZH), db_str(o, 0, OM_SPEC_EN)));
    xml_add_money(e, "total", db_int(o, 0, OM_TOTAL));
}

/* 取消订单 asks first, on a page of its own: what is cancelled, and the
 * two buttons (cancel it, keep it). */
int h_order_cancel_form(ctx *c)
{
    db_result r;
    int fail = order_load_mine(c, &r);
    if (fail)
        return fail;
    if (strcmp(db_str(&r, 0, OM_STATUS), "unpaid") != 0)
        return ctx_redirect(c, arena_printf(c->a, "/orders/%s?notice=not_cancellable", db_str(&r, 0, OM_NO)));
    order_add_summary(c, c->page, &r);
    return 200;
}

typedef struct cancel {
    ctx *c;
    const db_result *o;
    bool cancelled;
} cancel;

static db_status cancel_txn(void *data, bool *commit)
{
    cancel *cn = data;
    ctx *c = cn->c;
    db *d = &c->w->db;
    (void)commit;
    db_status st = shop_lock_buyer(d, c->a, c->user->id, NULL);
    if (st != DB_OK)
        return st;
    long long id = db_int(cn->o, 0, OM_ID);
    db_result u;
    if ((st = db_exec(d, &q_order_cancel, c->a, (db_param[]){DB_INT(id), DB_INT(c->user->id)}, 2, &u)) != DB_OK)
        return st;
    cn->cancelled = u.affected == 1;
    if (!cn->cancelled)
        return DB_OK;
    shop_event e = {.vendor_id = db_int(cn->o, 0, OM_VENDOR),
                    .type = "order.cancelled",
                    .who = ACTOR_BUYER,
                    .user_id = c->user->id,
                    .order_id = id,
                    .detail = "buyer"};
    return shop_event_add(d, c->a, &e);
}

int h_order_cancel(ctx *c)
{
    db_result r;
    int fail = order_load_mine(c, &r);
    if (fail)
        return fail;
    cancel cn = {.c = c, .o = &r};
    db_status st = db_txn(&c->w->db, cancel_txn, &cn);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    return ctx_redirect(c, arena_printf(c->a, "/orders/%s?notice=%s", db_str(&r, 0, OM_NO),
                                        cn.cancelled ? "cancelled" : "not_cancellable"));
}
