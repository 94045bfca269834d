/* The admin's orders: the list (by number, buyer, vendor, status and
 * date), one order with everything about it, and its refund (退款), in
 * full or in part, exactly once per form. */
#include <string.h>

#include "../fcgi/crypto.h"
#include "../fcgi/text.h"
#include "../fcgi/xml.h"
#include "admin.h"
#include "commerce.h"
#include "handlers.h"
#include "refund.h"

#define ORDER_EVENTS "200" /* at most this many timeline rows */

/* --- the list --- */

enum {
    AL_ID,
    AL_NO,
    AL_STATUS,
    AL_KIND,
    AL_MONTHS,
    AL_TOTAL,
    AL_REFUNDED,
    AL_PRODUCT_ZH,
    AL_PRODUCT_EN,
    AL_MODE,
    AL_BUYER,
    AL_EMAIL,
    AL_VENDOR,
    AL_CREATED,
    AL_PAID,
    AL__MAX
};
#define ORDER_LIST_COLS                                                                                                \
    "SELECT o.id, o.order_no, o.status, o.kind, o.period_months, o.total_cents, o.refunded_cents, "                    \
    "o.product_name_zh, o.product_name_en, o.delivery_mode, u.id, u.email, v.slug, o.created_at, o.paid_at "           \
    "FROM orders o JOIN users u ON u.id = o.user_id JOIN vendors v ON v.id = o.vendor_id "
/* every filter optional; the buyer by email or id; "partly_refunded" (the
 * flag): paid, with some refunded */
#define ORDER_FILTERS                                                                                                  \
    "WHERE (? IS NULL OR o.order_no = ?) AND (? IS NULL OR u.email = ? OR u.id = ?) "                                  \
    "AND (? IS NULL OR v.slug = ?) AND (? IS NULL OR o.status = ?) "                                                   \
    "AND (? = 0 OR (o.status = 'paid' AND o.refunded_cents > 0)) "                                                     \
    "AND (? IS NULL OR o.created_at >= ?) AND (? IS NULL OR o.created_at < ?) "
static db_stmt q_list = DB_STMT("admin_orders", 16, AL__MAX,
    ORDER_LIST_COLS ORDER_FILTERS "AND o.id < ? ORDER BY o.id DESC LIMIT ?");
static db_stmt q_list_back = DB_STMT("admin_orders_back", 16, AL__MAX,
    ORDER_LIST_COLS ORDER_FILTERS "AND o.id > ? ORDER BY o.id LIMIT ?");

int h_admin_orders(ctx *c)
{
    const char *no = admin_filter(c, "no"), *who = admin_filter(c, "buyer"), *vendor = admin_filter(c, "vendor"),
               *status = admin_filter(c, "status"), *from = admin_day_utc(c, admin_filter(c, "from"), 0),
               *to = admin_day_utc(c, admin_filter(c, "to"), 1);
    if (no)
        no = form_trim(c->a, no);
    if (who)
        who = form_trim(c->a, who);
    bool partly = status && strcmp(status, "partly_refunded") == 0;
    if (partly)
        status = NULL;
    long long buyer_id = 0;
    if (who && !text_parse_i64(who, false, &buyer_id))
        buyer_id = 0;
    bool back;
    long long cursor = admin_cursor(c, &back);
    db_result r;
    db_status st = db_exec(&c->w->db, back ? &q_list_back : &q_list, c->a,
                           (db_param[]){DB_STR(no), DB_STR(no), DB_STR(who), DB_STR(who), DB_ID(buyer_id),
                                        DB_STR(vendor), DB_STR(vendor), DB_STR(status), DB_STR(status), DB_INT(partly),
                                        DB_STR(from), DB_STR(from), DB_STR(to), DB_STR(to), DB_INT(cursor),
                                        DB_INT(ADMIN_PAGE + 1)},
                           16, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    xmlNodePtr list = xml_add(c->page, "orders");
    static const char *const filters[] = {"no", "buyer", "vendor", "status", "from", "to"};
    for (size_t i = 0; i < sizeof(filters) / sizeof(filters[0]); i++)
        xml_set(list, filters[i], admin_filter(c, filters[i]));
    admin_list_href(c, list);
    size_t n = model_page(c, list, &r, ADMIN_PAGE, -1);
    static const attr_col cols[] = {
        {"no", AL_NO, 0},
        {"status", AL_STATUS, 0},
        {"kind", AL_KIND, 0},
        {"months", AL_MONTHS, 0},
        {"delivery", AL_MODE, 0},
        {"buyer-id", AL_BUYER, 0},
        {"buyer", AL_EMAIL, 0},
        {"vendor", AL_VENDOR, 0},
        {"created", AL_CREATED, ATTR_TIME},
        {"paid", AL_PAID, ATTR_TIME},
        {NULL, 0, 0},
    };
    for (size_t i = 0; i < n; i++) {
        xmlNodePtr o = xml_add(list, "order");
        model_attrs(c, o, &r, i, cols);
        xml_add_text(o, "product", ctx_l10n(c, db_str(&r, i, AL_PRODUCT_ZH), db_str(&r, i, AL_PRODUCT_EN)));
        xml_add_money(o, "total", db_int(&r, i, AL_TOTAL));
        if (db_int(&r, i, AL_REFUNDED) > 0)
            xml_add_money(o, "refunded-amount", db_int(&r, i, AL_REFUNDED));
    }
    return 200;
}

/* --- one order --- */

enum {
    AO_ID,
    AO_NO,
    AO_STATUS,
    AO_KIND,
    AO_MONTHS,
    AO_MODE,
    AO_METHOD,
    AO_UNIT_PRICE,
    AO_QUANTITY,
    AO_TOTAL,
    AO_REFUNDED,
    AO_PRODUCT,
    AO_PRODUCT_ZH,
    AO_PRODUCT_EN,
    AO_SPEC_ZH,
    AO_SPEC_EN,
    AO_CREATED,
    AO_PAY_BY,
    AO_PAID,
    AO_CANCELLED,
    AO_CANCEL_REASON,
    AO_REFUNDED_AT,
    AO_BUYER,
    AO_EMAIL,
    AO_BUYER_NAME,
    AO_VENDOR,
    AO_VENDOR_ZH,
    AO_VENDOR_EN,
    AO_INSTANCE_ID,
    AO_INSTANCE,
    AO_INSTANCE_STATUS,
    AO_EXPIRES,
    AO_DELIVERY,
    AO_DELIVERY_STATUS,
    AO__MAX
};
static db_stmt q_order = DB_STMT("admin_order", 1, AO__MAX,
    "SELECT o.id, o.order_no, o.status, o.kind, o.period_months, o.delivery_mode, o.payment_method, "
    "o.unit_price_cents, o.quantity, o.total_cents, o.refunded_cents, o.product_id, o.product_name_zh, "
    "o.product_name_en, o.spec_name_zh, o.spec_name_en, o.created_at, o.pay_by, o.paid_at, o.cancelled_at, "
    "o.cancel_reason, o.refunded_at, u.id, u.email, u.display_name, v.slug, v.name_zh, v.name_en, "
    "o.instance_id, i.instance_no, i.status, i.expires_at, d.delivery_no, d.status "
    "FROM orders o JOIN users u ON u.id = o.user_id JOIN vendors v ON v.id = o.vendor_id "
    "LEFT JOIN instances i ON i.id = o.instance_id LEFT JOIN deliveries d ON d.instance_id = o.instance_id "
    "WHERE o.order_no = ?");
enum { AP_NO, AP_METHOD, AP_STATUS, AP_AMOUNT, AP_TXN, AP_OUTCOME, AP_CREATED, AP_COMPLETED, AP__MAX };
static db_stmt q_payments = DB_STMT("admin_order_payments", 1, AP__MAX,
    "SELECT payment_no, method, status, amount_cents, provider_txn_id, outcome, created_at, completed_at "
    "FROM payments WHERE order_id = ? ORDER BY id");
enum { AR_NO, AR_ACTOR, AR_ADMIN, AR_FULL, AR_AMOUNT, AR_REASON, AR_AT, AR__MAX };
static db_stmt q_refunds = DB_STMT("admin_order_refunds", 1, AR__MAX,
    "SELECT refund_no, actor, admin_user, full, amount_cents, reason, created_at FROM refunds WHERE order_id = ? "
    "ORDER BY id");
enum { AE_TYPE, AE_ACTOR, AE_DETAIL, AE_AT, AE_SEQ, AE__MAX };
/* the order's events, and for a new order its instance's and delivery's
 * (a renewal's instance has the other orders' too) */
static db_stmt q_events = DB_STMT("admin_order_events", 2, AE__MAX,
    "SELECT type, actor, detail, created_at, seq FROM events WHERE order_id = ? "
    "OR (instance_id = ? AND order_id IS NULL) ORDER BY id LIMIT " ORDER_EVENTS);
enum { AG_ID, AG_AMOUNT, AG_AFTER, AG_KIND, AG_AT, AG__MAX };
static db_stmt q_ledger = DB_STMT("admin_order_ledger", 1, AG__MAX,
    "SELECT id, amount_cents, balance_after_cents, kind, created_at FROM ledger WHERE order_id = ? ORDER BY id");

/* The order of the path's {no}: 0, or 404. */
static int load_order(ctx *c, db_result *o)
{
    db_status st = db_exec(&c->w->db, &q_order, c->a, (db_param[]){DB_STR(req_capture(&c->rq, "no"))}, 1, o);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (o->nrows == 0) {
        ctx_back(c, "/admin/orders", "admin.nav.orders");
        return ctx_fail(c, 404, "no_such_order", "There is no such order.");
    }
    return 0;
}

static long long left_cents(const db_result *o)
{
    return db_int(o, 0, AO_TOTAL) - db_int(o, 0, AO_REFUNDED);
}

/* <order no status …><product/><spec/><vendor/><buyer/><total/>…</order>:
 * what the order page and the refund form both show. */
static xmlNodePtr add_order(ctx *c, const db_result *o)
{
    xmlNodePtr e = xml_add(c->page, "order");
    static const attr_col cols[] = {
        {"no", AO_NO, 0},
        {"status", AO_STATUS, 0},
        {"kind", AO_KIND, 0},
        {"months", AO_MONTHS, 0},
        {"delivery", AO_MODE, 0},
        {"payment-method", AO_METHOD, 0},
        {"product-id", AO_PRODUCT, 0},
        {"created", AO_CREATED, ATTR_TIME},
        {"pay-by", AO_PAY_BY, ATTR_TIME},
        {"paid", AO_PAID, ATTR_TIME},
        {"cancelled", AO_CANCELLED, ATTR_TIME},
        {"cancel-reason", AO_CANCEL_REASON, 0},
        {"refunded", AO_REFUNDED_AT, ATTR_TIME},
        {NULL, 0, 0},
    };
    model_attrs(c, e, o, 0, cols);
    bool paid = strcmp(db_str(o, 0, AO_STATUS), "paid") == 0;
    xml_set(e, "refundable", paid && left_cents(o) > 0 ? "1" : "0");
    xml_add_text(e, "product", ctx_l10n(c, db_str(o, 0, AO_PRODUCT_ZH), db_str(o, 0, AO_PRODUCT_EN)));
    xml_add_text(e, "spec", ctx_l10n(c, db_str(o, 0, AO_SPEC_ZH), db_str(o, 0, AO_SPEC_EN)));
    xmlNodePtr v = xml_add_text(e, "vendor", ctx_l10n(c, db_str(o, 0, AO_VENDOR_ZH), db_str(o, 0, AO_VENDOR_EN)));
    xml_set(v, "slug", db_str(o, 0, AO_VENDOR));
    xmlNodePtr b = xml_add_text(e, "buyer", db_str(o, 0, AO_BUYER_NAME));
    xml_set(b, "id", db_str(o, 0, AO_BUYER));
    xml_set(b, "email", db_str(o, 0, AO_EMAIL));
    xml_add_money(e, "unit-price", db_int(o, 0, AO_UNIT_PRICE));
    xml_add_int(e, "quantity", db_int(o, 0, AO_QUANTITY));
    xml_add_money(e, "total", db_int(o, 0, AO_TOTAL));
    if (db_int(o, 0, AO_REFUNDED) > 0)
        xml_add_money(e, "refunded-amount", db_int(o, 0, AO_REFUNDED));
    if (paid)
        xml_add_money(e, "left", left_cents(o));
    if (db_str(o, 0, AO_INSTANCE)) {
        xmlNodePtr i = xml_add(e, "instance");
        static const attr_col icols[] = {
            {"no", AO_INSTANCE, 0},
            {"status", AO_INSTANCE_STATUS, 0},
            {"expires", AO_EXPIRES, ATTR_TIME},
            {NULL, 0, 0},
        };
        model_attrs(c, i, o, 0, icols);
    }
    if (db_str(o, 0, AO_DELIVERY)) {
        xmlNodePtr d = xml_add(e, "delivery");
        xml_set(d, "no", db_str(o, 0, AO_DELIVERY));
        xml_set(d, "status", db_str(o, 0, AO_DELIVERY_STATUS));
    }
    return e;
}

int h_admin_order(ctx *c)
{
    db_result o, pays, refunds, events, ledger;
    int fail = load_order(c, &o);
    if (fail)
        return fail;
    db *d = &c->w->db;
    long long id = db_int(&o, 0, AO_ID);
    bool renewal = strcmp(db_str(&o, 0, AO_KIND), "renew") == 0;
    long long instance = !renewal && db_str(&o, 0, AO_INSTANCE_ID) ? db_int(&o, 0, AO_INSTANCE_ID) : 0;
    db_status st;
    if ((st = db_exec(d, &q_payments, c->a, (db_param[]){DB_INT(id)}, 1, &pays)) != DB_OK ||
        (st = db_exec(d, &q_refunds, c->a, (db_param[]){DB_INT(id)}, 1, &refunds)) != DB_OK ||
        (st = db_exec(d, &q_events, c->a, (db_param[]){DB_INT(id), DB_ID(instance)}, 2, &events)) != DB_OK ||
        (st = db_exec(d, &q_ledger, c->a, (db_param[]){DB_INT(id)}, 1, &ledger)) != DB_OK)
        return ctx_db_fail(c, st);
    xmlNodePtr e = add_order(c, &o);

    xmlNodePtr pl = xml_add(e, "payments");
    static const attr_col pay_cols[] = {
        {"no", AP_NO, 0},
        {"method", AP_METHOD, 0},
        {"status", AP_STATUS, 0},
        {"provider-txn", AP_TXN, 0},
        {"outcome", AP_OUTCOME, 0},
        {"created", AP_CREATED, ATTR_TIME},
        {"completed", AP_COMPLETED, ATTR_TIME},
        {NULL, 0, 0},
    };
    for (size_t i = 0; i < pays.nrows; i++) {
        xmlNodePtr p = xml_add(pl, "payment");
        model_attrs(c, p, &pays, i, pay_cols);
        xml_add_money(p, "amount", db_int(&pays, i, AP_AMOUNT));
    }
    xmlNodePtr rl = xml_add(e, "refunds");
    static const attr_col refund_cols[] = {
        {"no", AR_NO, 0},     {"actor", AR_ACTOR, 0},   {"admin", AR_ADMIN, 0},
        {"full", AR_FULL, 0}, {"at", AR_AT, ATTR_TIME}, {NULL, 0, 0},
    };
    for (size_t i = 0; i < refunds.nrows; i++) {
        xmlNodePtr x = xml_add(rl, "refund");
        model_attrs(c, x, &refunds, i, refund_cols);
        xml_add_money(x, "amount", db_int(&refunds, i, AR_AMOUNT));
        xml_add_text(x, "reason", db_str(&refunds, i, AR_REASON));
    }
    xmlNodePtr tl = xml_add(e, "timeline");
    static const attr_col event_cols[] = {
        {"type", AE_TYPE, 0}, {"actor", AE_ACTOR, 0}, {"at", AE_AT, ATTR_TIME}, {"seq", AE_SEQ, 0}, {NULL, 0, 0},
    };
    for (size_t i = 0; i < events.nrows; i++) {
        xmlNodePtr x = xml_add(tl, "event");
        model_attrs(c, x, &events, i, event_cols);
        if (*db_str(&events, i, AE_DETAIL))
            xml_add_text(x, "detail", db_str(&events, i, AE_DETAIL));
    }
    xmlNodePtr lg = xml_add(e, "ledger");
    static const attr_col ledger_cols[] = {
        {"id", AG_ID, 0},
        {"kind", AG_KIND, 0},
        {"at", AG_AT, ATTR_TIME},
        {NULL, 0, 0},
    };
    for (size_t i = 0; i < ledger.nrows; i++) {
        xmlNodePtr x = xml_add(lg, "entry");
        model_attrs(c, x, &ledger, i, ledger_cols);
        xml_add_money(x, "amount", db_int(&ledger, i, AG_AMOUNT));
        xml_add_money(x, "balance-after", db_int(&ledger, i, AG_AFTER));
    }
    return 200;
}

/* --- the refund --- */

/* The refund form: the order, and <form idem>: its token (the one it came
 * with, when shown again) and what was typed (the amount left to refund
 * at first). */
static int refund_page(ctx *c, const db_result *o, const char *idem, bool again)
{
    add_order(c, o);
    xmlNodePtr f = xml_add(c->page, "form");
    xml_set(f, "idem", idem);
    char buf[32];
    const char *amount = again ? ctx_in(c, "amount") : xml_format_cents(buf, sizeof(buf), left_cents(o));
    xml_set(xml_add_text(f, "field", amount ? amount : ""), "name", "amount");
    if (again && ctx_in(c, "reason"))
        xml_set(xml_add_text(f, "field", ctx_in(c, "reason")), "name", "reason");
    return 200;
}

int h_admin_refund_form(ctx *c)
{
    db_result o;
    int fail = load_order(c, &o);
    if (fail)
        return fail;
    if (strcmp(db_str(&o, 0, AO_STATUS), "paid") != 0 || left_cents(&o) <= 0)
        return ctx_redirect(c,
                            arena_printf(c->a, "/admin/orders/%s?notice=not_refundable_admin", db_str(&o, 0, AO_NO)));
    const char *idem = crypto_random_hex(c->a, 16);
    if (!idem)
        return ctx_fail(c, 500, "internal", "No randomness.");
    return refund_page(c, &o, idem, false);
}

static int refund_again(ctx *c, const db_result *o, int status, const char *field, const char *key)
{
    refund_page(c, o, ctx_in(c, "idem"), true);
    return ctx_form_error(c, status, field, key);
}

typedef struct admin_refund {
    ctx *c;
    long long order_id, cents;
    const char *reason, *idem;
    refund_result out;
} admin_refund;

static const char *yuan(arena *a, long long cents)
{
    char buf[32];
    return arena_strdup(a, xml_format_cents(buf, sizeof(buf), cents));
}

static db_status admin_refund_txn(void *data, bool *commit)
{
    admin_refund *ar = data;
    ctx *c = ar->c;
    db *d = &c->w->db;
    audit_who who = admin_who(c);
    refund_request rq = {.order_id = ar->order_id,
                         .cents = ar->cents,
                         .reason = ar->reason,
                         .who = ACTOR_ADMIN,
                         .admin = who.admin,
                         .idem = ar->idem};
    refund_result *out = &ar->out;
    db_status st = refund_apply(d, c->a, &rq, out);
    if (st != DB_OK)
        return st;
    if (out->outcome != REFUND_DONE) { /* nothing was written */
        *commit = false;
        return DB_OK;
    }
    audit_entry e = {
        .action = "order.refund",
        .target_type = "order",
        .target_ref = out->order_no,
        .before = audit_fields(c->a, "status", out->status_before, "refunded", yuan(c->a, out->refunded_before), NULL),
        .after = audit_fields(c->a, "status", out->full ? "refunded" : out->status_before, "refunded",
                              yuan(c->a, out->refunded_before + out->cents), "refund_no", out->refund_no, "amount",
                              yuan(c->a, out->cents), NULL),
        .reason = ar->reason,
    };
    return audit_add(d, c->a, &who, &e);
}

int h_admin_refund(ctx *c)
{
    db_result o;
    int fail = load_order(c, &o);
    if (fail)
        return fail;
    /* an empty amount is what is left; anything else is yuan, more than 0 */
    long long cents = 0;
    const char *amount = form_trim(c->a, ctx_in(c, "amount"));
    if (*amount && (!shop_parse_yuan(amount, &cents) || cents == 0))
        return refund_again(c, &o, 422, "amount", "admin.refund.bad_amount");
    const char *reason = form_trim(c->a, ctx_in(c, "reason"));
    if (!*reason)
        return refund_again(c, &o, 422, "reason", "admin.refund.reason_required");
    admin_refund ar = {
        .c = c, .order_id = db_int(&o, 0, AO_ID), .cents = cents, .reason = reason, .idem = ctx_in(c, "idem")};
    db_status st = db_txn(&c->w->db, admin_refund_txn, &ar);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (ar.out.outcome == REFUND_DONE || ar.out.outcome == REFUND_REPEAT)
        return ctx_redirect(c, arena_printf(c->a, "/admin/orders/%s?notice=order_refunded", db_str(&o, 0, AO_NO)));
    /* refused: the form again, with the order as it is now */
    if ((fail = load_order(c, &o)) != 0)
        return fail;
    if (ar.out.outcome == REFUND_TOO_MUCH)
        return refund_again(c, &o, 409, "amount", "admin.refund.too_much");
    return refund_again(c, &o, 409, NULL, "admin.refund.not_paid");
}
