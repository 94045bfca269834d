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

#define INSTANCE_ROW                                                                                                   \
    "SELECT i.id, i.instance_no, i.status, i.delivery_mode, DATE_FORMAT(i.started_at, '%Y-%m-%d %H:%i:%s'), "          \
    "DATE_FORMAT(i.expires_at, '%Y-%m-%d %H:%i:%s'), p.name_zh, p.name_en, s.name_zh, s.name_en, p.id, "               \
    "dl.delivery_no, dl.status "                                                                                       \
    "FROM instances i JOIN products p ON p.id = i.product_id JOIN specs s ON s.id = i.spec_id "                        \
    "LEFT JOIN deliveries dl ON dl.instance_id = i.id "
/* a manual instance's state is its delivery's (DELIVERY…: NULL for auto) */
enum {
    INS_ID,
    INS_NO,
    INS_STATUS,
    INS_MODE,
    INS_STARTED,
    INS_EXPIRES,
    INS_PRODUCT_ZH,
    INS_PRODUCT_EN,
    INS_SPEC_ZH,
    INS_SPEC_EN,
    INS_PRODUCT,
    INS_DELIVERY,
    INS_DELIVERY_STATUS,
    INS__MAX
};
/* newest first; the _back twins read the page in front of a cursor */
#define BY_STATUS "WHERE i.user_id = ? AND i.status = ? AND (CHAR_LENGTH(?) = 0 OR i.delivery_mode = ?) "
static db_stmt q_instances = DB_STMT("instances_page", 3, INS__MAX,
    INSTANCE_ROW "WHERE i.user_id = ? AND i.id < ? ORDER BY i.id DESC LIMIT ?");
static db_stmt q_instances_back = DB_STMT("instances_page_back", 3, INS__MAX,
    INSTANCE_ROW "WHERE i.user_id = ? AND i.id > ? ORDER BY i.id LIMIT ?");
static db_stmt q_instances_status = DB_STMT("instances_page_status", 6, INS__MAX,
    INSTANCE_ROW BY_STATUS "AND i.id < ? ORDER BY i.id DESC LIMIT ?");
static db_stmt q_instances_status_back = DB_STMT("instances_page_status_back", 6, INS__MAX,
    INSTANCE_ROW BY_STATUS "AND i.id > ? ORDER BY i.id LIMIT ?");
static db_stmt q_instances_mode = DB_STMT("instances_page_mode", 4, INS__MAX,
    INSTANCE_ROW "WHERE i.user_id = ? AND i.delivery_mode = ? AND i.id < ? ORDER BY i.id DESC LIMIT ?");
static db_stmt q_instances_mode_back = DB_STMT("instances_page_mode_back", 4, INS__MAX,
    INSTANCE_ROW "WHERE i.user_id = ? AND i.delivery_mode = ? AND i.id > ? ORDER BY i.id LIMIT ?");

/* the detail: the list's columns (INS_…), then these */
enum {
    INSD_SPEC = INS__MAX,
    INSD_VENDOR_ZH,
    INSD_VENDOR_EN,
    INSD_LOGIN_URL,
    INSD_ACCOUNT,
    INSD_PASSWORD_ENC,
    INSD_FREE_LOGIN_URL,
    INSD_FREE_LOGIN,
    INSD_PROVISIONED,
    INSD_VENDOR,
    INSD_SUPPORT_EMAIL,
    INSD_SUPPORT_PHONE,
    INSD__MAX
};
static db_stmt q_instance = DB_STMT("instance_detail", 2, INSD__MAX,
    "SELECT i.id, i.instance_no, i.status, i.delivery_mode, DATE_FORMAT(i.started_at, '%Y-%m-%d %H:%i:%s'), "
    "DATE_FORMAT(i.expires_at, '%Y-%m-%d %H:%i:%s'), p.name_zh, p.name_en, s.name_zh, s.name_en, p.id, "
    "dl.delivery_no, dl.status, s.id, "
    "v.name_zh, v.name_en, i.login_url, i.account, i.password_enc, i.free_login_url, p.free_login, "
    "DATE_FORMAT(i.provisioned_at, '%Y-%m-%d %H:%i:%s'), i.vendor_id, "
    "COALESCE(NULLIF(p.support_email, ''), v.support_email), p.support_phone "
    "FROM instances i JOIN products p ON p.id = i.product_id JOIN specs s ON s.id = i.spec_id "
    "JOIN vendors v ON v.id = i.vendor_id LEFT JOIN deliveries dl ON dl.instance_id = i.id "
    "WHERE i.instance_no = ? AND i.user_id = ?");
enum { FIELD_NAME, FIELD_VALUE, FIELD__MAX };
static db_stmt q_instance_fields = DB_STMT("instance_fields", 1, FIELD__MAX,
    "SELECT name, value FROM instance_fields WHERE instance_id = ? ORDER BY position");
enum { IO_NO, IO_KIND, IO_STATUS, IO_MONTHS, IO_TOTAL, IO_CREATED, IO__MAX };
static db_stmt q_instance_orders = DB_STMT("instance_orders", 1, IO__MAX,
    "SELECT order_no, kind, status, period_months, total_cents, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s') "
    "FROM orders WHERE instance_id = ? ORDER BY id DESC LIMIT 50");
enum { RP_MONTHS, RP_PRICE, RP__MAX };
static db_stmt q_renew_prices = DB_STMT("renew_prices", 1, RP__MAX,
    "SELECT pr.period_months, pr.price_cents FROM prices pr JOIN specs s ON s.id = pr.spec_id "
    "JOIN products p ON p.id = s.product_id JOIN vendors v ON v.id = p.vendor_id "
    "WHERE pr.spec_id = ? AND pr.period_months > 0 AND s.active = 1 AND p.listed = 1 AND v.status = 'active' "
    "ORDER BY pr.period_months");
static db_stmt q_token_insert = DB_STMT("free_login_token_insert", 5, 0,
    "INSERT INTO free_login_tokens (token_hash, instance_id, user_id, vendor_id, created_at, expires_at) "
    "VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL ? MINUTE)");

/* The columns both instance queries start with. */
static const attr_col instance_cols[] = {
    {"no", INS_NO, 0},
    {"status", INS_STATUS, 0},
    {"delivery", INS_MODE, 0},
    {"started", INS_STARTED, ATTR_TIME},
    {"expires", INS_EXPIRES, ATTR_TIME},
    {"product-id", INS_PRODUCT, 0},
    {"delivery-no", INS_DELIVERY, 0},
    {"delivery-status", INS_DELIVERY_STATUS, 0},
    {NULL, 0, 0},
};

/* Renewal is for an instance that is running or has expired, not one
 * the vendor is still provisioning, nor a one-off service (一次性), which
 * has no expiry (expires NULL) and so nothing to extend. */
static bool renewable_row(const db_result *r, size_t i)
{
    return strcmp(db_str(r, i, INS_STATUS), "provisioning") != 0 && db_str(r, i, INS_EXPIRES) != NULL;
}

/* <instance …><product/><spec/></instance> from the columns both
 * instance queries start with. */
static xmlNodePtr add_instance_row(ctx *c, xmlNodePtr list, const db_result *r, size_t i)
{
    xmlNodePtr e = xml_add(list, "instance");
    model_attrs(c, e, r, i, instance_cols);
    xml_set(e, "renewable", renewable_row(r, i) ? "1" : "0");
    if (!db_str(r, i, INS_EXPIRES))
        xml_set(e, "period", "once");
    xml_add_text(e, "product", ctx_l10n(c, db_str(r, i, INS_PRODUCT_ZH), db_str(r, i, INS_PRODUCT_EN)));
    xml_add_text(e, "spec", ctx_l10n(c, db_str(r, i, INS_SPEC_ZH), db_str(r, i, INS_SPEC_EN)));
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
        st = db_exec(
            d, back ? &q_instances_status_back : &q_instances_status, c->a,
            (db_param[]){DB_INT(uid), DB_STR(status), DB_STR(mode), DB_STR(mode), DB_INT(cursor), DB_INT(rows)}, 6, &r);
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
    xml_add_text(e, "vendor", ctx_l10n(c, db_str(r, 0, INSD_VENDOR_ZH), db_str(r, 0, INSD_VENDOR_EN)));
    return e;
}

/* The vendor's free-login address when the buyer may use it now; *state
 * says why not otherwise ("no", "pending", "unavailable"). */
static const char *free_login_url(const db_result *r, const char **state)
{
    const char *url = db_str(r, 0, INSD_FREE_LOGIN_URL);
    char origin[256];
    if (strcmp(db_str(r, 0, INSD_FREE_LOGIN), "1") != 0)
        *state = "no";
    else if (!url || !text_url_origin(url, origin, sizeof(origin)))
        *state = "pending"; /* none yet, or none a browser may be sent to */
    else if (strcmp(db_str(r, 0, INS_STATUS), "active") != 0)
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
    if (renewable_row(r, 0))
        return 0;
    ctx_back(c, arena_printf(c->a, "/services/%s", db_str(r, 0, INS_NO)), "renew.back");
    if (!db_str(r, 0, INS_EXPIRES))
        return ctx_fail(c, 409, "renew_one_off", "A one-off service has no expiry and cannot be renewed.");
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
    long long id = db_int(&r, 0, INS_ID);
    db_status st;
    if ((st = db_exec(d, &q_instance_fields, c->a, (db_param[]){DB_INT(id)}, 1, &fields)) != DB_OK ||
        (st = db_exec(d, &q_instance_orders, c->a, (db_param[]){DB_INT(id)}, 1, &orders)) != DB_OK)
        return ctx_db_fail(c, st);
    xmlNodePtr e = add_instance_head(c, &r);
    xmlNodePtr app = xml_add(e, "app-info");
    if (db_str(&r, 0, INSD_PROVISIONED)) {
        model_time(c, app, "provisioned", db_str(&r, 0, INSD_PROVISIONED));
        xml_add_text(app, "login-url", db_str(&r, 0, INSD_LOGIN_URL));
        xml_add_text(app, "account", db_str(&r, 0, INSD_ACCOUNT));
        if (db_str(&r, 0, INSD_PASSWORD_ENC)) {
            size_t len = r.lens[0][INSD_PASSWORD_ENC];
            char *plain = arena_alloc(c->a, len + 1);
            if (crypto_open(c->w->keys.seal, (const unsigned char *)db_str(&r, 0, INSD_PASSWORD_ENC), len, plain) == 0)
                xml_add_text(app, "password", plain);
            else
                log_error("instance %s: password does not decrypt (key changed?)", db_str(&r, 0, INS_NO));
        }
        for (size_t i = 0; i < fields.nrows; i++)
            xml_set(xml_add_text(app, "field", db_str(&fields, i, FIELD_VALUE)), "name",
                    db_str(&fields, i, FIELD_NAME));
    }
    /* free login needs the product to offer it, the vendor's address, and
     * a live instance; the page's CSP lets its form go to that site */
    const char *state;
    const char *sso = free_login_url(&r, &state);
    xml_set(e, "free-login", state);
    if (sso)
        ctx_form_target(c, sso);
    catalog_add_support(e, db_str(&r, 0, INSD_SUPPORT_EMAIL), db_str(&r, 0, INSD_SUPPORT_PHONE));
    static const attr_col order_cols[] = {
        {"no", IO_NO, 0},
        {"kind", IO_KIND, 0},
        {"status", IO_STATUS, 0},
        {"months", IO_MONTHS, 0},
        {"created", IO_CREATED, ATTR_TIME},
        {NULL, 0, 0},
    };
    xmlNodePtr ol = xml_add(e, "orders");
    for (size_t i = 0; i < orders.nrows; i++) {
        xmlNodePtr o = xml_add(ol, "order");
        model_attrs(c, o, &orders, i, order_cols);
        xml_add_money(o, "total", db_int(&orders, i, IO_TOTAL));
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
    ctx_back(c, arena_printf(c->a, "/services/%s", db_str(&r, 0, INS_NO)), "renew.back");
    if (strcmp(state, "unavailable") == 0)
        return ctx_fail(c, 409, "not_active", "Free login works only while the instance is active. Renew it first.");
    if (!url)
        return ctx_fail(c, 409, "no_free_login", "This product does not offer free login for this instance yet.");
    unsigned char raw[32], hash[32];
    if (crypto_random(raw, sizeof(raw)) != 0)
        return ctx_fail(c, 500, "internal", "No randomness.");
    const char *token = crypto_hex(c->a, raw, sizeof(raw));
    crypto_sha256(token, strlen(token), hash);
    long long vendor = db_int(&r, 0, INSD_VENDOR);
    db *d = &c->w->db;
    db_status st;
    if ((st = shop_open_id_ensure(d, c->a, vendor, c->user->id)) != DB_OK ||
        (st = db_exec(d, &q_token_insert, c->a,
                      (db_param[]){DB_BYTES(hash, sizeof(hash)), DB_INT(db_int(&r, 0, INS_ID)), DB_INT(c->user->id),
                                   DB_INT(vendor), DB_INT(FREE_LOGIN_TTL_MIN)},
                      5, NULL)) != DB_OK)
        return ctx_db_fail(c, st);
    /* the token joins the query, before any #fragment (which a browser
     * would keep to itself) */
    size_t base = strcspn(url, "#");
    const char *q = memchr(url, '?', base);
    return ctx_redirect_external(
        c, arena_printf(c->a, "%.*s%ctoken=%s%s", (int)base, url, q ? '&' : '?', token, url + base));
}

int h_renew_form(ctx *c)
{
    db_result r, prices;
    int fail = load_instance(c, &r);
    if (fail || (fail = renewable(c, &r)))
        return fail;
    db_status st = db_exec(&c->w->db, &q_renew_prices, c->a, (db_param[]){DB_INT(db_int(&r, 0, INSD_SPEC))}, 1,
                           &prices);
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
        xml_set(xml_add_money(offers, "price", db_int(&prices, i, RP_PRICE)), "months", db_str(&prices, i, RP_MONTHS));
    return 200;
}

int h_renew(ctx *c)
{
    db_result r;
    int fail = load_instance(c, &r);
    if (fail || (fail = renewable(c, &r)))
        return fail;
    ctx_back(c, arena_printf(c->a, "/services/%s/renew", db_str(&r, 0, INS_NO)), "renew.title");
    int st = order_place(c, "renew", db_int(&r, 0, INS_ID), db_int(&r, 0, INS_PRODUCT), db_int(&r, 0, INSD_SPEC),
                         ctx_in_int(c, "period", 0));
    if (st != 409 || c->xml || !c->error_code || strcmp(c->error_code, "not_offered") != 0)
        return st;
    /* a stale form: the renewal page again, with what is on offer now */
    c->error_code = c->error = NULL;
    if ((st = h_renew_form(c)) != 200)
        return st;
    return ctx_form_error(c, 409, "period", "renew.not_offered");
}
