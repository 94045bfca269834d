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
 * a listed product, an active spec and a period it offers. */
static db_stmt q_offer = DB_STMT("offer", 3, 14,
    "SELECT p.id, p.vendor_id, p.name_zh, p.name_en, s.id, s.name_zh, s.name_en, v.name_zh, v.name_en, "
    "p.delivery_mode, pr.period_months, pr.price_cents, p.free_login, s.features_zh "
    "FROM prices pr JOIN specs s ON s.id = pr.spec_id JOIN products p ON p.id = s.product_id "
    "JOIN vendors v ON v.id = p.vendor_id "
    "WHERE p.id = ? AND s.id = ? AND pr.period_months = ? AND p.listed = 1 AND s.active = 1");
static db_stmt q_order_insert = DB_STMT("order_insert", 19, 0,
    "INSERT INTO orders (order_no, user_id, vendor_id, kind, instance_id, product_id, spec_id, period_months, "
    "product_name_zh, product_name_en, spec_name_zh, spec_name_en, vendor_name_zh, vendor_name_en, delivery_mode, "
    "unit_price_cents, quantity, total_cents, idem_key, created_at, pay_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, UTC_TIMESTAMP(6), "
    "UTC_TIMESTAMP(6) + INTERVAL ? MINUTE)");
static db_stmt q_order_by_idem = DB_STMT("order_by_idem", 2, 1,
    "SELECT order_no FROM orders WHERE user_id = ? AND idem_key = ?");
#define ORDER_ROW_COLS                                                                                     \
    "SELECT id, order_no, kind, status, product_name_zh, product_name_en, spec_name_zh, spec_name_en, "     \
    "period_months, total_cents, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'), product_id FROM orders "
/* newest first; the _back twins read the page in front of a cursor */
static db_stmt q_orders_page = DB_STMT("orders_page", 3, 12,
    ORDER_ROW_COLS "WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?");
static db_stmt q_orders_page_back = DB_STMT("orders_page_back", 3, 12,
    ORDER_ROW_COLS "WHERE user_id = ? AND id > ? ORDER BY id LIMIT ?");
static db_stmt q_orders_page_status = DB_STMT("orders_page_status", 4, 12,
    ORDER_ROW_COLS "WHERE user_id = ? AND status = ? AND id < ? ORDER BY id DESC LIMIT ?");
static db_stmt q_orders_page_status_back = DB_STMT("orders_page_status_back", 4, 12,
    ORDER_ROW_COLS "WHERE user_id = ? AND status = ? AND id > ? ORDER BY id LIMIT ?");
static db_stmt q_order_detail = DB_STMT("order_detail", 2, 24,
    "SELECT o.id, o.order_no, o.kind, o.status, o.product_name_zh, o.product_name_en, o.spec_name_zh, "
    "o.spec_name_en, o.vendor_name_zh, o.vendor_name_en, o.period_months, o.unit_price_cents, o.quantity, "
    "o.total_cents, o.payment_method, o.delivery_mode, DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i:%s'), "
    "DATE_FORMAT(o.pay_by, '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(o.paid_at, '%Y-%m-%d %H:%i:%s'), "
    "DATE_FORMAT(o.cancelled_at, '%Y-%m-%d %H:%i:%s'), o.cancel_reason, "
    "DATE_FORMAT(o.refunded_at, '%Y-%m-%d %H:%i:%s'), i.instance_no, o.product_id "
    "FROM orders o LEFT JOIN instances i ON i.id = o.instance_id WHERE o.order_no = ? AND o.user_id = ?");
static db_stmt q_order_events = DB_STMT("order_events", 1, 4,
    "SELECT type, actor, detail, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s') FROM events "
    "WHERE order_id = ? ORDER BY id");
static db_stmt q_order_payments = DB_STMT("order_payments", 1, 5,
    "SELECT payment_no, method, status, amount_cents, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s') "
    "FROM payments WHERE order_id = ? ORDER BY id");
static db_stmt q_order_cancel = DB_STMT("order_cancel", 2, 0,
    "UPDATE orders SET status = 'cancelled', cancelled_at = UTC_TIMESTAMP(6), cancel_reason = 'buyer' "
    "WHERE id = ? AND user_id = ? AND status = 'unpaid'");
static db_stmt q_order_mine = DB_STMT("order_mine", 2, 12,
    "SELECT id, order_no, status, total_cents, kind, product_name_zh, product_name_en, spec_name_zh, spec_name_en, "
    "period_months, DATE_FORMAT(pay_by, '%Y-%m-%d %H:%i:%s'), vendor_id "
    "FROM orders WHERE order_no = ? AND user_id = ?");

/* The order a buyer is about to place, priced from the catalog. */
typedef struct offer {
    db_result r;
} offer;

/* Finds the offer; 0, or an HTTP status with the error set. */
static int find_offer(ctx *c, long long product, long long spec, long long period, offer *o)
{
    db_status st = db_exec(&c->w->db, &q_offer, c->a, (db_param[]){DB_INT(product), DB_INT(spec), DB_INT(period)},
                           3, &o->r);
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
    xml_set(e, "product-id", db_str(r, 0, 0));
    xml_set(e, "spec-id", db_str(r, 0, 4));
    xml_set(e, "months", db_str(r, 0, 10));
    xml_set(e, "delivery", db_str(r, 0, 9));
    xml_add_text(e, "product", ctx_l10n(c, db_str(r, 0, 2), db_str(r, 0, 3)));
    xml_add_text(e, "spec", ctx_l10n(c, db_str(r, 0, 5), db_str(r, 0, 6)));
    xml_add_text(e, "vendor", ctx_l10n(c, db_str(r, 0, 7), db_str(r, 0, 8)));
    xml_add_money(e, "unit-price", db_int(r, 0, 11));
    xml_add_int(e, "quantity", 1);
    xml_add_money(e, "total", db_int(r, 0, 11));
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

/* Inserts an order (the price comes from the catalog, never the form);
 * the same idempotency key from the same buyer gives the same order. */
int order_place(ctx *c, const char *kind, long long instance_id, long long product, long long spec,
                long long period)
{
    offer o;
    int fail = find_offer(c, product, spec, period, &o);
    if (fail)
        return fail;
    const db_result *r = &o.r;
    db *d = &c->w->db;
    const char *idem = ctx_in(c, "idem");
    db_result found;
    db_status st = DB_DUPLICATE;
    for (int attempt = 0; attempt < 3 && st == DB_DUPLICATE; attempt++) {
        const char *no = shop_number(c->a);
        if (!no)
            return ctx_fail(c, 500, "internal", "No randomness.");
        if ((st = db_begin(d)) != DB_OK)
            return ctx_db_fail(c, st);
        db_result ins;
        st = db_exec(d, &q_order_insert, c->a,
                     (db_param[]){DB_STR(no), DB_INT(c->user->id), DB_INT(db_int(r, 0, 1)), DB_STR(kind),
                                  instance_id ? DB_INT(instance_id) : DB_STR(NULL), DB_INT(product), DB_INT(spec),
                                  DB_INT(period), DB_STR(db_str(r, 0, 2)), DB_STR(db_str(r, 0, 3)),
                                  DB_STR(db_str(r, 0, 5)), DB_STR(db_str(r, 0, 6)), DB_STR(db_str(r, 0, 7)),
                                  DB_STR(db_str(r, 0, 8)), DB_STR(db_str(r, 0, 9)), DB_INT(db_int(r, 0, 11)),
                                  DB_INT(db_int(r, 0, 11)), DB_STR(idem), DB_INT(c->w->cfg.unpaid_timeout)},
                     19, &ins);
        if (st == DB_OK) {
            shop_event e = {.vendor_id = db_int(r, 0, 1), .type = "order.created", .who = ACTOR_BUYER,
                            .user_id = c->user->id, .order_id = (long long)ins.insert_id,
                            .instance_id = instance_id, .detail = kind};
            if ((st = shop_event_add(d, c->a, &e)) == DB_OK && (st = db_commit(d)) == DB_OK)
                return ctx_redirect(c, arena_printf(c->a, "/orders/%s/pay", no));
        }
        db_rollback(d);
        if (st != DB_DUPLICATE)
            return ctx_db_fail(c, st);
        /* a duplicate: this form was submitted before, or (rarely) the
         * random number was taken */
        if ((st = db_exec(d, &q_order_by_idem, c->a, (db_param[]){DB_INT(c->user->id), DB_STR(idem)}, 2,
                          &found)) != DB_OK)
            return ctx_db_fail(c, st);
        if (found.nrows)
            return ctx_redirect(c, arena_printf(c->a, "/orders/%s/pay", db_str(&found, 0, 0)));
        st = DB_DUPLICATE;
    }
    return ctx_db_fail(c, st);
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
        {"no", 1, 0}, {"kind", 2, 0}, {"status", 3, 0}, {"months", 8, 0}, {"created", 10, ATTR_TIME},
        {"product-id", 11, 0}, {NULL, 0, 0},
    };
    xmlNodePtr o = xml_add(list, "order");
    model_attrs(c, o, r, i, cols);
    xml_add_text(o, "product", ctx_l10n(c, db_str(r, i, 4), db_str(r, i, 5)));
    xml_add_text(o, "spec", ctx_l10n(c, db_str(r, i, 6), db_str(r, i, 7)));
    xml_add_money(o, "total", db_int(r, i, 9));
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
                                     (db_param[]){DB_INT(c->user->id), DB_INT(cursor), DB_INT(ORDERS_PAGE + 1)}, 3,
                                     &r);
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
    long long id = db_int(&r, 0, 0);
    if ((st = db_exec(d, &q_order_events, c->a, (db_param[]){DB_INT(id)}, 1, &ev)) != DB_OK ||
        (st = db_exec(d, &q_order_payments, c->a, (db_param[]){DB_INT(id)}, 1, &pays)) != DB_OK)
        return ctx_db_fail(c, st);

    xmlNodePtr o = xml_add(c->page, "order");
    static const attr_col cols[] = {
        {"no", 1, 0},        {"kind", 2, 0},     {"status", 3, 0},
        {"months", 10, 0},   {"payment-method", 14, 0}, {"delivery", 15, 0},
        {"created", 16, ATTR_TIME}, {"pay-by", 17, ATTR_TIME}, {"paid", 18, ATTR_TIME},
        {"cancelled", 19, ATTR_TIME}, {"cancel-reason", 20, 0}, {"refunded", 21, ATTR_TIME},
        {"instance", 22, 0}, {"product-id", 23, 0}, {NULL, 0, 0},
    };
    model_attrs(c, o, &r, 0, cols);
    xml_add_text(o, "product", ctx_l10n(c, db_str(&r, 0, 4), db_str(&r, 0, 5)));
    xml_add_text(o, "spec", ctx_l10n(c, db_str(&r, 0, 6), db_str(&r, 0, 7)));
    xml_add_text(o, "vendor", ctx_l10n(c, db_str(&r, 0, 8), db_str(&r, 0, 9)));
    xml_add_money(o, "unit-price", db_int(&r, 0, 11));
    xml_add_int(o, "quantity", db_int(&r, 0, 12));
    xml_add_money(o, "total", db_int(&r, 0, 13));
    static const attr_col event_cols[] = {{"type", 0, 0}, {"actor", 1, 0}, {"at", 3, ATTR_TIME}, {NULL, 0, 0}};
    static const attr_col payment_cols[] = {
        {"no", 0, 0}, {"method", 1, 0}, {"status", 2, 0}, {"created", 4, ATTR_TIME}, {NULL, 0, 0},
    };
    xmlNodePtr tl = xml_add(o, "timeline");
    for (size_t i = 0; i < ev.nrows; i++)
        model_attrs(c, xml_add(tl, "event"), &ev, i, event_cols);
    xmlNodePtr pl = xml_add(o, "payments");
    for (size_t i = 0; i < pays.nrows; i++) {
        xmlNodePtr p = xml_add(pl, "payment");
        model_attrs(c, p, &pays, i, payment_cols);
        xml_add_money(p, "amount", db_int(&pays, i, 3));
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
        {"no", 1, 0}, {"status", 2, 0}, {"kind", 4, 0}, {"months", 9, 0}, {"pay-by", 10, ATTR_TIME}, {NULL, 0, 0},
    };
    model_attrs(c, e, o, 0, cols);
    xml_add_text(e, "product", ctx_l10n(c, db_str(o, 0, 5), db_str(o, 0, 6)));
    xml_add_text(e, "spec", ctx_l10n(c, db_str(o, 0, 7), db_str(o, 0, 8)));
    xml_add_money(e, "total", db_int(o, 0, 3));
}

/* 取消订单 asks first, on a page of its own: what is cancelled, and the
 * two buttons (cancel it, keep it). */
int h_order_cancel_form(ctx *c)
{
    db_result r;
    int fail = order_load_mine(c, &r);
    if (fail)
        return fail;
    if (strcmp(db_str(&r, 0, 2), "unpaid") != 0)
        return ctx_redirect(c, arena_printf(c->a, "/orders/%s?notice=not_cancellable", db_str(&r, 0, 1)));
    order_add_summary(c, c->page, &r);
    return 200;
}

int h_order_cancel(ctx *c)
{
    db *d = &c->w->db;
    db_result r;
    const char *no = req_capture(&c->rq, "no");
    db_status st;
    int fail = order_load_mine(c, &r);
    if (fail)
        return fail;
    long long id = db_int(&r, 0, 0);
    db_result u;
    if ((st = db_begin(d)) != DB_OK)
        return ctx_db_fail(c, st);
    st = db_exec(d, &q_order_cancel, c->a, (db_param[]){DB_INT(id), DB_INT(c->user->id)}, 2, &u);
    if (st == DB_OK && u.affected == 1) {
        shop_event e = {.vendor_id = db_int(&r, 0, 11), .type = "order.cancelled", .who = ACTOR_BUYER,
                        .user_id = c->user->id, .order_id = id, .detail = "buyer"};
        st = shop_event_add(d, c->a, &e);
    }
    if (st != DB_OK) {
        db_rollback(d);
        return ctx_db_fail(c, st);
    }
    if ((st = db_commit(d)) != DB_OK)
        return ctx_db_fail(c, st);
    return ctx_redirect(c, arena_printf(c->a, "/orders/%s?notice=%s", no,
                                        u.affected == 1 ? "cancelled" : "not_cancellable"));
}
