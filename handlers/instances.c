/* Purchased products & services (已购产品与服务): the buyer's instances,
 * an instance's app info (应用信息), free login (免登) and renewal (续费). */
#include <stdio.h>
#include <string.h>

#include "../fcgi/crypto.h"
#include "../fcgi/log.h"
#include "../fcgi/text.h"
#include "../fcgi/xml.h"
#include "commerce.h"
#include "handlers.h"

#define INSTANCES_PAGE 20
#define FREE_LOGIN_TTL_MIN 5

#define INSTANCE_ROW                                                                                         \
    "SELECT i.id, i.instance_no, i.status, i.delivery_mode, DATE_FORMAT(i.started_at, '%Y-%m-%d %H:%i:%s'), " \
    "DATE_FORMAT(i.expires_at, '%Y-%m-%d %H:%i:%s'), p.name_zh, p.name_en, s.name_zh, s.name_en, p.id "       \
    "FROM instances i JOIN products p ON p.id = i.product_id JOIN specs s ON s.id = i.spec_id "
/* newest first; the _back twins read the page in front of a cursor */
#define BY_STATUS "WHERE i.user_id = ? AND i.status = ? AND (CHAR_LENGTH(?) = 0 OR i.delivery_mode = ?) "
static db_stmt q_instances = DB_STMT("instances_page", 3, 11,
    INSTANCE_ROW "WHERE i.user_id = ? AND i.id < ? ORDER BY i.id DESC LIMIT ?");
static db_stmt q_instances_back = DB_STMT("instances_page_back", 3, 11,
    INSTANCE_ROW "WHERE i.user_id = ? AND i.id > ? ORDER BY i.id LIMIT ?");
static db_stmt q_instances_status = DB_STMT("instances_page_status", 6, 11,
    INSTANCE_ROW BY_STATUS "AND i.id < ? ORDER BY i.id DESC LIMIT ?");
static db_stmt q_instances_status_back = DB_STMT("instances_page_status_back", 6, 11,
    INSTANCE_ROW BY_STATUS "AND i.id > ? ORDER BY i.id LIMIT ?");
static db_stmt q_instances_mode = DB_STMT("instances_page_mode", 4, 11,
    INSTANCE_ROW "WHERE i.user_id = ? AND i.delivery_mode = ? AND i.id < ? ORDER BY i.id DESC LIMIT ?");
static db_stmt q_instances_mode_back = DB_STMT("instances_page_mode_back", 4, 11,
    INSTANCE_ROW "WHERE i.user_id = ? AND i.delivery_mode = ? AND i.id > ? ORDER BY i.id LIMIT ?");

static db_stmt q_instance = DB_STMT("instance_detail", 2, 23,
    "SELECT i.id, i.instance_no, i.status, i.delivery_mode, DATE_FORMAT(i.started_at, '%Y-%m-%d %H:%i:%s'), "
    "DATE_FORMAT(i.expires_at, '%Y-%m-%d %H:%i:%s'), p.name_zh, p.name_en, s.name_zh, s.name_en, p.id, s.id, "
    "v.name_zh, v.name_en, i.login_url, i.account, i.password_enc, i.free_login_url, p.free_login, "
    "DATE_FORMAT(i.provisioned_at, '%Y-%m-%d %H:%i:%s'), i.vendor_id, "
    "COALESCE(NULLIF(p.support_email, ''), v.support_email), p.support_phone "
    "FROM instances i JOIN products p ON p.id = i.product_id JOIN specs s ON s.id = i.spec_id "
    "JOIN vendors v ON v.id = i.vendor_id WHERE i.instance_no = ? AND i.user_id = ?");
static db_stmt q_instance_fields = DB_STMT("instance_fields", 1, 2,
    "SELECT name, value FROM instance_fields WHERE instance_id = ? ORDER BY position");
static db_stmt q_instance_orders = DB_STMT("instance_orders", 1, 6,
    "SELECT order_no, kind, status, period_months, total_cents, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s') "
    "FROM orders WHERE instance_id = ? ORDER BY id DESC LIMIT 50");
static db_stmt q_renew_prices = DB_STMT("renew_prices", 1, 2,
    "SELECT pr.period_months, pr.price_cents FROM prices pr JOIN specs s ON s.id = pr.spec_id "
    "JOIN products p ON p.id = s.product_id WHERE pr.spec_id = ? AND s.active = 1 AND p.listed = 1 "
    "ORDER BY pr.period_months");
static db_stmt q_token_insert = DB_STMT("free_login_token_insert", 5, 0,
    "INSERT INTO free_login_tokens (token_hash, instance_id, user_id, vendor_id, created_at, expires_at) "
    "VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL ? MINUTE)");

/* The columns both instance queries start with. */
static const attr_col instance_cols[] = {
    {"no", 1, 0},           {"status", 2, 0},           {"delivery", 3, 0},  {"started", 4, ATTR_TIME},
    {"expires", 5, ATTR_TIME}, {"product-id", 10, 0}, {NULL, 0, 0},
};

/* Renewal is for an instance that is running or has expired, not one
 * the vendor is still provisioning. */
static bool renewable_status(const char *status)
{
    return strcmp(status, "provisioning") != 0;
}

/* <instance …><product/><spec/></instance> from the columns both
 * instance queries start with. */
static xmlNodePtr add_instance_row(ctx *c, xmlNodePtr list, const db_result *r, size_t i)
{
    xmlNodePtr e = xml_add(list, "instance");
    model_attrs(c, e, r, i, instance_cols);
    xml_set(e, "renewable", renewable_status(db_str(r, i, 2)) ? "1" : "0");
    xml_add_text(e, "product", ctx_l10n(c, db_str(r, i, 6), db_str(r, i, 7)));
    xml_add_text(e, "spec", ctx_l10n(c, db_str(r, i, 8), db_str(r, i, 9)));
    return e;
}

int h_services(ctx *c)
{
    const char *status = ctx_in(c, "status") ? ctx_in(c, "status") : "";
    const char *mode = ctx_in(c, "mode") ? ctx_in(c, "mode") : "";
    bool back = ctx_in(c, "before") != NULL;
    long long cursor = back ? ctx_in_int(c, "before", 0) : ctx_in_int(c, "after", 1LL << 62);
    long long uid = c->user->id, rows = INSTANCES_PAGE + 1;
    db *d = &c->w->db;
    db_result r;
    db_status st;
    if (*status)
        st = db_exec(d, back ? &q_instances_status_back : &q_instances_status, c->a,
                     (db_param[]){DB_INT(uid), DB_STR(status), DB_STR(mode), DB_STR(mode), DB_INT(cursor),
                                  DB_INT(rows)},
                     6, &r);
    else if (*mode)
        st = db_exec(d, back ? &q_instances_mode_back : &q_instances_mode, c->a,
                     (db_param[]){DB_INT(uid), DB_STR(mode), DB_INT(cursor), DB_INT(rows)}, 4, &r);
    else
        st = db_exec(d, back ? &q_instances_back : &q_instances, c->a,
                     (db_param[]){DB_INT(uid), DB_INT(cursor), DB_INT(rows)}, 3, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    xmlNodePtr list = xml_add(c->page, "instances");
    xml_set(list, "status", status);
    xml_set(list, "mode", mode);
    size_t n = model_page(c, list, &r, INSTANCES_PAGE, -1);
    for (size_t i = 0; i < n; i++)
        add_instance_row(c, list, &r, i);
    return 200;
}

/* The buyer's instance by its number; 0 or an HTTP status. */
static int load_instance(ctx *c, db_result *r)
{
    db_status st = db_exec(&c->w->db, &q_instance, c->a,
                           (db_param[]){DB_STR(req_capture(&c->rq, "no")), DB_INT(c->user->id)}, 2, r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (r->nrows == 0)
        return ctx_fail(c, 404, "no_such_instance", "There is no such instance.");
    return 0;
}

static xmlNodePtr add_instance_head(ctx *c, const db_result *r)
{
    xmlNodePtr e = add_instance_row(c, c->page, r, 0);
    xml_add_text(e, "vendor", ctx_l10n(c, db_str(r, 0, 12), db_str(r, 0, 13)));
    return e;
}

/* The vendor's free-login address when the buyer may use it now; *state
 * says why not otherwise ("no", "pending", "unavailable"). */
static const char *free_login_url(const db_result *r, const char **state)
{
    const char *url = db_str(r, 0, 17);
    char origin[256];
    if (strcmp(db_str(r, 0, 18), "1") != 0)
        *state = "no";
    else if (!url || !text_url_origin(url, origin, sizeof(origin)))
        *state = "pending"; /* none yet, or none a browser may be sent to */
    else if (strcmp(db_str(r, 0, 2), "active") != 0)
        *state = "unavailable";
    else {
        *state = "yes";
        return url;
    }
    return NULL;
}

/* 0 when the instance may be renewed, else 409 with the reason. */
static int renewable(ctx *c, const db_result *r)
{
    if (renewable_status(db_str(r, 0, 2)))
        return 0;
    ctx_back(c, arena_printf(c->a, "/services/%s", db_str(r, 0, 1)), "renew.back");
    return ctx_fail(c, 409, "renew_after_provisioning",
                    "An instance can be renewed once the vendor has provisioned it.");
}

int h_service(ctx *c)
{
    db_result r, fields, orders;
    int fail = load_instance(c, &r);
    if (fail)
        return fail;
    db *d = &c->w->db;
    long long id = db_int(&r, 0, 0);
    db_status st;
    if ((st = db_exec(d, &q_instance_fields, c->a, (db_param[]){DB_INT(id)}, 1, &fields)) != DB_OK ||
        (st = db_exec(d, &q_instance_orders, c->a, (db_param[]){DB_INT(id)}, 1, &orders)) != DB_OK)
        return ctx_db_fail(c, st);
    xmlNodePtr e = add_instance_head(c, &r);
    xmlNodePtr app = xml_add(e, "app-info");
    if (db_str(&r, 0, 19)) {
        model_time(c, app, "provisioned", db_str(&r, 0, 19));
        xml_add_text(app, "login-url", db_str(&r, 0, 14));
        xml_add_text(app, "account", db_str(&r, 0, 15));
        if (db_str(&r, 0, 16)) {
            size_t len = r.lens[0][16];
            char *plain = arena_alloc(c->a, len + 1);
            if (crypto_open(c->w->keys.seal, (const unsigned char *)db_str(&r, 0, 16), len, plain) == 0)
                xml_add_text(app, "password", plain);
            else
                log_error("instance %s: password does not decrypt (key changed?)", db_str(&r, 0, 1));
        }
        for (size_t i = 0; i < fields.nrows; i++)
            xml_set(xml_add_text(app, "field", db_str(&fields, i, 1)), "name", db_str(&fields, i, 0));
    }
    /* free login needs the product to offer it, the vendor's address, and
     * a live instance; the page's CSP lets its form go to that site */
    const char *state;
    const char *sso = free_login_url(&r, &state);
    xml_set(e, "free-login", state);
    if (sso)
        ctx_form_target(c, sso);
    catalog_add_support(e, db_str(&r, 0, 21), db_str(&r, 0, 22));
    static const attr_col order_cols[] = {
        {"no", 0, 0}, {"kind", 1, 0}, {"status", 2, 0}, {"months", 3, 0}, {"created", 5, ATTR_TIME}, {NULL, 0, 0},
    };
    xmlNodePtr ol = xml_add(e, "orders");
    for (size_t i = 0; i < orders.nrows; i++) {
        xmlNodePtr o = xml_add(ol, "order");
        model_attrs(c, o, &orders, i, order_cols);
        xml_add_money(o, "total", db_int(&orders, i, 4));
    }
    return 200;
}

int h_free_login(ctx *c)
{
    db_result r;
    int fail = load_instance(c, &r);
    if (fail)
        return fail;
    const char *state;
    const char *url = free_login_url(&r, &state);
    ctx_back(c, arena_printf(c->a, "/services/%s", db_str(&r, 0, 1)), "renew.back");
    if (strcmp(state, "unavailable") == 0)
        return ctx_fail(c, 409, "not_active", "Free login works only while the instance is active. Renew it first.");
    if (!url)
        return ctx_fail(c, 409, "no_free_login", "This product does not offer free login for this instance yet.");
    unsigned char raw[32], hash[32];
    if (crypto_random(raw, sizeof(raw)) != 0)
        return ctx_fail(c, 500, "internal", "No randomness.");
    const char *token = crypto_hex(c->a, raw, sizeof(raw));
    crypto_sha256(token, strlen(token), hash);
    long long vendor = db_int(&r, 0, 20);
    db *d = &c->w->db;
    db_status st;
    if ((st = shop_open_id_ensure(d, c->a, vendor, c->user->id)) != DB_OK ||
        (st = db_exec(d, &q_token_insert, c->a,
                      (db_param[]){DB_BYTES(hash, sizeof(hash)), DB_INT(db_int(&r, 0, 0)), DB_INT(c->user->id),
                                   DB_INT(vendor), DB_INT(FREE_LOGIN_TTL_MIN)},
                      5, NULL)) != DB_OK)
        return ctx_db_fail(c, st);
    /* the token joins the query, before any #fragment (which a browser
     * would keep to itself) */
    size_t base = strcspn(url, "#");
    const char *q = memchr(url, '?', base);
    return ctx_redirect_external(c, arena_printf(c->a, "%.*s%ctoken=%s%s", (int)base, url, q ? '&' : '?', token,
                                                 url + base));
}

int h_renew_form(ctx *c)
{
    db_result r, prices;
    int fail = load_instance(c, &r);
    if (fail || (fail = renewable(c, &r)))
        return fail;
    db_status st = db_exec(&c->w->db, &q_renew_prices, c->a, (db_param[]){DB_INT(db_int(&r, 0, 11))}, 1, &prices);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    xmlNodePtr e = add_instance_head(c, &r);
    xmlNodePtr offers = xml_add(e, "renew");
    const char *idem = crypto_random_hex(c->a, 16);
    if (!idem)
        return ctx_fail(c, 500, "internal", "No randomness.");
    xml_set(offers, "idem", idem);
    xml_set_int(offers, "pay-minutes", c->w->cfg.unpaid_timeout);
    for (size_t i = 0; i < prices.nrows; i++)
        xml_set(xml_add_money(offers, "price", db_int(&prices, i, 1)), "months", db_str(&prices, i, 0));
    return 200;
}

int h_renew(ctx *c)
{
    db_result r;
    int fail = load_instance(c, &r);
    if (fail || (fail = renewable(c, &r)))
        return fail;
    ctx_back(c, arena_printf(c->a, "/services/%s/renew", db_str(&r, 0, 1)), "renew.title");
    int st = order_place(c, "renew", db_int(&r, 0, 0), db_int(&r, 0, 10), db_int(&r, 0, 11),
                         ctx_in_int(c, "period", 0));
    if (st != 409 || c->xml || !c->error_code || strcmp(c->error_code, "not_offered") != 0)
        return st;
    /* a stale form: the renewal page again, with what is on offer now */
    c->error_code = c->error = NULL;
    if ((st = h_renew_form(c)) != 200)
        return st;
    return ctx_form_error(c, 409, "period", "renew.not_offered");
}
