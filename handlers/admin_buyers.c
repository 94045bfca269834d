/* The admin's buyers: the list (search by email, name or id), one buyer
 * with their balance, ledger, orders, instances and sign-in state, a
 * credit or debit of the balance (a ledger row, never an edit) and the
 * unlock of an account slowed down by failed sign-ins. */
#include <string.h>

#include "../fcgi/crypto.h"
#include "../fcgi/text.h"
#include "../fcgi/xml.h"
#include "admin.h"
#include "commerce.h"
#include "handlers.h"
#include "throttle.h"

#define BUYER_RECENT "20" /* rows of each list on a buyer's page */

/* --- the list --- */

enum { BL_ID, BL_EMAIL, BL_NAME, BL_BALANCE, BL_CREATED, BL_ORDERS, BL__MAX };
#define BUYER_COLS                                                                                                     \
    "SELECT u.id, u.email, u.display_name, u.balance_cents, u.created_at, "                                            \
    "(SELECT COUNT(*) FROM orders o WHERE o.user_id = u.id) FROM users u "
/* q: the exact id, or a part of the email or the name */
#define BUYER_FILTERS "WHERE (? IS NULL OR u.id = ? OR u.email LIKE ? OR u.display_name LIKE ?) "
static db_stmt q_buyers = DB_STMT("admin_buyers", 6, BL__MAX,
    BUYER_COLS BUYER_FILTERS "AND u.id < ? ORDER BY u.id DESC LIMIT ?");
static db_stmt q_buyers_back = DB_STMT("admin_buyers_back", 6, BL__MAX,
    BUYER_COLS BUYER_FILTERS "AND u.id > ? ORDER BY u.id LIMIT ?");

/* "%text%" with LIKE's own characters taken literally */
static const char *like_part(arena *a, const char *q)
{
    size_t n = strlen(q);
    char *out = arena_alloc(a, 2 * n + 3), *p = out;
    *p++ = '%';
    for (const char *s = q; *s; s++) {
        if (*s == '%' || *s == '_' || *s == '\\')
            *p++ = '\\';
        *p++ = *s;
    }
    *p++ = '%';
    *p = '\0';
    return out;
}

int h_admin_buyers(ctx *c)
{
    const char *q = admin_filter(c, "q");
    if (q)
        q = form_trim(c->a, q);
    if (q && !*q)
        q = NULL;
    long long id = 0;
    if (q && !text_parse_i64(q, false, &id))
        id = 0;
    const char *like = q ? like_part(c->a, q) : NULL;
    bool back;
    long long cursor = admin_cursor(c, &back);
    db_result r;
    db_status st = db_exec(
        &c->w->db, back ? &q_buyers_back : &q_buyers, c->a,
        (db_param[]){DB_STR(q), DB_ID(id), DB_STR(like), DB_STR(like), DB_INT(cursor), DB_INT(ADMIN_PAGE + 1)}, 6, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    xmlNodePtr list = xml_add(c->page, "buyers");
    xml_set(list, "q", q);
    admin_list_href(c, list);
    size_t n = model_page(c, list, &r, ADMIN_PAGE, -1);
    static const attr_col cols[] = {
        {"id", BL_ID, 0},         {"email", BL_EMAIL, 0}, {"created", BL_CREATED, ATTR_TIME},
        {"orders", BL_ORDERS, 0}, {NULL, 0, 0},
    };
    for (size_t i = 0; i < n; i++) {
        xmlNodePtr b = xml_add(list, "buyer");
        model_attrs(c, b, &r, i, cols);
        xml_add_text(b, "name", db_str(&r, i, BL_NAME));
        xml_add_money(b, "balance", db_int(&r, i, BL_BALANCE));
    }
    return 200;
}

/* --- one buyer --- */

enum { BU_ID, BU_EMAIL, BU_NAME, BU_BALANCE, BU_CREATED, BU_UPDATED, BU__MAX };
static db_stmt q_buyer = DB_STMT("admin_buyer", 1, BU__MAX,
    "SELECT id, email, display_name, balance_cents, created_at, updated_at FROM users WHERE id = ?");
enum { BG_ID, BG_AMOUNT, BG_AFTER, BG_KIND, BG_AT, BG_ORDER, BG_PAYMENT, BG_ADMIN, BG_REASON, BG__MAX };
static db_stmt q_ledger = DB_STMT("admin_buyer_ledger", 1, BG__MAX,
    "SELECT l.id, l.amount_cents, l.balance_after_cents, l.kind, l.created_at, o.order_no, p.payment_no, "
    "ba.admin_user, ba.reason FROM ledger l LEFT JOIN orders o ON o.id = l.order_id "
    "LEFT JOIN payments p ON p.id = l.payment_id LEFT JOIN balance_adjustments ba ON ba.ledger_id = l.id "
    "WHERE l.user_id = ? ORDER BY l.id DESC LIMIT " BUYER_RECENT);
enum { BO_NO, BO_STATUS, BO_KIND, BO_TOTAL, BO_REFUNDED, BO_PRODUCT_ZH, BO_PRODUCT_EN, BO_VENDOR, BO_CREATED, BO__MAX };
static db_stmt q_orders = DB_STMT("admin_buyer_orders", 1, BO__MAX,
    "SELECT o.order_no, o.status, o.kind, o.total_cents, o.refunded_cents, o.product_name_zh, o.product_name_en, "
    "v.slug, o.created_at FROM orders o JOIN vendors v ON v.id = o.vendor_id WHERE o.user_id = ? "
    "ORDER BY o.id DESC LIMIT " BUYER_RECENT);
enum {
    BI_NO,
    BI_STATUS,
    BI_MODE,
    BI_EXPIRES,
    BI_CREATED,
    BI_PRODUCT_ZH,
    BI_PRODUCT_EN,
    BI_VENDOR,
    BI_DELIVERY,
    BI_DELIVERY_STATUS,
    BI__MAX
};
static db_stmt q_instances = DB_STMT("admin_buyer_instances", 1, BI__MAX,
    "SELECT i.instance_no, i.status, i.delivery_mode, i.expires_at, i.created_at, p.name_zh, p.name_en, v.slug, "
    "d.delivery_no, d.status FROM instances i JOIN products p ON p.id = i.product_id "
    "JOIN vendors v ON v.id = i.vendor_id LEFT JOIN deliveries d ON d.instance_id = i.id WHERE i.user_id = ? "
    "ORDER BY i.id DESC LIMIT " BUYER_RECENT);
enum { BC_ORDERS, BC_INSTANCES, BC_SESSIONS, BC__MAX };
static db_stmt q_counts = DB_STMT("admin_buyer_counts", 4, BC__MAX,
    "SELECT (SELECT COUNT(*) FROM orders WHERE user_id = ?), (SELECT COUNT(*) FROM instances WHERE user_id = ?), "
    "(SELECT COUNT(*) FROM sessions WHERE user_id = ? AND expires_at > UTC_TIMESTAMP(6) "
    "AND last_seen_at > UTC_TIMESTAMP(6) - INTERVAL ? MINUTE)");

/* The buyer of the path's {id}: 0, or 404. */
static int load_buyer(ctx *c, db_result *r)
{
    long long id;
    if (!text_parse_i64(req_capture(&c->rq, "id"), false, &id))
        return ctx_fail(c, 404, "no_such_buyer", "There is no such buyer.");
    db_status st = db_exec(&c->w->db, &q_buyer, c->a, (db_param[]){DB_INT(id)}, 1, r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (r->nrows == 0) {
        ctx_back(c, "/admin/buyers", "admin.nav.buyers");
        return ctx_fail(c, 404, "no_such_buyer", "There is no such buyer.");
    }
    return 0;
}

/* The buyer's page (also shown again with a form's error). */
static int buyer_page(ctx *c, const db_result *b)
{
    db *d = &c->w->db;
    long long id = db_int(b, 0, BU_ID);
    db_result ledger, orders, instances, counts;
    throttle_state lock;
    db_status st;
    if ((st = db_exec(d, &q_ledger, c->a, (db_param[]){DB_INT(id)}, 1, &ledger)) != DB_OK ||
        (st = db_exec(d, &q_orders, c->a, (db_param[]){DB_INT(id)}, 1, &orders)) != DB_OK ||
        (st = db_exec(d, &q_instances, c->a, (db_param[]){DB_INT(id)}, 1, &instances)) != DB_OK ||
        (st = db_exec(d, &q_counts, c->a,
                      (db_param[]){DB_INT(id), DB_INT(id), DB_INT(id), DB_INT(c->w->cfg.session_idle)}, 4, &counts)) !=
            DB_OK ||
        (st = throttle_account(d, c->a, db_str(b, 0, BU_EMAIL), &lock)) != DB_OK)
        return ctx_db_fail(c, st);

    xmlNodePtr e = xml_add(c->page, "buyer");
    static const attr_col cols[] = {
        {"id", BU_ID, 0},
        {"email", BU_EMAIL, 0},
        {"created", BU_CREATED, ATTR_TIME},
        {"updated", BU_UPDATED, ATTR_TIME},
        {NULL, 0, 0},
    };
    model_attrs(c, e, b, 0, cols);
    xml_set(e, "orders", db_str(&counts, 0, BC_ORDERS));
    xml_set(e, "instances", db_str(&counts, 0, BC_INSTANCES));
    xml_set(e, "sessions", db_str(&counts, 0, BC_SESSIONS));
    xml_add_text(e, "name", db_str(b, 0, BU_NAME));
    xml_add_money(e, "balance", db_int(b, 0, BU_BALANCE));
    xmlNodePtr si = xml_add(e, "sign-in");
    xml_set(si, "locked", lock.wait_seconds > 0 ? "1" : "0");
    xml_set_int(si, "failures", lock.failures);
    xml_set_int(si, "addresses", lock.addresses);
    xml_set_int(si, "wait", lock.wait_seconds);

    xmlNodePtr lg = xml_add(e, "ledger");
    static const attr_col ledger_cols[] = {
        {"id", BG_ID, 0},       {"kind", BG_KIND, 0},       {"at", BG_AT, ATTR_TIME},
        {"order", BG_ORDER, 0}, {"payment", BG_PAYMENT, 0}, {"admin", BG_ADMIN, 0},
        {NULL, 0, 0},
    };
    for (size_t i = 0; i < ledger.nrows; i++) {
        xmlNodePtr x = xml_add(lg, "entry");
        model_attrs(c, x, &ledger, i, ledger_cols);
        xml_add_money(x, "amount", db_int(&ledger, i, BG_AMOUNT));
        xml_add_money(x, "balance-after", db_int(&ledger, i, BG_AFTER));
        if (db_str(&ledger, i, BG_REASON))
            xml_add_text(x, "reason", db_str(&ledger, i, BG_REASON));
    }
    xmlNodePtr ol = xml_add(e, "order-list");
    static const attr_col order_cols[] = {
        {"no", BO_NO, 0},         {"status", BO_STATUS, 0},           {"kind", BO_KIND, 0},
        {"vendor", BO_VENDOR, 0}, {"created", BO_CREATED, ATTR_TIME}, {NULL, 0, 0},
    };
    for (size_t i = 0; i < orders.nrows; i++) {
        xmlNodePtr x = xml_add(ol, "order");
        model_attrs(c, x, &orders, i, order_cols);
        xml_add_text(x, "product", ctx_l10n(c, db_str(&orders, i, BO_PRODUCT_ZH), db_str(&orders, i, BO_PRODUCT_EN)));
        xml_add_money(x, "total", db_int(&orders, i, BO_TOTAL));
        if (db_int(&orders, i, BO_REFUNDED) > 0)
            xml_add_money(x, "refunded-amount", db_int(&orders, i, BO_REFUNDED));
    }
    xmlNodePtr il = xml_add(e, "instance-list");
    static const attr_col instance_cols[] = {
        {"no", BI_NO, 0},
        {"status", BI_STATUS, 0},
        {"delivery", BI_MODE, 0},
        {"expires", BI_EXPIRES, ATTR_TIME},
        {"created", BI_CREATED, ATTR_TIME},
        {"vendor", BI_VENDOR, 0},
        {"delivery-no", BI_DELIVERY, 0},
        {"delivery-status", BI_DELIVERY_STATUS, 0},
        {NULL, 0, 0},
    };
    for (size_t i = 0; i < instances.nrows; i++) {
        xmlNodePtr x = xml_add(il, "instance");
        model_attrs(c, x, &instances, i, instance_cols);
        xml_add_text(x, "product",
                     ctx_l10n(c, db_str(&instances, i, BI_PRODUCT_ZH), db_str(&instances, i, BI_PRODUCT_EN)));
    }
    return 200;
}

/* <form idem …><field name=…>…</field></form>: the balance form's token
 * (the one it came with, when shown again) and what was typed. */
static void add_balance_form(ctx *c, const char *idem)
{
    xmlNodePtr f = xml_add(c->page, "form");
    xml_set(f, "idem", idem);
    static const char *const fields[] = {"op", "amount", "reason"};
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        const char *v = ctx_in(c, fields[i]);
        if (v)
            xml_set(xml_add_text(f, "field", v), "name", fields[i]);
    }
}

int h_admin_buyer(ctx *c)
{
    db_result b;
    int fail = load_buyer(c, &b);
    if (fail)
        return fail;
    const char *idem = crypto_random_hex(c->a, 16);
    if (!idem)
        return ctx_fail(c, 500, "internal", "No randomness.");
    add_balance_form(c, idem);
    return buyer_page(c, &b);
}

/* The buyer's page again, with what the form got wrong. */
static int buyer_again(ctx *c, const db_result *b, int status, const char *field, const char *key)
{
    add_balance_form(c, ctx_in(c, "idem"));
    int st = buyer_page(c, b);
    return st == 200 ? ctx_form_error(c, status, field, key) : st;
}

/* --- credit and debit --- */

enum { BA_LEDGER, BA__MAX };
static db_stmt q_adjusted = DB_STMT("balance_adjustment_done", 2, BA__MAX,
    "SELECT ledger_id FROM balance_adjustments WHERE user_id = ? AND idem_key = ? FOR UPDATE");
enum { LI_ID, LI__MAX };
static db_stmt q_last_id = DB_STMT("balance_adjustment_ledger_id", 0, LI__MAX, "SELECT LAST_INSERT_ID()");
static db_stmt q_adjust = DB_STMT("balance_adjustment_add", 6, 0,
    "INSERT INTO balance_adjustments (user_id, ledger_id, amount_cents, admin_user, reason, idem_key, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))");

typedef struct adjust {
    ctx *c;
    long long user_id, delta;
    const char *reason, *idem;
    bool below_zero, repeat;
} adjust;

static const char *yuan(arena *a, long long cents)
{
    char buf[32];
    return arena_strdup(a, xml_format_cents(buf, sizeof(buf), cents));
}

static db_status adjust_txn(void *data, bool *commit)
{
    adjust *ad = data;
    ctx *c = ad->c;
    db *d = &c->w->db;
    ad->below_zero = ad->repeat = false;
    long long before;
    db_result r;
    db_status st = shop_lock_buyer(d, c->a, ad->user_id, &before);
    if (st != DB_OK ||
        (st = db_exec(d, &q_adjusted, c->a, (db_param[]){DB_INT(ad->user_id), DB_STR(ad->idem)}, 2, &r)) != DB_OK)
        return st;
    if (r.nrows) { /* this form was applied before */
        ad->repeat = true;
        *commit = false;
        return DB_OK;
    }
    bool applied;
    if ((st = shop_balance_change(d, c->a, ad->user_id, ad->delta, ad->delta > 0 ? "credit" : "adjustment", 0, 0,
                                  &applied)) != DB_OK)
        return st;
    if (!applied) {
        ad->below_zero = true;
        *commit = false;
        return DB_OK;
    }
    if ((st = db_exec(d, &q_last_id, c->a, NULL, 0, &r)) != DB_OK)
        return st;
    long long ledger_id = db_int(&r, 0, LI_ID);
    audit_who who = admin_who(c);
    if ((st = db_exec(d, &q_adjust, c->a,
                      (db_param[]){DB_INT(ad->user_id), DB_INT(ledger_id), DB_INT(ad->delta), DB_STR(who.admin),
                                   DB_STR(ad->reason), DB_STR(ad->idem)},
                      6, NULL)) != DB_OK)
        return st;
    audit_entry e = {
        .action = ad->delta > 0 ? "buyer.credit" : "buyer.debit",
        .target_type = "buyer",
        .target_ref = arena_printf(c->a, "%lld", ad->user_id),
        .before = audit_fields(c->a, "balance", yuan(c->a, before), NULL),
        .after = audit_fields(c->a, "balance", yuan(c->a, before + ad->delta), "amount", yuan(c->a, ad->delta),
                              "ledger", arena_printf(c->a, "%lld", ledger_id), NULL),
        .reason = ad->reason,
    };
    return audit_add(d, c->a, &who, &e);
}

int h_admin_buyer_balance(ctx *c)
{
    db_result b;
    int fail = load_buyer(c, &b);
    if (fail)
        return fail;
    long long cents;
    const char *amount = form_trim(c->a, ctx_in(c, "amount"));
    if (!shop_parse_yuan(amount, &cents) || cents == 0)
        return buyer_again(c, &b, 422, "amount", "admin.buyers.bad_amount");
    const char *reason = form_trim(c->a, ctx_in(c, "reason"));
    if (!*reason)
        return buyer_again(c, &b, 422, "reason", "admin.buyers.reason_required");
    bool credit = strcmp(ctx_in(c, "op"), "credit") == 0;
    adjust ad = {.c = c,
                 .user_id = db_int(&b, 0, BU_ID),
                 .delta = credit ? cents : -cents,
                 .reason = reason,
                 .idem = ctx_in(c, "idem")};
    db_status st = db_txn(&c->w->db, adjust_txn, &ad);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (ad.below_zero)
        return buyer_again(c, &b, 409, "amount", "admin.buyers.below_zero");
    return ctx_redirect(c, arena_printf(c->a,
                                        credit ? "/admin/buyers/%lld?notice=balance_credited"
                                               : "/admin/buyers/%lld?notice=balance_debited",
                                        ad.user_id));
}

/* --- unlock --- */

typedef struct unlock {
    ctx *c;
    long long user_id;
    const char *email, *reason;
    bool cleared;
} unlock;

static db_status unlock_txn(void *data, bool *commit)
{
    unlock *u = data;
    ctx *c = u->c;
    db *d = &c->w->db;
    u->cleared = false;
    throttle_state lock;
    long long n;
    db_status st = shop_lock_buyer(d, c->a, u->user_id, NULL);
    if (st != DB_OK || (st = throttle_account(d, c->a, u->email, &lock)) != DB_OK ||
        (st = throttle_clear(d, c->a, u->email, &n)) != DB_OK)
        return st;
    if (n == 0) { /* nothing to forget */
        *commit = false;
        return DB_OK;
    }
    u->cleared = true;
    audit_who who = admin_who(c);
    audit_entry e = {
        .action = "buyer.unlock",
        .target_type = "buyer",
        .target_ref = arena_printf(c->a, "%lld", u->user_id),
        .before = audit_fields(c->a, "locked", lock.wait_seconds > 0 ? "yes" : "no", "failures",
                               arena_printf(c->a, "%lld", lock.failures), "wait",
                               arena_printf(c->a, "%llds", lock.wait_seconds), NULL),
        .after = audit_fields(c->a, "locked", "no", "failures", "0", "cleared", arena_printf(c->a, "%lld", n), NULL),
        .reason = u->reason,
    };
    return audit_add(d, c->a, &who, &e);
}

int h_admin_buyer_unlock(ctx *c)
{
    db_result b;
    int fail = load_buyer(c, &b);
    if (fail)
        return fail;
    unlock u = {.c = c,
                .user_id = db_int(&b, 0, BU_ID),
                .email = db_str(&b, 0, BU_EMAIL),
                .reason = form_trim(c->a, ctx_in(c, "reason"))};
    db_status st = db_txn(&c->w->db, unlock_txn, &u);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    return ctx_redirect(
        c, arena_printf(c->a, u.cleared ? "/admin/buyers/%lld?notice=unlocked" : "/admin/buyers/%lld?notice=not_locked",
                        u.user_id));
}
