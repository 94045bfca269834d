/* The admin console's catalog: categories (create, rename, reorder),
 * products (create, edit, list, delist), their specs (规格) and each spec's
 * price per period. Every write is one transaction with its audit row; the
 * catalog's triggers bump the catalog version the public feed's validators
 * come from (sql/001_catalog.sql, sql/011_catalog_admin.sql).
 *
 * A new product starts delisted: it is listed by hand once it has an
 * active spec with a price, so the shop never shows a product nobody can
 * buy. Its vendor is chosen when it is created and never changes (its
 * orders, instances and events belong to that vendor). */
#include <ctype.h>
#include <mysqld_error.h>
#include <stdio.h>
#include <string.h>

#include "../fcgi/text.h"
#include "../fcgi/xml.h"
#include "admin.h"
#include "commerce.h"
#include "handlers.h"

/* what the columns hold (sql/001_catalog.sql, sql/004_buyer_safety.sql) */
#define SLUG_MAX 64
#define CATEGORY_NAME_MAX 100
#define PRODUCT_NAME_MAX 200
#define SUMMARY_MAX 500
/* a description column holds 65535 bytes: 5000 characters of any script
 * fit, and the form (64 KiB in all) carries that much */
#define DESCRIPTION_MAX 5000
#define SPEC_NAME_MAX 100
#define FEATURES_MAX 500
#define EMAIL_MAX 254
#define PHONE_MAX 40
#define REASON_MAX 500
/* categories' positions are this far apart; a new one goes last */
#define POSITION_STEP 10

/* ------------------------------------------------------------------ */
/* statements                                                           */

enum { CA_ID, CA_SLUG, CA_NAME_ZH, CA_NAME_EN, CA_POSITION, CA_PRODUCTS, CA_LISTED, CA_UPDATED, CA__MAX };
static db_stmt q_categories = DB_STMT("admin_categories", 0, CA__MAX,
    "SELECT c.id, c.slug, c.name_zh, c.name_en, c.position, COUNT(p.id), COALESCE(SUM(p.listed), 0), "
    "DATE_FORMAT(c.updated_at, '%Y-%m-%d %H:%i:%s') FROM categories c LEFT JOIN products p ON p.category_id = c.id "
    "GROUP BY c.id, c.slug, c.name_zh, c.name_en, c.position, c.updated_at ORDER BY c.position, c.id");
enum { CS_SLUG, CS__MAX };
static db_stmt q_category_slug = DB_STMT("admin_category_slug", 1, CS__MAX, "SELECT slug FROM categories WHERE id = ?");
static db_stmt q_category_next = DB_STMT("admin_category_next", 1, 1,
    "SELECT COALESCE(MAX(position), 0) + ? FROM categories FOR UPDATE");
static db_stmt q_category_insert = DB_STMT("admin_category_insert", 4, 0,
    "INSERT INTO categories (slug, name_zh, name_en, position) VALUES (?, ?, ?, ?)");
enum { CL_SLUG, CL_NAME_ZH, CL_NAME_EN, CL__MAX };
static db_stmt q_category_lock = DB_STMT("admin_category_lock", 1, CL__MAX,
    "SELECT slug, name_zh, name_en FROM categories WHERE id = ? FOR UPDATE");
static db_stmt q_category_rename = DB_STMT("admin_category_rename", 3, 0,
    "UPDATE categories SET name_zh = ?, name_en = ? WHERE id = ?");
enum { CO_ID, CO_SLUG, CO_POSITION, CO__MAX };
static db_stmt q_category_order = DB_STMT("admin_category_order", 0, CO__MAX,
    "SELECT id, slug, position FROM categories ORDER BY position, id FOR UPDATE");
static db_stmt q_category_position = DB_STMT("admin_category_position", 2, 0,
    "UPDATE categories SET position = ? WHERE id = ?");

enum { VE_ID, VE_SLUG, VE_NAME_ZH, VE_NAME_EN, VE_STATUS, VE__MAX };
static db_stmt q_vendors = DB_STMT("admin_catalog_vendors", 0, VE__MAX,
    "SELECT id, slug, name_zh, name_en, status FROM vendors ORDER BY slug");
static db_stmt q_vendor_by_slug = DB_STMT("admin_catalog_vendor", 1, VE__MAX,
    "SELECT id, slug, name_zh, name_en, status FROM vendors WHERE slug = ?");

/* the product list: newest first, every filter optional */
enum {
    AP_ID,
    AP_NAME_ZH,
    AP_NAME_EN,
    AP_VENDOR,
    AP_CATEGORY,
    AP_CATEGORY_ZH,
    AP_CATEGORY_EN,
    AP_MODE,
    AP_LISTED,
    AP_FREE_LOGIN,
    AP_PRICE_FROM,
    AP_CREATED,
    AP_UPDATED,
    AP_SPECS,
    AP__MAX
};
#define AP_COLS                                                                                                        \
    "SELECT p.id, p.name_zh, p.name_en, v.slug, c.slug, c.name_zh, c.name_en, p.delivery_mode, p.listed, "             \
    "p.free_login, p.price_from_cents, DATE_FORMAT(p.created_at, '%Y-%m-%d %H:%i:%s'), "                               \
    "DATE_FORMAT(p.updated_at, '%Y-%m-%d %H:%i:%s'), "                                                                 \
    "(SELECT COUNT(*) FROM specs s WHERE s.product_id = p.id AND s.active = 1) "                                       \
    "FROM products p JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id "
#define AP_FILTERS                                                                                                     \
    "WHERE (? IS NULL OR p.name_zh LIKE ? OR p.name_en LIKE ?) AND (? IS NULL OR p.category_id = ?) "                  \
    "AND (? IS NULL OR v.slug = ?) AND (? IS NULL OR p.listed = ?) AND (? IS NULL OR p.delivery_mode = ?) "
static db_stmt q_products = DB_STMT("admin_products", 13, AP__MAX,
    AP_COLS AP_FILTERS "AND p.id < ? ORDER BY p.id DESC LIMIT ?");
static db_stmt q_products_back = DB_STMT("admin_products_back", 13, AP__MAX,
    AP_COLS AP_FILTERS "AND p.id > ? ORDER BY p.id LIMIT ?");

/* one product as its page shows it */
enum {
    PD_ID,
    PD_VENDOR,
    PD_VENDOR_SLUG,
    PD_VENDOR_ZH,
    PD_VENDOR_EN,
    PD_VENDOR_STATUS,
    PD_CATEGORY,
    PD_CATEGORY_SLUG,
    PD_CATEGORY_ZH,
    PD_CATEGORY_EN,
    PD_NAME_ZH,
    PD_NAME_EN,
    PD_SUMMARY_ZH,
    PD_SUMMARY_EN,
    PD_DESC_ZH,
    PD_DESC_EN,
    PD_MODE,
    PD_FREE_LOGIN,
    PD_EMAIL,
    PD_PHONE,
    PD_LISTED,
    PD_PRICE_FROM,
    PD_CREATED,
    PD_UPDATED,
    PD__MAX
};
static db_stmt q_product = DB_STMT("admin_product", 1, PD__MAX,
    "SELECT p.id, v.id, v.slug, v.name_zh, v.name_en, v.status, c.id, c.slug, c.name_zh, c.name_en, p.name_zh, "
    "p.name_en, p.summary_zh, p.summary_en, p.description_zh, p.description_en, p.delivery_mode, p.free_login, "
    "p.support_email, p.support_phone, p.listed, p.price_from_cents, "
    "DATE_FORMAT(p.created_at, '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(p.updated_at, '%Y-%m-%d %H:%i:%s') "
    "FROM products p JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id WHERE p.id = ?");
/* every spec, active or not, with its prices (none: one row of NULLs) */
enum {
    SP_ID,
    SP_NAME_ZH,
    SP_NAME_EN,
    SP_FEATURES_ZH,
    SP_FEATURES_EN,
    SP_POSITION,
    SP_ACTIVE,
    SP_MONTHS,
    SP_PRICE,
    SP__MAX
};
static db_stmt q_product_specs = DB_STMT("admin_product_specs", 1, SP__MAX,
    "SELECT s.id, s.name_zh, s.name_en, s.features_zh, s.features_en, s.position, s.active, pr.period_months, "
    "pr.price_cents FROM specs s LEFT JOIN prices pr ON pr.spec_id = s.id WHERE s.product_id = ? "
    "ORDER BY s.position, s.id, pr.period_months");

/* The product form's fields, in the order of the locked row's columns
 * (q_product_lock) and of the insert's and update's parameters. */
enum {
    PF_CATEGORY,
    PF_NAME_ZH,
    PF_NAME_EN,
    PF_SUMMARY_ZH,
    PF_SUMMARY_EN,
    PF_DESC_ZH,
    PF_DESC_EN,
    PF_MODE,
    PF_FREE_LOGIN,
    PF_EMAIL,
    PF_PHONE,
    PF__MAX
};
static const struct {
    const char *name;
    size_t max; /* characters; 0: not a free text */
    bool required;
} pfields[PF__MAX] = {
    [PF_CATEGORY] = {"category", 0, true},
    [PF_NAME_ZH] = {"name_zh", PRODUCT_NAME_MAX, true},
    [PF_NAME_EN] = {"name_en", PRODUCT_NAME_MAX, true},
    [PF_SUMMARY_ZH] = {"summary_zh", SUMMARY_MAX, false},
    [PF_SUMMARY_EN] = {"summary_en", SUMMARY_MAX, false},
    [PF_DESC_ZH] = {"description_zh", DESCRIPTION_MAX, false},
    [PF_DESC_EN] = {"description_en", DESCRIPTION_MAX, false},
    [PF_MODE] = {"delivery_mode", 0, true},
    [PF_FREE_LOGIN] = {"free_login", 0, false},
    [PF_EMAIL] = {"support_email", EMAIL_MAX, false},
    [PF_PHONE] = {"support_phone", PHONE_MAX, false},
};
#define PF_COLS                                                                                                        \
    "category_id, name_zh, name_en, summary_zh, summary_en, description_zh, description_en, delivery_mode, "           \
    "free_login, support_email, support_phone"
enum { PL_LISTED = PF__MAX, PL_VENDOR, PL__MAX };
static db_stmt q_product_lock = DB_STMT("admin_product_lock", 1, PL__MAX,
    "SELECT " PF_COLS ", listed, vendor_id FROM products WHERE id = ? FOR UPDATE");
static db_stmt q_product_insert = DB_STMT("admin_product_insert", 12, 0,
    "INSERT INTO products (vendor_id, " PF_COLS ", listed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)");
static db_stmt q_product_update = DB_STMT("admin_product_update", 12, 0,
    "UPDATE products SET category_id = ?, name_zh = ?, name_en = ?, summary_zh = ?, summary_en = ?, "
    "description_zh = ?, description_en = ?, delivery_mode = ?, free_login = ?, support_email = ?, "
    "support_phone = ? WHERE id = ?");
static db_stmt q_product_listed = DB_STMT("admin_product_listed", 2, 0, "UPDATE products SET listed = ? WHERE id = ?");
static db_stmt q_product_once_prices = DB_STMT("admin_product_once_prices", 1, 1,
    "SELECT COUNT(*) FROM prices pr JOIN specs s ON s.id = pr.spec_id WHERE s.product_id = ? AND pr.period_months = 0");
/* the specs a buyer can choose: active, with a price */
static db_stmt q_product_on_sale = DB_STMT("admin_product_on_sale", 1, 1,
    "SELECT COUNT(DISTINCT s.id) FROM specs s JOIN prices pr ON pr.spec_id = s.id WHERE s.product_id = ? "
    "AND s.active = 1");

static db_stmt q_spec_product = DB_STMT("admin_spec_product", 1, 1, "SELECT product_id FROM specs WHERE id = ?");
static db_stmt q_spec_next = DB_STMT("admin_spec_next", 1, 1,
    "SELECT COALESCE(MAX(position), 0) + 1 FROM specs WHERE product_id = ?");
static db_stmt q_spec_insert = DB_STMT("admin_spec_insert", 6, 0,
    "INSERT INTO specs (product_id, name_zh, name_en, features_zh, features_en, position) VALUES (?, ?, ?, ?, ?, ?)");
enum { SL_PRODUCT, SL_NAME_ZH, SL_NAME_EN, SL_FEATURES_ZH, SL_FEATURES_EN, SL_ACTIVE, SL__MAX };
static db_stmt q_spec_lock = DB_STMT("admin_spec_lock", 1, SL__MAX,
    "SELECT product_id, name_zh, name_en, features_zh, features_en, active FROM specs WHERE id = ? FOR UPDATE");
static db_stmt q_spec_update = DB_STMT("admin_spec_update", 5, 0,
    "UPDATE specs SET name_zh = ?, name_en = ?, features_zh = ?, features_en = ? WHERE id = ?");
static db_stmt q_spec_active = DB_STMT("admin_spec_active", 2, 0, "UPDATE specs SET active = ? WHERE id = ?");

static db_stmt q_price_lock = DB_STMT("admin_price_lock", 2, 1,
    "SELECT price_cents FROM prices WHERE spec_id = ? AND period_months = ? FOR UPDATE");
static db_stmt q_price_insert = DB_STMT("admin_price_insert", 3, 0,
    "INSERT INTO prices (spec_id, period_months, price_cents) VALUES (?, ?, ?)");
static db_stmt q_price_update = DB_STMT("admin_price_update", 3, 0,
    "UPDATE prices SET price_cents = ? WHERE spec_id = ? AND period_months = ?");
static db_stmt q_price_delete = DB_STMT("admin_price_delete", 2, 0,
    "DELETE FROM prices WHERE spec_id = ? AND period_months = ?");

/* ------------------------------------------------------------------ */
/* checks                                                               */

static const char *trimmed(ctx *c, const char *name)
{
    const char *s = ctx_in(c, name);
    if (!s)
        return "";
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return arena_strndup(c->a, s, n);
}

/* lower-case letters and digits in words joined by single dashes: what a
 * category's address (/categories/{slug}) takes */
static bool slug_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > SLUG_MAX || s[0] == '-' || s[n - 1] == '-' || strstr(s, "--"))
        return false;
    return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static bool email_ok(const char *e)
{
    const char *at = strchr(e, '@');
    if (!at || at == e || strchr(at + 1, '@') || !strchr(at + 1, '.') || at[1] == '.' || e[strlen(e) - 1] == '.')
        return false;
    for (const char *p = e; *p; p++)
        if ((unsigned char)*p <= ' ' || strchr("<>\"',;()[]\\", *p))
            return false;
    return true;
}

/* digits with the separators a phone number is written with: "400-820-3306",
 * "+86 10 6220 8800", "(021) 5080 6600 ext. 12" is not: no letters */
static bool phone_ok(const char *s)
{
    int digits = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (!strchr("+-() ", *p))
            return false;
    }
    return digits >= 3;
}

/* A form error placed after its field, with the field's limit for
 * messages that name it ({1}). */
static void error_max(ctx *c, size_t max)
{
    xmlNodePtr last = xmlGetLastChild(c->page);
    if (last)
        xml_set_int(last, "max", (long long)max);
}

/* Checks a trimmed text field: present when required, at most max
 * characters; otherwise adds the field's form error. */
static bool text_ok(ctx *c, const char *field, const char *v, size_t max, bool required)
{
    if (required && !*v) {
        ctx_form_error(c, 422, field, "admin.catalog.err.empty");
        return false;
    }
    if (text_utf8_len(v, strlen(v)) > max) {
        ctx_form_error(c, 422, field, "admin.catalog.err.too_long");
        error_max(c, max);
        return false;
    }
    return true;
}

static bool period_ok(long long months)
{
    return months == 0 || months == 1 || months == 3 || months == 6 || months == 12 || months == 24 || months == 36;
}

static const char *yuan(ctx *c, long long cents)
{
    char buf[32];
    return arena_strdup(c->a, xml_format_cents(buf, sizeof(buf), cents));
}

static const char *period_text(long long months)
{
    static const char *const names[] = {"once", "1", "", "3", "", "", "6", "", "", "", "", "", "12"};
    if (months >= 0 && months <= 12)
        return names[months];
    return months == 24 ? "24" : months == 36 ? "36" : "?";
}

/* Whether s failed because the catalog's triggers refused a one-off
 * price for a product delivered automatically, or a product with one-off
 * prices turning automatic (sql/006_one_off.sql): the refusal of a rule,
 * not a failure. */
static bool refused_once(db_stmt *s)
{
    return s->h && mysql_stmt_errno(s->h) == ER_SIGNAL_EXCEPTION &&
           strstr(mysql_stmt_error(s->h), "prices_once_manual") != NULL;
}

/* ------------------------------------------------------------------ */
/* models                                                               */

static void add_names(xmlNodePtr parent, const char *zh, const char *en)
{
    xml_add_text(parent, "name-zh", zh);
    xml_add_text(parent, "name-en", en);
}

/* <form target=… id=… failed="yes"><field name=…>…</field></form>: a form
 * shown again with what was sent, beside its errors. */
static xmlNodePtr keep_form(ctx *c, const char *target, long long id, const char *const *fields)
{
    xmlNodePtr f = xml_add(c->page, "form");
    xml_set(f, "target", target);
    if (id)
        xml_set_int(f, "id", id);
    xml_set(f, "failed", "yes");
    for (; fields && *fields; fields++) {
        const char *v = ctx_in(c, *fields);
        xml_set(xml_add_text(f, "field", v ? v : ""), "name", *fields);
    }
    return f;
}

static int page_fail(ctx *c, db_status st)
{
    c->show_page = false; /* a half-built page is not shown */
    return ctx_db_fail(c, st);
}

static void add_categories(ctx *c, xmlNodePtr parent, const db_result *r)
{
    xmlNodePtr list = xml_add(parent, "categories");
    static const attr_col cols[] = {{"id", CA_ID, 0},
                                    {"slug", CA_SLUG, 0},
                                    {"position", CA_POSITION, 0},
                                    {"products", CA_PRODUCTS, 0},
                                    {"listed", CA_LISTED, 0},
                                    {"updated", CA_UPDATED, ATTR_TIME},
                                    {NULL, 0, 0}};
    for (size_t i = 0; i < r->nrows; i++) {
        xmlNodePtr e = xml_add(list, "category");
        model_attrs(c, e, r, i, cols);
        if (i == 0)
            xml_set(e, "first", "yes");
        if (i + 1 == r->nrows)
            xml_set(e, "last", "yes");
        add_names(e, db_str(r, i, CA_NAME_ZH), db_str(r, i, CA_NAME_EN));
    }
}

static void add_vendors(ctx *c, const db_result *r)
{
    xmlNodePtr list = xml_add(c->page, "vendors");
    static const attr_col cols[] = {{"id", VE_ID, 0}, {"slug", VE_SLUG, 0}, {"status", VE_STATUS, 0}, {NULL, 0, 0}};
    for (size_t i = 0; i < r->nrows; i++) {
        xmlNodePtr v = xml_add(list, "vendor");
        model_attrs(c, v, r, i, cols);
        add_names(v, db_str(r, i, VE_NAME_ZH), db_str(r, i, VE_NAME_EN));
    }
}

/* "%word%" for LIKE, its own characters taken literally */
static const char *contains_pattern(ctx *c, const char *q)
{
    size_t n = strlen(q);
    char *out = arena_alloc(c->a, 2 * n + 3), *o = out;
    *o++ = '%';
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            *o++ = '\\';
        *o++ = *p;
    }
    *o++ = '%';
    *o = '\0';
    return out;
}

/* The catalog page: categories in their order and the product list with
 * its filters. Also the page a category form comes back to with errors. */
static int catalog_page(ctx *c)
{
    db *d = &c->w->db;
    const char *q = admin_filter(c, "q"), *vendor = admin_filter(c, "vendor"), *listed = admin_filter(c, "listed"),
               *mode = admin_filter(c, "mode");
    long long category = ctx_in_int(c, "category", 0);
    const char *like = q ? contains_pattern(c, q) : NULL;
    db_param listed_p = listed ? DB_INT(strcmp(listed, "yes") == 0) : DB_STR(NULL);
    bool back;
    long long cursor = admin_cursor(c, &back);
    db_result cats, vendors, r;
    db_status st;
    if ((st = db_exec(d, &q_categories, c->a, NULL, 0, &cats)) != DB_OK ||
        (st = db_exec(d, &q_vendors, c->a, NULL, 0, &vendors)) != DB_OK ||
        (st = db_exec(d, back ? &q_products_back : &q_products, c->a,
                      (db_param[]){DB_STR(like), DB_STR(like), DB_STR(like), DB_ID(category), DB_ID(category),
                                   DB_STR(vendor), DB_STR(vendor), listed_p, listed_p, DB_STR(mode), DB_STR(mode),
                                   DB_INT(cursor), DB_INT(ADMIN_PAGE + 1)},
                      13, &r)) != DB_OK)
        return page_fail(c, st);

    add_categories(c, c->page, &cats);
    add_vendors(c, &vendors);
    xmlNodePtr list = xml_add(c->page, "products");
    xml_set(list, "q", q);
    if (category)
        xml_set_int(list, "category", category);
    xml_set(list, "vendor", vendor);
    xml_set(list, "listed", listed);
    xml_set(list, "mode", mode);
    admin_list_href(c, list);
    size_t n = model_page(c, list, &r, ADMIN_PAGE, -1);
    static const attr_col cols[] = {
        {"id", AP_ID, 0},
        {"vendor", AP_VENDOR, 0},
        {"category", AP_CATEGORY, 0},
        {"delivery", AP_MODE, 0},
        {"listed", AP_LISTED, 0},
        {"free-login", AP_FREE_LOGIN, 0},
        {"specs", AP_SPECS, 0},
        {"created", AP_CREATED, ATTR_TIME},
        {"updated", AP_UPDATED, ATTR_TIME},
        {NULL, 0, 0},
    };
    for (size_t i = 0; i < n; i++) {
        xmlNodePtr p = xml_add(list, "product");
        model_attrs(c, p, &r, i, cols);
        add_names(p, db_str(&r, i, AP_NAME_ZH), db_str(&r, i, AP_NAME_EN));
        xmlNodePtr cat = xml_add(p, "category");
        add_names(cat, db_str(&r, i, AP_CATEGORY_ZH), db_str(&r, i, AP_CATEGORY_EN));
        xml_add_money(p, "price-from", db_int(&r, i, AP_PRICE_FROM));
    }
    return 200;
}

/* <form target="product"> with the product's own values. */
static void add_product_values(ctx *c, const db_result *r)
{
    xmlNodePtr f = xml_add(c->page, "form");
    xml_set(f, "target", "product");
    static const unsigned cols[PF__MAX] = {
        [PF_CATEGORY] = PD_CATEGORY,     [PF_NAME_ZH] = PD_NAME_ZH,
        [PF_NAME_EN] = PD_NAME_EN,       [PF_SUMMARY_ZH] = PD_SUMMARY_ZH,
        [PF_SUMMARY_EN] = PD_SUMMARY_EN, [PF_DESC_ZH] = PD_DESC_ZH,
        [PF_DESC_EN] = PD_DESC_EN,       [PF_MODE] = PD_MODE,
        [PF_FREE_LOGIN] = PD_FREE_LOGIN, [PF_EMAIL] = PD_EMAIL,
        [PF_PHONE] = PD_PHONE,
    };
    for (int i = 0; i < PF__MAX; i++) {
        const char *v = db_str(r, 0, cols[i]);
        if (i == PF_FREE_LOGIN)
            v = strcmp(v, "1") == 0 ? "on" : "";
        xml_set(xml_add_text(f, "field", v), "name", pfields[i].name);
    }
}

/* The product page: the product, its specs with their prices, the
 * categories it may move to; with the edit form's values from the
 * database unless own_values is false (a form shown again). 200 or 404. */
static int product_page(ctx *c, long long id, bool own_values)
{
    db *d = &c->w->db;
    db_result pr, specs, cats;
    db_status st;
    if ((st = db_exec(d, &q_product, c->a, (db_param[]){DB_INT(id)}, 1, &pr)) != DB_OK)
        return page_fail(c, st);
    if (pr.nrows == 0) {
        c->show_page = false;
        return ctx_fail(c, 404, "no_such_product", "There is no such product.");
    }
    if ((st = db_exec(d, &q_product_specs, c->a, (db_param[]){DB_INT(id)}, 1, &specs)) != DB_OK ||
        (st = db_exec(d, &q_categories, c->a, NULL, 0, &cats)) != DB_OK)
        return page_fail(c, st);

    xmlNodePtr p = xml_add(c->page, "product");
    static const attr_col cols[] = {
        {"id", PD_ID, 0},
        {"delivery", PD_MODE, 0},
        {"free-login", PD_FREE_LOGIN, 0},
        {"listed", PD_LISTED, 0},
        {"created", PD_CREATED, ATTR_TIME},
        {"updated", PD_UPDATED, ATTR_TIME},
        {NULL, 0, 0},
    };
    model_attrs(c, p, &pr, 0, cols);
    xmlNodePtr v = xml_add(p, "vendor");
    static const attr_col vcols[] = {
        {"id", PD_VENDOR, 0}, {"slug", PD_VENDOR_SLUG, 0}, {"status", PD_VENDOR_STATUS, 0}, {NULL, 0, 0}};
    model_attrs(c, v, &pr, 0, vcols);
    add_names(v, db_str(&pr, 0, PD_VENDOR_ZH), db_str(&pr, 0, PD_VENDOR_EN));
    xmlNodePtr cat = xml_add(p, "category");
    xml_set(cat, "id", db_str(&pr, 0, PD_CATEGORY));
    xml_set(cat, "slug", db_str(&pr, 0, PD_CATEGORY_SLUG));
    add_names(cat, db_str(&pr, 0, PD_CATEGORY_ZH), db_str(&pr, 0, PD_CATEGORY_EN));
    add_names(p, db_str(&pr, 0, PD_NAME_ZH), db_str(&pr, 0, PD_NAME_EN));
    xml_add_text(p, "summary-zh", db_str(&pr, 0, PD_SUMMARY_ZH));
    xml_add_text(p, "summary-en", db_str(&pr, 0, PD_SUMMARY_EN));
    xml_add_text(p, "description-zh", db_str(&pr, 0, PD_DESC_ZH));
    xml_add_text(p, "description-en", db_str(&pr, 0, PD_DESC_EN));
    xml_add_text(p, "support-email", db_str(&pr, 0, PD_EMAIL));
    xml_add_text(p, "support-phone", db_str(&pr, 0, PD_PHONE));
    xml_add_money(p, "price-from", db_int(&pr, 0, PD_PRICE_FROM));

    /* rows come spec by spec; a spec without prices is one row of NULLs */
    xmlNodePtr list = xml_add(p, "specs");
    xmlNodePtr spec = NULL;
    const char *spec_id = NULL;
    int on_sale = 0;
    bool priced = false;
    for (size_t i = 0; i < specs.nrows; i++) {
        if (!spec_id || strcmp(spec_id, db_str(&specs, i, SP_ID)) != 0) {
            spec_id = db_str(&specs, i, SP_ID);
            spec = xml_add(list, "spec");
            static const attr_col scols[] = {
                {"id", SP_ID, 0}, {"position", SP_POSITION, 0}, {"active", SP_ACTIVE, 0}, {NULL, 0, 0}};
            model_attrs(c, spec, &specs, i, scols);
            add_names(spec, db_str(&specs, i, SP_NAME_ZH), db_str(&specs, i, SP_NAME_EN));
            xml_add_text(spec, "features-zh", db_str(&specs, i, SP_FEATURES_ZH));
            xml_add_text(spec, "features-en", db_str(&specs, i, SP_FEATURES_EN));
            priced = false;
        }
        if (!db_str(&specs, i, SP_MONTHS))
            continue;
        xml_set(xml_add_money(spec, "price", db_int(&specs, i, SP_PRICE)), "months", db_str(&specs, i, SP_MONTHS));
        if (!priced && db_int(&specs, i, SP_ACTIVE) == 1)
            on_sale++;
        priced = true;
    }
    xml_set_int(p, "on-sale", on_sale);
    add_categories(c, c->page, &cats);
    if (own_values)
        add_product_values(c, &pr);
    return 200;
}

/* ------------------------------------------------------------------ */
/* pages                                                                */

int h_admin_catalog(ctx *c)
{
    return catalog_page(c);
}

int h_admin_product(ctx *c)
{
    long long id;
    if (!text_parse_i64(req_capture(&c->rq, "id"), false, &id))
        return 404;
    return product_page(c, id, true);
}

/* The new product's form: vendors and categories to choose from; with
 * defaults (the vendor given in ?vendor= chosen already) unless the form
 * is shown again with what was sent. */
static int product_new_page(ctx *c, bool defaults)
{
    db_result cats, vendors;
    db_status st;
    if ((st = db_exec(&c->w->db, &q_categories, c->a, NULL, 0, &cats)) != DB_OK ||
        (st = db_exec(&c->w->db, &q_vendors, c->a, NULL, 0, &vendors)) != DB_OK)
        return page_fail(c, st);
    add_categories(c, c->page, &cats);
    add_vendors(c, &vendors);
    if (!defaults)
        return 200;
    xmlNodePtr f = xml_add(c->page, "form");
    xml_set(f, "target", "product");
    const char *vendor = admin_filter(c, "vendor");
    xml_set(xml_add_text(f, "field", vendor ? vendor : ""), "name", "vendor");
    xml_set(xml_add_text(f, "field", "auto"), "name", "delivery_mode");
    return 200;
}

int h_admin_product_new(ctx *c)
{
    return product_new_page(c, true);
}

/* ------------------------------------------------------------------ */
/* categories                                                           */

typedef struct category_write {
    ctx *c;
    long long id;
    const char *slug, *name_zh, *name_en;
    bool up;
    /* what happened */
    bool missing, changed;
} category_write;

static db_status category_create_txn(void *data, bool *commit)
{
    category_write *w = data;
    ctx *c = w->c;
    db *d = &c->w->db;
    (void)commit;
    db_result r;
    db_status st = db_exec(d, &q_category_next, c->a, (db_param[]){DB_INT(POSITION_STEP)}, 1, &r);
    if (st != DB_OK)
        return st;
    const char *position = db_str(&r, 0, 0);
    if ((st = db_exec(d, &q_category_insert, c->a,
                      (db_param[]){DB_STR(w->slug), DB_STR(w->name_zh), DB_STR(w->name_en), DB_STR(position)}, 4,
                      &r)) != DB_OK)
        return st;
    w->id = (long long)r.insert_id;
    audit_who who = admin_who(c);
    audit_entry e = {.action = "category.create",
                     .target_type = "category",
                     .target_ref = w->slug,
                     .after = audit_fields(c->a, "slug", w->slug, "name_zh", w->name_zh, "name_en", w->name_en,
                                           "position", position, NULL)};
    return audit_add(d, c->a, &who, &e);
}

/* Category names: both present, each at most CATEGORY_NAME_MAX. */
static bool category_names_ok(ctx *c, category_write *w)
{
    w->name_zh = trimmed(c, "name_zh");
    w->name_en = trimmed(c, "name_en");
    bool ok = text_ok(c, "name_zh", w->name_zh, CATEGORY_NAME_MAX, true);
    return text_ok(c, "name_en", w->name_en, CATEGORY_NAME_MAX, true) && ok;
}

int h_admin_category_create(ctx *c)
{
    static const char *const keep[] = {"slug", "name_zh", "name_en", NULL};
    category_write w = {.c = c, .slug = trimmed(c, "slug")};
    bool ok = category_names_ok(c, &w);
    if (!slug_ok(w.slug)) {
        ctx_form_error(c, 422, "slug", "admin.catalog.err.slug");
        ok = false;
    }
    db_status st = ok ? db_txn(&c->w->db, category_create_txn, &w) : DB_OK;
    if (st == DB_DUPLICATE) {
        ctx_form_error(c, 422, "slug", "admin.catalog.err.slug_taken");
        ok = false;
    } else if (st != DB_OK) {
        return ctx_db_fail(c, st);
    }
    if (!ok) {
        keep_form(c, "category", 0, keep);
        int fail = catalog_page(c);
        return fail != 200 ? fail : 422;
    }
    return ctx_redirect(c, "/admin/catalog?notice=catalog_category_created");
}

/* Locks the row of id (stmt: a SELECT … FOR UPDATE by id); *missing
 * when there is none. */
static db_status lock_by_id(ctx *c, db_stmt *stmt, long long id, db_result *r, bool *missing)
{
    db_status st = db_exec(&c->w->db, stmt, c->a, (db_param[]){DB_INT(id)}, 1, r);
    *missing = st == DB_OK && r->nrows == 0;
    return st;
}

static db_status category_rename_txn(void *data, bool *commit)
{
    category_write *w = data;
    ctx *c = w->c;
    db *d = &c->w->db;
    (void)commit;
    db_result r;
    db_status st = lock_by_id(c, &q_category_lock, w->id, &r, &w->missing);
    if (st != DB_OK || w->missing)
        return st;
    w->slug = db_str(&r, 0, CL_SLUG);
    const char *zh = db_str(&r, 0, CL_NAME_ZH), *en = db_str(&r, 0, CL_NAME_EN);
    w->changed = strcmp(zh, w->name_zh) != 0 || strcmp(en, w->name_en) != 0;
    if (!w->changed)
        return DB_OK;
    if ((st = db_exec(d, &q_category_rename, c->a, (db_param[]){DB_STR(w->name_zh), DB_STR(w->name_en), DB_INT(w->id)},
                      3, NULL)) != DB_OK)
        return st;
    audit_who who = admin_who(c);
    audit_entry e = {.action = "category.rename",
                     .target_type = "category",
                     .target_ref = w->slug,
                     .before = audit_fields(c->a, "name_zh", zh, "name_en", en, NULL),
                     .after = audit_fields(c->a, "name_zh", w->name_zh, "name_en", w->name_en, NULL)};
    return audit_add(d, c->a, &who, &e);
}

static long long path_id(ctx *c)
{
    long long id;
    return text_parse_i64(req_capture(&c->rq, "id"), false, &id) ? id : 0;
}

static int no_category(ctx *c)
{
    ctx_back(c, "/admin/catalog", "admin.nav.catalog");
    return ctx_fail(c, 404, "no_such_category", "There is no such category.");
}

int h_admin_category_rename(ctx *c)
{
    static const char *const keep[] = {"name_zh", "name_en", NULL};
    category_write w = {.c = c, .id = path_id(c)};
    if (!category_names_ok(c, &w)) {
        keep_form(c, "category-rename", w.id, keep);
        int fail = catalog_page(c);
        return fail != 200 ? fail : 422;
    }
    db_status st = db_txn(&c->w->db, category_rename_txn, &w);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (w.missing)
        return no_category(c);
    return ctx_redirect(c, w.changed ? "/admin/catalog?notice=catalog_category_renamed"
                                     : "/admin/catalog?notice=not_catalog_changed");
}

/* Swaps the category with the one before (up) or after it in the order
 * (position, id); positions that tie are first spread out by
 * POSITION_STEP, so that a swap always moves it. */
static db_status category_move_txn(void *data, bool *commit)
{
    category_write *w = data;
    ctx *c = w->c;
    db *d = &c->w->db;
    (void)commit;
    db_result r;
    db_status st = db_exec(d, &q_category_order, c->a, NULL, 0, &r);
    if (st != DB_OK)
        return st;
    size_t i = 0;
    while (i < r.nrows && db_int(&r, i, CO_ID) != w->id)
        i++;
    w->missing = i == r.nrows;
    w->changed = false;
    if (w->missing || (w->up && i == 0) || (!w->up && i + 1 == r.nrows))
        return DB_OK;
    size_t j = w->up ? i - 1 : i + 1;
    long long *pos = arena_alloc(c->a, r.nrows * sizeof(*pos));
    for (size_t k = 0; k < r.nrows; k++)
        pos[k] = db_int(&r, k, CO_POSITION);
    /* the positions as they were, for the audit row */
    const char *was_i = db_str(&r, i, CO_POSITION), *was_j = db_str(&r, j, CO_POSITION);
    bool spread = pos[i] == pos[j];
    if (spread) {
        for (size_t k = 0; k < r.nrows; k++) {
            long long want = (long long)(k + 1) * POSITION_STEP;
            if (pos[k] != want &&
                (st = db_exec(d, &q_category_position, c->a, (db_param[]){DB_INT(want), DB_INT(db_int(&r, k, CO_ID))},
                              2, NULL)) != DB_OK)
                return st;
            pos[k] = want;
        }
    }
    if ((st = db_exec(d, &q_category_position, c->a, (db_param[]){DB_INT(pos[j]), DB_INT(w->id)}, 2, NULL)) != DB_OK ||
        (st = db_exec(d, &q_category_position, c->a, (db_param[]){DB_INT(pos[i]), DB_INT(db_int(&r, j, CO_ID))}, 2,
                      NULL)) != DB_OK)
        return st;
    w->changed = true;
    w->slug = db_str(&r, i, CO_SLUG);
    const char *other = db_str(&r, j, CO_SLUG);
    const char *pi = arena_printf(c->a, "%lld", pos[i]), *pj = arena_printf(c->a, "%lld", pos[j]);
    audit_who who = admin_who(c);
    /* tied positions were first spread out (every category renumbered) */
    audit_entry e = {.action = "category.move",
                     .target_type = "category",
                     .target_ref = w->slug,
                     .before = audit_fields(c->a, w->slug, was_i, other, was_j, NULL),
                     .after = spread ? audit_fields(c->a, w->slug, pj, other, pi, "renumbered", "every category", NULL)
                                     : audit_fields(c->a, w->slug, pj, other, pi, NULL)};
    return audit_add(d, c->a, &who, &e);
}

int h_admin_category_move(ctx *c)
{
    category_write w = {.c = c, .id = path_id(c), .up = strcmp(ctx_in(c, "dir"), "up") == 0};
    db_status st = db_txn(&c->w->db, category_move_txn, &w);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (w.missing)
        return no_category(c);
    return ctx_redirect(c, w.changed ? "/admin/catalog?notice=catalog_category_moved"
                                     : "/admin/catalog?notice=not_catalog_moved");
}

/* ------------------------------------------------------------------ */
/* products                                                             */

typedef struct product_write {
    ctx *c;
    long long id;
    const char *v[PF__MAX]; /* the form's values as the columns take them */
    const char *category_slug;
    long long vendor_id;
    const char *vendor_slug;
    bool list; /* list (true) or delist */
    const char *reason;
    /* what happened */
    bool missing, changed, refused_once, no_price;
} product_write;

/* Reads and checks the product form into w->v (every field's error at
 * once), the vendor too when with_vendor: 0 when it is good, 422 with
 * its form errors, or the status of a database failure. */
static int product_form_check(ctx *c, product_write *w, bool with_vendor)
{
    bool ok = true;
    for (int i = 0; i < PF__MAX; i++) {
        w->v[i] = trimmed(c, pfields[i].name);
        if (pfields[i].max && !text_ok(c, pfields[i].name, w->v[i], pfields[i].max, pfields[i].required))
            ok = false;
    }
    w->v[PF_FREE_LOGIN] = strcmp(w->v[PF_FREE_LOGIN], "on") == 0 ? "1" : "0";
    if (*w->v[PF_EMAIL] && strlen(w->v[PF_EMAIL]) <= EMAIL_MAX && !email_ok(w->v[PF_EMAIL])) {
        ctx_form_error(c, 422, "support_email", "admin.catalog.err.email");
        ok = false;
    }
    if (*w->v[PF_PHONE] && strlen(w->v[PF_PHONE]) <= PHONE_MAX && !phone_ok(w->v[PF_PHONE])) {
        ctx_form_error(c, 422, "support_phone", "admin.catalog.err.phone");
        ok = false;
    }
    db_result r;
    db_status st;
    long long category = ctx_in_int(c, "category", 0);
    if ((st = db_exec(&c->w->db, &q_category_slug, c->a, (db_param[]){DB_INT(category)}, 1, &r)) != DB_OK)
        return page_fail(c, st);
    if (r.nrows == 0) {
        ctx_form_error(c, 422, "category", "admin.catalog.err.no_category");
        ok = false;
    } else {
        w->category_slug = db_str(&r, 0, CS_SLUG);
        w->v[PF_CATEGORY] = arena_printf(c->a, "%lld", category);
    }
    if (!with_vendor)
        return ok ? 0 : 422;
    w->vendor_slug = trimmed(c, "vendor");
    if ((st = db_exec(&c->w->db, &q_vendor_by_slug, c->a, (db_param[]){DB_STR(w->vendor_slug)}, 1, &r)) != DB_OK)
        return page_fail(c, st);
    if (r.nrows == 0) {
        ctx_form_error(c, 422, "vendor", "admin.catalog.err.no_vendor");
        ok = false;
    } else {
        w->vendor_id = db_int(&r, 0, VE_ID);
    }
    return ok ? 0 : 422;
}

static const char *const product_keep[] = {
    "vendor",         "category",      "name_zh",    "name_en",       "summary_zh",    "summary_en", "description_zh",
    "description_en", "delivery_mode", "free_login", "support_email", "support_phone", NULL,
};

/* The product form's values as audit lines: every field (old, when not
 * NULL, gives only those that differ from it); the category by slug. */
static const char *product_lines(ctx *c, const char *const *v, const char *category_slug, const char *const *old)
{
    const char *text = "";
    for (int i = 0; i < PF__MAX; i++) {
        if (old && strcmp(old[i], v[i]) == 0)
            continue;
        const char *value = i == PF_CATEGORY ? arena_printf(c->a, "%s (%s)", category_slug, v[i]) : v[i];
        text = arena_printf(c->a, "%s%s%s: %s", text, *text ? "\n" : "", pfields[i].name, value);
    }
    return text;
}

static db_status product_create_txn(void *data, bool *commit)
{
    product_write *w = data;
    ctx *c = w->c;
    db *d = &c->w->db;
    (void)commit;
    db_param p[12] = {DB_INT(w->vendor_id)};
    for (int i = 0; i < PF__MAX; i++)
        p[1 + i] = DB_STR(w->v[i]);
    db_result r;
    db_status st = db_exec(d, &q_product_insert, c->a, p, 12, &r);
    if (st != DB_OK)
        return st;
    w->id = (long long)r.insert_id;
    audit_who who = admin_who(c);
    audit_entry e = {.action = "product.create",
                     .target_type = "product",
                     .target_ref = arena_printf(c->a, "%lld", w->id),
                     .after = arena_printf(c->a, "vendor: %s\n%s\nlisted: 0", w->vendor_slug,
                                           product_lines(c, w->v, w->category_slug, NULL))};
    return audit_add(d, c->a, &who, &e);
}

int h_admin_product_create(ctx *c)
{
    product_write w = {.c = c};
    int bad = product_form_check(c, &w, true);
    if (bad == 422) {
        keep_form(c, "product", 0, product_keep);
        int fail = product_new_page(c, false);
        return fail != 200 ? fail : 422;
    }
    if (bad)
        return bad;
    db_status st = db_txn(&c->w->db, product_create_txn, &w);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    return ctx_redirect(c, arena_printf(c->a, "/admin/products/%lld?notice=catalog_product_created", w.id));
}

static db_status product_update_txn(void *data, bool *commit)
{
    product_write *w = data;
    ctx *c = w->c;
    db *d = &c->w->db;
    db_result r, n;
    db_status st = lock_by_id(c, &q_product_lock, w->id, &r, &w->missing);
    if (st != DB_OK)
        return st;
    w->changed = w->refused_once = false;
    if (w->missing)
        return DB_OK;
    const char *old[PF__MAX];
    for (int i = 0; i < PF__MAX; i++)
        old[i] = db_str(&r, 0, (unsigned)i);
    for (int i = 0; i < PF__MAX; i++)
        if (strcmp(old[i], w->v[i]) != 0)
            w->changed = true;
    if (!w->changed)
        return DB_OK;
    /* the rule the triggers keep, told apart before it is broken */
    if (strcmp(w->v[PF_MODE], "auto") == 0 && strcmp(old[PF_MODE], "auto") != 0) {
        if ((st = db_exec(d, &q_product_once_prices, c->a, (db_param[]){DB_INT(w->id)}, 1, &n)) != DB_OK)
            return st;
        if (db_int(&n, 0, 0) > 0) {
            w->refused_once = true;
            *commit = false;
            return DB_OK;
        }
    }
    db_param p[12];
    for (int i = 0; i < PF__MAX; i++)
        p[i] = DB_STR(w->v[i]);
    p[PF__MAX] = DB_INT(w->id);
    if ((st = db_exec(d, &q_product_update, c->a, p, 12, NULL)) != DB_OK) {
        if (st == DB_ERROR && refused_once(&q_product_update)) {
            w->refused_once = true;
            *commit = false;
            return DB_OK;
        }
        return st;
    }
    const char *old_slug = w->category_slug;
    if (strcmp(old[PF_CATEGORY], w->v[PF_CATEGORY]) != 0) {
        if ((st = db_exec(d, &q_category_slug, c->a, (db_param[]){DB_STR(old[PF_CATEGORY])}, 1, &n)) != DB_OK)
            return st;
        old_slug = n.nrows ? db_str(&n, 0, CS_SLUG) : "?";
    }
    audit_who who = admin_who(c);
    audit_entry e = {.action = "product.update",
                     .target_type = "product",
                     .target_ref = arena_printf(c->a, "%lld", w->id),
                     .before = product_lines(c, old, old_slug, w->v),
                     .after = product_lines(c, w->v, w->category_slug, old)};
    return audit_add(d, c->a, &who, &e);
}

static int no_product(ctx *c)
{
    ctx_back(c, "/admin/catalog", "admin.nav.catalog");
    return ctx_fail(c, 404, "no_such_product", "There is no such product.");
}

/* The product page again, with a failed form's errors (422). */
static int product_again(ctx *c, long long id, bool own_values)
{
    int fail = product_page(c, id, own_values);
    return fail != 200 ? fail : 422;
}

int h_admin_product_update(ctx *c)
{
    product_write w = {.c = c, .id = path_id(c)};
    int bad = product_form_check(c, &w, false);
    if (bad == 422) {
        keep_form(c, "product", w.id, product_keep + 1);
        return product_again(c, w.id, false);
    }
    if (bad)
        return bad;
    db_status st = db_txn(&c->w->db, product_update_txn, &w);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (w.missing)
        return no_product(c);
    if (w.refused_once) {
        ctx_form_error(c, 422, "delivery_mode", "admin.catalog.err.once_manual");
        keep_form(c, "product", w.id, product_keep + 1);
        return product_again(c, w.id, false);
    }
    return ctx_redirect(c, arena_printf(c->a, "/admin/products/%lld?notice=%s", w.id,
                                        w.changed ? "catalog_product_saved" : "not_catalog_changed"));
}

/* Listing needs a spec a buyer can choose (active, with a price);
 * delisting needs a reason. */
static db_status product_listing_txn(void *data, bool *commit)
{
    product_write *w = data;
    ctx *c = w->c;
    db *d = &c->w->db;
    db_result r, n;
    db_status st = lock_by_id(c, &q_product_lock, w->id, &r, &w->missing);
    if (st != DB_OK)
        return st;
    w->changed = w->no_price = false;
    if (w->missing || db_int(&r, 0, PL_LISTED) == (w->list ? 1 : 0))
        return DB_OK;
    if (w->list) {
        if ((st = db_exec(d, &q_product_on_sale, c->a, (db_param[]){DB_INT(w->id)}, 1, &n)) != DB_OK)
            return st;
        if (db_int(&n, 0, 0) == 0) {
            w->no_price = true;
            *commit = false;
            return DB_OK;
        }
    }
    if ((st = db_exec(d, &q_product_listed, c->a, (db_param[]){DB_INT(w->list ? 1 : 0), DB_INT(w->id)}, 2, NULL)) !=
        DB_OK)
        return st;
    w->changed = true;
    audit_who who = admin_who(c);
    audit_entry e = {.action = w->list ? "product.list" : "product.delist",
                     .target_type = "product",
                     .target_ref = arena_printf(c->a, "%lld", w->id),
                     .before = w->list ? "listed: 0" : "listed: 1",
                     .after = w->list ? "listed: 1" : "listed: 0",
                     .reason = *w->reason ? w->reason : NULL};
    return audit_add(d, c->a, &who, &e);
}

static int product_listing(ctx *c, bool list)
{
    static const char *const keep[] = {"reason", NULL};
    product_write w = {.c = c, .id = path_id(c), .list = list, .reason = trimmed(c, "reason")};
    if (!text_ok(c, "reason", w.reason, REASON_MAX, !list)) {
        keep_form(c, list ? "list" : "delist", w.id, keep);
        return product_again(c, w.id, true);
    }
    db_status st = db_txn(&c->w->db, product_listing_txn, &w);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (w.missing)
        return no_product(c);
    if (w.no_price) {
        ctx_form_error(c, 422, NULL, "admin.catalog.err.nothing_on_sale");
        keep_form(c, "list", w.id, keep);
        return product_again(c, w.id, true);
    }
    const char *notice = !w.changed ? "not_catalog_changed"
                         : list     ? "catalog_product_listed"
                                    : "catalog_product_delisted";
    return ctx_redirect(c, arena_printf(c->a, "/admin/products/%lld?notice=%s", w.id, notice));
}

int h_admin_product_list(ctx *c)
{
    return product_listing(c, true);
}

int h_admin_product_delist(ctx *c)
{
    return product_listing(c, false);
}

/* ------------------------------------------------------------------ */
/* specs and prices                                                     */

typedef struct spec_write {
    ctx *c;
    long long product, spec;
    const char *op; /* "edit", "activate", "deactivate"; "set", "remove" */
    const char *name_zh, *name_en, *features_zh, *features_en;
    long long months, cents;
    /* what happened */
    bool missing, changed, refused_once;
} spec_write;

static const char *const spec_keep[] = {"name_zh", "name_en", "features_zh", "features_en", NULL};

/* Spec names present, features optional, each within its column. */
static bool spec_form_ok(ctx *c, spec_write *w)
{
    w->name_zh = trimmed(c, "name_zh");
    w->name_en = trimmed(c, "name_en");
    w->features_zh = trimmed(c, "features_zh");
    w->features_en = trimmed(c, "features_en");
    bool ok = text_ok(c, "name_zh", w->name_zh, SPEC_NAME_MAX, true);
    ok = text_ok(c, "name_en", w->name_en, SPEC_NAME_MAX, true) && ok;
    ok = text_ok(c, "features_zh", w->features_zh, FEATURES_MAX, false) && ok;
    return text_ok(c, "features_en", w->features_en, FEATURES_MAX, false) && ok;
}

static db_status spec_add_txn(void *data, bool *commit)
{
    spec_write *w = data;
    ctx *c = w->c;
    db *d = &c->w->db;
    (void)commit;
    db_result r;
    db_status st = lock_by_id(c, &q_product_lock, w->product, &r, &w->missing);
    if (st != DB_OK || w->missing)
        return st;
    if ((st = db_exec(d, &q_spec_next, c->a, (db_param[]){DB_INT(w->product)}, 1, &r)) != DB_OK)
        return st;
    const char *position = db_str(&r, 0, 0);
    if ((st = db_exec(d, &q_spec_insert, c->a,
                      (db_param[]){DB_INT(w->product), DB_STR(w->name_zh), DB_STR(w->name_en), DB_STR(w->features_zh),
                                   DB_STR(w->features_en), DB_STR(position)},
                      6, &r)) != DB_OK)
        return st;
    w->spec = (long long)r.insert_id;
    audit_who who = admin_who(c);
    audit_entry e = {.action = "spec.create",
                     .target_type = "product",
                     .target_ref = arena_printf(c->a, "%lld", w->product),
                     .after = audit_fields(c->a, "spec", arena_printf(c->a, "%lld", w->spec), "name_zh", w->name_zh,
                                           "name_en", w->name_en, "features_zh", w->features_zh, "features_en",
                                           w->features_en, "position", position, "active", "1", NULL)};
    return audit_add(d, c->a, &who, &e);
}

int h_admin_spec_add(ctx *c)
{
    spec_write w = {.c = c, .product = path_id(c)};
    if (!spec_form_ok(c, &w)) {
        keep_form(c, "spec-new", w.product, spec_keep);
        return product_again(c, w.product, true);
    }
    db_status st = db_txn(&c->w->db, spec_add_txn, &w);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (w.missing)
        return no_product(c);
    return ctx_redirect(
        c, arena_printf(c->a, "/admin/products/%lld?notice=catalog_spec_added#spec-%lld", w.product, w.spec));
}

/* Step 2 of a spec's or price's transaction, after its product's row
 * (step 1, the order every catalog write takes): the spec's row. */
static db_status spec_lock(spec_write *w, db_result *r)
{
    ctx *c = w->c;
    db_result p;
    db_status st = db_exec(&c->w->db, &q_product_lock, c->a, (db_param[]){DB_INT(w->product)}, 1, &p);
    if (st != DB_OK)
        return st;
    if ((st = db_exec(&c->w->db, &q_spec_lock, c->a, (db_param[]){DB_INT(w->spec)}, 1, r)) != DB_OK)
        return st;
    w->missing = p.nrows == 0 || r->nrows == 0 || db_int(r, 0, SL_PRODUCT) != w->product;
    w->changed = w->refused_once = false;
    if (!w->missing && strcmp(db_str(&p, 0, PF_MODE), "auto") == 0 && w->months == 0 && strcmp(w->op, "set") == 0)
        w->refused_once = true;
    return DB_OK;
}

static db_status spec_update_txn(void *data, bool *commit)
{
    spec_write *w = data;
    ctx *c = w->c;
    db *d = &c->w->db;
    (void)commit;
    db_result r;
    db_status st = spec_lock(w, &r);
    if (st != DB_OK || w->missing)
        return st;
    audit_who who = admin_who(c);
    const char *spec = arena_printf(c->a, "%lld", w->spec);
    audit_entry e = {.target_type = "product", .target_ref = arena_printf(c->a, "%lld", w->product)};
    if (strcmp(w->op, "edit") == 0) {
        const char *zh = db_str(&r, 0, SL_NAME_ZH), *en = db_str(&r, 0, SL_NAME_EN),
                   *fzh = db_str(&r, 0, SL_FEATURES_ZH), *fen = db_str(&r, 0, SL_FEATURES_EN);
        w->changed = strcmp(zh, w->name_zh) || strcmp(en, w->name_en) || strcmp(fzh, w->features_zh) ||
                     strcmp(fen, w->features_en);
        if (!w->changed)
            return DB_OK;
        if ((st = db_exec(d, &q_spec_update, c->a,
                          (db_param[]){DB_STR(w->name_zh), DB_STR(w->name_en), DB_STR(w->features_zh),
                                       DB_STR(w->features_en), DB_INT(w->spec)},
                          5, NULL)) != DB_OK)
            return st;
        e.action = "spec.update";
        e.before = audit_fields(c->a, "spec", spec, "name_zh", zh, "name_en", en, "features_zh", fzh, "features_en",
                                fen, NULL);
        e.after = audit_fields(c->a, "spec", spec, "name_zh", w->name_zh, "name_en", w->name_en, "features_zh",
                               w->features_zh, "features_en", w->features_en, NULL);
    } else {
        long long active = strcmp(w->op, "activate") == 0;
        w->changed = db_int(&r, 0, SL_ACTIVE) != active;
        if (!w->changed)
            return DB_OK;
        if ((st = db_exec(d, &q_spec_active, c->a, (db_param[]){DB_INT(active), DB_INT(w->spec)}, 2, NULL)) != DB_OK)
            return st;
        e.action = active ? "spec.activate" : "spec.deactivate";
        e.before = audit_fields(c->a, "spec", spec, "active", active ? "0" : "1", NULL);
        e.after = audit_fields(c->a, "spec", spec, "active", active ? "1" : "0", NULL);
    }
    return audit_add(d, c->a, &who, &e);
}

/* Sets w->product from the spec in the path: 0, or 404 when there is
 * no such spec, or the status of a database failure. */
static int spec_product(ctx *c, spec_write *w)
{
    db_result r;
    db_status st = db_exec(&c->w->db, &q_spec_product, c->a, (db_param[]){DB_INT(w->spec)}, 1, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (r.nrows == 0) {
        ctx_back(c, "/admin/catalog", "admin.nav.catalog");
        return ctx_fail(c, 404, "no_such_spec", "There is no such spec.");
    }
    w->product = db_int(&r, 0, 0);
    return 0;
}

static int spec_done(ctx *c, const spec_write *w, const char *notice)
{
    return ctx_redirect(c, arena_printf(c->a, "/admin/products/%lld?notice=%s#spec-%lld", w->product,
                                        w->changed ? notice : "not_catalog_changed", w->spec));
}

int h_admin_spec_update(ctx *c)
{
    spec_write w = {.c = c, .spec = path_id(c), .op = ctx_in(c, "op"), .months = -1};
    int fail = spec_product(c, &w);
    if (fail)
        return fail;
    if (strcmp(w.op, "edit") == 0 && !spec_form_ok(c, &w)) {
        keep_form(c, "spec", w.spec, spec_keep);
        return product_again(c, w.product, true);
    }
    db_status st = db_txn(&c->w->db, spec_update_txn, &w);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (w.missing)
        return no_product(c);
    const char *notice = strcmp(w.op, "edit") == 0       ? "catalog_spec_saved"
                         : strcmp(w.op, "activate") == 0 ? "catalog_spec_activated"
                                                         : "catalog_spec_deactivated";
    return spec_done(c, &w, notice);
}

static db_status price_txn(void *data, bool *commit)
{
    spec_write *w = data;
    ctx *c = w->c;
    db *d = &c->w->db;
    db_result r, pr;
    db_status st = spec_lock(w, &r);
    if (st != DB_OK || w->missing)
        return st;
    if (w->refused_once) { /* told apart before the trigger refuses it */
        *commit = false;
        return DB_OK;
    }
    if ((st = db_exec(d, &q_price_lock, c->a, (db_param[]){DB_INT(w->spec), DB_INT(w->months)}, 2, &pr)) != DB_OK)
        return st;
    bool had = pr.nrows > 0;
    long long before = had ? db_int(&pr, 0, 0) : 0;
    bool set = strcmp(w->op, "set") == 0;
    w->changed = set ? !had || before != w->cents : had;
    if (!w->changed)
        return DB_OK;
    db_stmt *s = !set ? &q_price_delete : had ? &q_price_update : &q_price_insert;
    if (!set)
        st = db_exec(d, s, c->a, (db_param[]){DB_INT(w->spec), DB_INT(w->months)}, 2, NULL);
    else if (had)
        st = db_exec(d, s, c->a, (db_param[]){DB_INT(w->cents), DB_INT(w->spec), DB_INT(w->months)}, 3, NULL);
    else
        st = db_exec(d, s, c->a, (db_param[]){DB_INT(w->spec), DB_INT(w->months), DB_INT(w->cents)}, 3, NULL);
    if (st == DB_ERROR && refused_once(s)) {
        w->refused_once = true;
        *commit = false;
        return DB_OK;
    }
    if (st != DB_OK)
        return st;
    const char *spec = arena_printf(c->a, "%lld", w->spec), *period = period_text(w->months);
    audit_who who = admin_who(c);
    audit_entry e = {
        .action = set ? "price.set" : "price.remove",
        .target_type = "product",
        .target_ref = arena_printf(c->a, "%lld", w->product),
        .before = audit_fields(c->a, "spec", spec, "period", period, "price", had ? yuan(c, before) : NULL, NULL),
        .after = audit_fields(c->a, "spec", spec, "period", period, "price", set ? yuan(c, w->cents) : NULL, NULL)};
    return audit_add(d, c->a, &who, &e);
}

int h_admin_spec_price(ctx *c)
{
    static const char *const keep[] = {"period", "amount", "op", NULL};
    spec_write w = {.c = c, .spec = path_id(c), .op = ctx_in(c, "op"), .months = ctx_in_int(c, "period", -1)};
    int fail = spec_product(c, &w);
    if (fail)
        return fail;
    bool ok = true;
    if (!period_ok(w.months)) {
        ctx_form_error(c, 422, "period", "admin.catalog.err.period");
        ok = false;
    }
    if (strcmp(w.op, "set") == 0) {
        const char *amount = trimmed(c, "amount");
        if (!shop_parse_yuan(amount, &w.cents)) {
            ctx_form_error(c, 422, "amount", "admin.catalog.err.amount");
            ok = false;
        } else if (w.cents <= 0) {
            ctx_form_error(c, 422, "amount", "admin.catalog.err.amount_zero");
            ok = false;
        }
    }
    db_status st = ok ? db_txn(&c->w->db, price_txn, &w) : DB_OK;
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (ok && w.refused_once) {
        ctx_form_error(c, 422, "period", "admin.catalog.err.once_manual");
        ok = false;
    }
    if (!ok) {
        keep_form(c, "price", w.spec, keep);
        return product_again(c, w.product, true);
    }
    if (w.missing)
        return no_product(c);
    return spec_done(c, &w, strcmp(w.op, "set") == 0 ? "catalog_price_set" : "catalog_price_removed");
}
