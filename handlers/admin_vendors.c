/* The console's vendors: the list, a new vendor, a vendor's page (details,
 * suspension, partner API keys, products, recent orders and deliveries).
 * Standing and keys go through vendor_admin.c, which mp-admin shares. */
#include <ctype.h>
#include <string.h>

#include "../fcgi/text.h"
#include "../fcgi/xml.h"
#include "admin.h"
#include "handlers.h"
#include "vendor_admin.h"

#define VENDOR_RECENT 20 /* recent orders and deliveries on a vendor's page */

/* --- the list --- */

enum { VL_ID, VL_SLUG, VL_NAME_ZH, VL_NAME_EN, VL_STATUS, VL_CREATED, VL_PRODUCTS, VL_LISTED, VL_KEYS, VL__MAX };
#define VENDOR_LIST                                                                                                    \
    "SELECT v.id, v.slug, v.name_zh, v.name_en, v.status, v.created_at, "                                              \
    "(SELECT COUNT(*) FROM products p WHERE p.vendor_id = v.id), "                                                     \
    "(SELECT COUNT(*) FROM products p WHERE p.vendor_id = v.id AND p.listed = 1), "                                    \
    "(SELECT COUNT(*) FROM partner_keys k WHERE k.vendor_id = v.id AND k.status = 'active') FROM vendors v "           \
    "WHERE (? IS NULL OR v.slug LIKE ? OR v.name_zh LIKE ? OR v.name_en LIKE ?) AND (? IS NULL OR v.status = ?) "
static db_stmt q_vendors = DB_STMT("admin_vendors", 8, VL__MAX, VENDOR_LIST "AND v.id < ? ORDER BY v.id DESC LIMIT ?");
static db_stmt q_vendors_back = DB_STMT("admin_vendors_back", 8, VL__MAX,
    VENDOR_LIST "AND v.id > ? ORDER BY v.id LIMIT ?");

/* "%q%" with LIKE's own characters taken literally; NULL for NULL. */
static const char *contains_pattern(arena *a, const char *q)
{
    if (!q)
        return NULL;
    char *out = arena_alloc(a, 2 * strlen(q) + 3), *o = out;
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

int h_admin_vendors(ctx *c)
{
    const char *q = admin_filter(c, "q"), *status = admin_filter(c, "status");
    const char *like = contains_pattern(c->a, q);
    bool back;
    long long cursor = admin_cursor(c, &back);
    db_result r;
    db_status st = db_exec(&c->w->db, back ? &q_vendors_back : &q_vendors, c->a,
                           (db_param[]){DB_STR(like), DB_STR(like), DB_STR(like), DB_STR(like), DB_STR(status),
                                        DB_STR(status), DB_INT(cursor), DB_INT(ADMIN_PAGE + 1)},
                           8, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    xmlNodePtr list = xml_add(c->page, "vendors");
    if (q)
        xml_set(list, "q", q);
    if (status)
        xml_set(list, "status", status);
    admin_list_href(c, list);
    size_t n = model_page(c, list, &r, ADMIN_PAGE, -1);
    static const attr_col cols[] = {
        {"id", VL_ID, 0},
        {"slug", VL_SLUG, 0},
        {"status", VL_STATUS, 0},
        {"created", VL_CREATED, ATTR_TIME},
        {"products", VL_PRODUCTS, 0},
        {"listed", VL_LISTED, 0},
        {"active-keys", VL_KEYS, 0},
        {NULL, 0, 0},
    };
    for (size_t i = 0; i < n; i++) {
        xmlNodePtr v = xml_add(list, "vendor");
        model_attrs(c, v, &r, i, cols);
        xml_add_text(v, "name-zh", db_str(&r, i, VL_NAME_ZH));
        xml_add_text(v, "name-en", db_str(&r, i, VL_NAME_EN));
    }
    return 200;
}

/* --- the fields of a vendor --- */

/* The fields a vendor's form takes, in order; slug only when creating. */
static const char *const vendor_fields[] = {"slug", "name_zh", "name_en", "website", "support_email", NULL};

typedef struct vendor_form {
    const char *slug, *name_zh, *name_en, *website, *support_email;
} vendor_form;

static const char *trimmed(arena *a, const char *s)
{
    if (!s)
        return "";
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return arena_strndup(a, s, n);
}

static bool slug_ok(const char *s)
{
    size_t n = strlen(s);
    return n >= 1 && n <= 64 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* An absolute http(s) address of a host, without spaces, quotes or angle
 * brackets (it becomes a link on the product pages). */
static bool website_ok(const char *s)
{
    char origin[300];
    if (strlen(s) > 500 || !text_url_origin(s, origin, sizeof(origin)))
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= 0x20 || *p == 0x7f || *p == '"' || *p == '\'' || *p == '<' || *p == '>' || *p == '\\')
            return false;
    return true;
}

static bool email_ok(const char *e)
{
    const char *at = strchr(e, '@');
    if (strlen(e) > 254 || !at || at == e || strchr(at + 1, '@') || !strchr(at + 1, '.') || at[1] == '.')
        return false;
    for (const unsigned char *p = (const unsigned char *)e; *p; p++)
        if (*p <= 0x20 || *p == 0x7f || *p == '<' || *p == '>' || *p == '"' || *p == ',' || *p == '\'')
            return false;
    return e[strlen(e) - 1] != '.';
}

/* Reads and checks the form (slug too when creating): every field's error
 * at once, as form errors; false when there is one. */
static bool read_form(ctx *c, vendor_form *f, bool creating)
{
    f->slug = creating ? trimmed(c->a, ctx_in(c, "slug")) : NULL;
    f->name_zh = trimmed(c->a, ctx_in(c, "name_zh"));
    f->name_en = trimmed(c->a, ctx_in(c, "name_en"));
    f->website = trimmed(c->a, ctx_in(c, "website"));
    f->support_email = trimmed(c->a, ctx_in(c, "support_email"));
    bool ok = true;
    if (creating && !slug_ok(f->slug)) {
        ctx_form_error(c, 422, "slug", "admin.vendors.bad_slug");
        ok = false;
    } else if (creating && strcmp(f->slug, "new") == 0) { /* /admin/vendors/new is the form */
        ctx_form_error(c, 422, "slug", "admin.vendors.slug_taken");
        ok = false;
    }
    if (!*f->name_zh) {
        ctx_form_error(c, 422, "name_zh", "admin.vendors.bad_name");
        ok = false;
    }
    if (!*f->name_en) {
        ctx_form_error(c, 422, "name_en", "admin.vendors.bad_name");
        ok = false;
    }
    if (*f->website && !website_ok(f->website)) {
        ctx_form_error(c, 422, "website", "admin.vendors.bad_website");
        ok = false;
    }
    if (!email_ok(f->support_email)) {
        ctx_form_error(c, 422, "support_email", "admin.vendors.bad_email");
        ok = false;
    }
    return ok;
}

/* <form action="…"><field name="…">…</field>…</form>: the values a form
 * shows, from the request (values[] NULL) or from values[]. */
static void add_form(ctx *c, const char *action, const char *const *values, bool creating)
{
    xmlNodePtr f = xml_add(c->page, "form");
    xml_set(f, "action", action);
    for (size_t i = creating ? 0 : 1; vendor_fields[i]; i++) {
        const char *v = values ? values[i] : ctx_in(c, vendor_fields[i]);
        xml_set(xml_add_text(f, "field", v ? v : ""), "name", vendor_fields[i]);
    }
}

/* --- a new vendor --- */

int h_admin_vendor_new(ctx *c)
{
    add_form(c, "/admin/vendors", NULL, true);
    return 200;
}

static db_stmt q_insert = DB_STMT("admin_vendor_insert", 5, 0,
    "INSERT INTO vendors (slug, name_zh, name_en, website, support_email) VALUES (?, ?, ?, ?, ?)");

typedef struct vendor_write {
    ctx *c;
    const vendor_form *f;
    const char *slug;
    bool found, changed;
} vendor_write;

static const char *form_fields(arena *a, const vendor_form *f)
{
    return audit_fields(a, "name_zh", f->name_zh, "name_en", f->name_en, "website", f->website, "support_email",
                        f->support_email, NULL);
}

static db_status create_txn(void *data, bool *commit)
{
    (void)commit;
    vendor_write *w = data;
    ctx *c = w->c;
    const vendor_form *f = w->f;
    db_status st = db_exec(&c->w->db, &q_insert, c->a,
                           (db_param[]){DB_STR(f->slug), DB_STR(f->name_zh), DB_STR(f->name_en), DB_STR(f->website),
                                        DB_STR(f->support_email)},
                           5, NULL);
    if (st != DB_OK)
        return st;
    audit_who who = admin_who(c);
    audit_entry e = {.action = "vendor.create",
                     .target_type = "vendor",
                     .target_ref = f->slug,
                     .before = "",
                     .after = arena_printf(c->a, "slug: %s\nstatus: active\n%s", f->slug, form_fields(c->a, f))};
    return audit_add(&c->w->db, c->a, &who, &e);
}

int h_admin_vendor_create(ctx *c)
{
    vendor_form f;
    add_form(c, "/admin/vendors", NULL, true);
    if (!read_form(c, &f, true))
        return 422;
    vendor_write w = {.c = c, .f = &f};
    db_status st = db_txn(&c->w->db, create_txn, &w);
    if (st == DB_DUPLICATE) /* the slug is taken: nothing was written */
        return ctx_form_error(c, 422, "slug", "admin.vendors.slug_taken");
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    return ctx_redirect(c, arena_printf(c->a, "/admin/vendors/%s?notice=vendor_created", f.slug));
}

/* --- a vendor's page --- */

enum {
    VD_ID,
    VD_SLUG,
    VD_NAME_ZH,
    VD_NAME_EN,
    VD_WEBSITE,
    VD_EMAIL,
    VD_STATUS,
    VD_CREATED,
    VD_UPDATED,
    VD_PRODUCTS,
    VD_LISTED,
    VD_KEYS,
    VD__MAX
};
static db_stmt q_vendor = DB_STMT("admin_vendor", 1, VD__MAX,
    "SELECT v.id, v.slug, v.name_zh, v.name_en, v.website, v.support_email, v.status, v.created_at, v.updated_at, "
    "(SELECT COUNT(*) FROM products p WHERE p.vendor_id = v.id), "
    "(SELECT COUNT(*) FROM products p WHERE p.vendor_id = v.id AND p.listed = 1), "
    "(SELECT COUNT(*) FROM partner_keys k WHERE k.vendor_id = v.id AND k.status = 'active') "
    "FROM vendors v WHERE v.slug = ?");
enum { VP_ID, VP_NAME_ZH, VP_NAME_EN, VP_LISTED, VP_MODE, VP_PRICE, VP_CREATED, VP_CATEGORY, VP__MAX };
#define VENDOR_PRODUCTS                                                                                                \
    "SELECT p.id, p.name_zh, p.name_en, p.listed, p.delivery_mode, p.price_from_cents, p.created_at, c.slug "          \
    "FROM products p JOIN categories c ON c.id = p.category_id WHERE p.vendor_id = ? "
static db_stmt q_products = DB_STMT("admin_vendor_products", 3, VP__MAX,
    VENDOR_PRODUCTS "AND p.id < ? ORDER BY p.id DESC LIMIT ?");
static db_stmt q_products_back = DB_STMT("admin_vendor_products_back", 3, VP__MAX,
    VENDOR_PRODUCTS "AND p.id > ? ORDER BY p.id LIMIT ?");
enum { VO_NO, VO_KIND, VO_STATUS, VO_TOTAL, VO_PRODUCT_ZH, VO_PRODUCT_EN, VO_CREATED, VO__MAX };
static db_stmt q_orders = DB_STMT("admin_vendor_orders", 2, VO__MAX,
    "SELECT order_no, kind, status, total_cents, product_name_zh, product_name_en, created_at FROM orders "
    "WHERE vendor_id = ? ORDER BY id DESC LIMIT ?");
enum { VDL_NO, VDL_STATUS, VDL_INSTANCE, VDL_PRODUCT_ZH, VDL_PRODUCT_EN, VDL_CREATED, VDL__MAX };
static db_stmt q_deliveries = DB_STMT("admin_vendor_deliveries", 2, VDL__MAX,
    "SELECT d.delivery_no, d.status, i.instance_no, p.name_zh, p.name_en, d.created_at FROM deliveries d "
    "JOIN instances i ON i.id = d.instance_id JOIN products p ON p.id = i.product_id "
    "WHERE d.vendor_id = ? ORDER BY d.id DESC LIMIT ?");

/* The vendor's page model for slug: 0, or 404 (or a database failure)
 * with the error set. form_from_db: the edit form shows the stored values
 * (false: the request's, a form being shown again). */
static int vendor_page(ctx *c, const char *slug, bool form_from_db)
{
    db *d = &c->w->db;
    db_result v, keys, products, orders, deliveries;
    db_status st = db_exec(d, &q_vendor, c->a, (db_param[]){DB_STR(slug)}, 1, &v);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (v.nrows == 0) {
        c->show_page = false; /* an error page, not the form being corrected */
        return ctx_fail(c, 404, "no_such_vendor", "There is no such vendor.");
    }
    long long id = db_int(&v, 0, VD_ID);
    bool back;
    long long cursor = admin_cursor(c, &back);
    if ((st = vendor_keys_list(d, c->a, id, ADMIN_PAGE, &keys)) != DB_OK ||
        (st = db_exec(d, back ? &q_products_back : &q_products, c->a,
                      (db_param[]){DB_INT(id), DB_INT(cursor), DB_INT(ADMIN_PAGE + 1)}, 3, &products)) != DB_OK ||
        (st = db_exec(d, &q_orders, c->a, (db_param[]){DB_INT(id), DB_INT(VENDOR_RECENT)}, 2, &orders)) != DB_OK ||
        (st = db_exec(d, &q_deliveries, c->a, (db_param[]){DB_INT(id), DB_INT(VENDOR_RECENT)}, 2, &deliveries)) !=
            DB_OK)
        return ctx_db_fail(c, st);

    xmlNodePtr ve = xml_add(c->page, "vendor");
    static const attr_col cols[] = {
        {"id", VD_ID, 0},
        {"slug", VD_SLUG, 0},
        {"status", VD_STATUS, 0},
        {"created", VD_CREATED, ATTR_TIME},
        {"updated", VD_UPDATED, ATTR_TIME},
        {"products", VD_PRODUCTS, 0},
        {"listed", VD_LISTED, 0},
        {"active-keys", VD_KEYS, 0},
        {NULL, 0, 0},
    };
    model_attrs(c, ve, &v, 0, cols);
    xml_set_int(ve, "keys-max", VENDOR_KEYS_MAX);
    xml_add_text(ve, "name-zh", db_str(&v, 0, VD_NAME_ZH));
    xml_add_text(ve, "name-en", db_str(&v, 0, VD_NAME_EN));
    xml_add_text(ve, "website", db_str(&v, 0, VD_WEBSITE));
    xml_add_text(ve, "support-email", db_str(&v, 0, VD_EMAIL));

    xmlNodePtr ks = xml_add(ve, "keys");
    static const attr_col key_cols[] = {
        {"key-id", VK_KEY_ID, 0},           {"status", VK_STATUS, 0},
        {"created", VK_CREATED, ATTR_TIME}, {"last-used", VK_LAST_USED, ATTR_TIME},
        {"revoked", VK_REVOKED, ATTR_TIME}, {NULL, 0, 0},
    };
    for (size_t i = 0; i < keys.nrows; i++)
        model_attrs(c, xml_add(ks, "key"), &keys, i, key_cols);

    xmlNodePtr ps = xml_add(ve, "product-list");
    xml_set(ps, "href", arena_printf(c->a, "/admin/vendors/%s?", db_str(&v, 0, VD_SLUG)));
    size_t n = model_page(c, ps, &products, ADMIN_PAGE, -1);
    static const attr_col product_cols[] = {
        {"id", VP_ID, 0},
        {"listed", VP_LISTED, 0},
        {"delivery", VP_MODE, 0},
        {"created", VP_CREATED, ATTR_TIME},
        {"category", VP_CATEGORY, 0},
        {NULL, 0, 0},
    };
    for (size_t i = 0; i < n; i++) {
        xmlNodePtr p = xml_add(ps, "product");
        model_attrs(c, p, &products, i, product_cols);
        xml_add_text(p, "name", ctx_l10n(c, db_str(&products, i, VP_NAME_ZH), db_str(&products, i, VP_NAME_EN)));
        xml_add_money(p, "price-from", db_int(&products, i, VP_PRICE));
    }

    xmlNodePtr os = xml_add(ve, "orders");
    static const attr_col order_cols[] = {
        {"no", VO_NO, 0}, {"kind", VO_KIND, 0}, {"status", VO_STATUS, 0}, {"created", VO_CREATED, ATTR_TIME},
        {NULL, 0, 0},
    };
    for (size_t i = 0; i < orders.nrows; i++) {
        xmlNodePtr o = xml_add(os, "order");
        model_attrs(c, o, &orders, i, order_cols);
        xml_add_text(o, "product", ctx_l10n(c, db_str(&orders, i, VO_PRODUCT_ZH), db_str(&orders, i, VO_PRODUCT_EN)));
        xml_add_money(o, "total", db_int(&orders, i, VO_TOTAL));
    }

    xmlNodePtr ds = xml_add(ve, "deliveries");
    static const attr_col delivery_cols[] = {
        {"no", VDL_NO, 0},
        {"status", VDL_STATUS, 0},
        {"instance", VDL_INSTANCE, 0},
        {"created", VDL_CREATED, ATTR_TIME},
        {NULL, 0, 0},
    };
    for (size_t i = 0; i < deliveries.nrows; i++) {
        xmlNodePtr e = xml_add(ds, "delivery");
        model_attrs(c, e, &deliveries, i, delivery_cols);
        xml_add_text(e, "product",
                     ctx_l10n(c, db_str(&deliveries, i, VDL_PRODUCT_ZH), db_str(&deliveries, i, VDL_PRODUCT_EN)));
    }

    const char *action = arena_printf(c->a, "/admin/vendors/%s", db_str(&v, 0, VD_SLUG));
    if (form_from_db) {
        const char *values[] = {NULL, db_str(&v, 0, VD_NAME_ZH), db_str(&v, 0, VD_NAME_EN), db_str(&v, 0, VD_WEBSITE),
                                db_str(&v, 0, VD_EMAIL)};
        add_form(c, action, values, false);
    } else {
        add_form(c, action, NULL, false);
    }
    return 0;
}

static const char *path_slug(const ctx *c)
{
    return req_capture(&c->rq, "slug");
}

int h_admin_vendor(ctx *c)
{
    int fail = vendor_page(c, path_slug(c), true);
    return fail ? fail : 200;
}

/* A write refused for a reason the admin can correct: the vendor's page
 * again with the form error (field names the part of the page). */
static int page_again(ctx *c, int status, const char *field, const char *key, bool form_from_db)
{
    int fail = vendor_page(c, path_slug(c), form_from_db);
    if (fail)
        return fail;
    ctx_view(c, "admin-vendor");
    return ctx_form_error(c, status, field, key);
}

/* --- editing --- */

enum { VE_ID, VE_NAME_ZH, VE_NAME_EN, VE_WEBSITE, VE_EMAIL, VE__MAX };
static db_stmt q_lock = DB_STMT("admin_vendor_lock", 1, VE__MAX,
    "SELECT id, name_zh, name_en, website, support_email FROM vendors WHERE slug = ? FOR UPDATE");
static db_stmt q_update = DB_STMT("admin_vendor_update", 5, 0,
    "UPDATE vendors SET name_zh = ?, name_en = ?, website = ?, support_email = ? WHERE id = ?");

static db_status update_txn(void *data, bool *commit)
{
    vendor_write *w = data;
    ctx *c = w->c;
    const vendor_form *f = w->f;
    db *d = &c->w->db;
    w->found = w->changed = false;
    db_result r;
    db_status st = db_exec(d, &q_lock, c->a, (db_param[]){DB_STR(w->slug)}, 1, &r);
    if (st != DB_OK)
        return st;
    if (r.nrows == 0) {
        *commit = false;
        return DB_OK;
    }
    w->found = true;
    /* the audit row names the fields that changed, before and after */
    static const char *const names[] = {"name_zh", "name_en", "website", "support_email"};
    const char *now[] = {f->name_zh, f->name_en, f->website, f->support_email};
    const char *before = "", *after = "";
    for (unsigned i = 0; i < 4; i++) {
        const char *was = db_str(&r, 0, VE_NAME_ZH + i);
        if (strcmp(was, now[i]) == 0)
            continue;
        before = arena_printf(c->a, "%s%s%s: %s", before, *before ? "\n" : "", names[i], was);
        after = arena_printf(c->a, "%s%s%s: %s", after, *after ? "\n" : "", names[i], now[i]);
    }
    if (!*after) {
        *commit = false;
        return DB_OK;
    }
    w->changed = true;
    if ((st = db_exec(d, &q_update, c->a,
                      (db_param[]){DB_STR(f->name_zh), DB_STR(f->name_en), DB_STR(f->website), DB_STR(f->support_email),
                                   DB_INT(db_int(&r, 0, VE_ID))},
                      5, NULL)) != DB_OK)
        return st;
    audit_who who = admin_who(c);
    audit_entry e = {
        .action = "vendor.update", .target_type = "vendor", .target_ref = w->slug, .before = before, .after = after};
    return audit_add(d, c->a, &who, &e);
}

int h_admin_vendor_update(ctx *c)
{
    vendor_form f;
    const char *slug = path_slug(c);
    if (!read_form(c, &f, false)) {
        int fail = vendor_page(c, slug, false);
        if (fail)
            return fail;
        return 422; /* the form errors are on the page already */
    }
    vendor_write w = {.c = c, .f = &f, .slug = slug};
    db_status st = db_txn(&c->w->db, update_txn, &w);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (!w.found)
        return ctx_fail(c, 404, "no_such_vendor", "There is no such vendor.");
    return ctx_redirect(
        c, arena_printf(c->a, "/admin/vendors/%s?notice=%s", slug, w.changed ? "vendor_saved" : "not_changed_vendor"));
}

/* --- suspension --- */

static int set_status(ctx *c, bool suspend)
{
    const char *slug = path_slug(c), *reason = trimmed(c->a, ctx_in(c, "reason"));
    if (!*reason)
        return page_again(c, 422, "reason", "admin.vendors.reason_required", true);
    audit_who who = admin_who(c);
    vendor_outcome outcome;
    db_status st = vendor_set_status(&c->w->db, c->a, &who, slug, suspend, reason, &outcome);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (outcome == VENDOR_NO_VENDOR)
        return ctx_fail(c, 404, "no_such_vendor", "There is no such vendor.");
    const char *notice = outcome == VENDOR_UNCHANGED ? "not_changed_vendor"
                         : suspend                   ? "vendor_suspended"
                                                     : "vendor_reinstated";
    return ctx_redirect(c, arena_printf(c->a, "/admin/vendors/%s?notice=%s", slug, notice));
}

int h_admin_vendor_suspend(ctx *c)
{
    return set_status(c, true);
}

int h_admin_vendor_reinstate(ctx *c)
{
    return set_status(c, false);
}

/* --- keys --- */

/* A refused key action: 404 for no vendor, else the vendor's page with
 * why (409). */
static int key_refused(ctx *c, vendor_outcome outcome)
{
    if (outcome == VENDOR_NO_VENDOR)
        return ctx_fail(c, 404, "no_such_vendor", "There is no such vendor.");
    return page_again(c, 409, "keys",
                      outcome == VENDOR_TOO_MANY_KEYS ? "admin.vendors.too_many_keys" : "admin.vendors.key_not_active",
                      true);
}

/* The page that shows a new key's secret, this once: the response to the
 * POST that issued it (nothing keeps it; a reload would issue another). */
static int key_shown(ctx *c, const vendor_key_result *res)
{
    xmlNodePtr k = xml_add(c->page, "new-key");
    xml_set(k, "vendor", res->slug);
    xml_set(k, "key-id", res->key_id);
    if (res->revoked)
        xml_set(k, "replaces", res->revoked);
    xml_add_text(k, "secret", res->secret);
    return 201;
}

int h_admin_key_issue(ctx *c)
{
    audit_who who = admin_who(c);
    vendor_key_result res;
    db_status st = vendor_key_issue(&c->w->db, c->a, &c->w->keys, &who, path_slug(c), ctx_in(c, "reason"), &res);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    return res.outcome == VENDOR_DONE ? key_shown(c, &res) : key_refused(c, res.outcome);
}

int h_admin_key_rotate(ctx *c)
{
    audit_who who = admin_who(c);
    vendor_key_result res;
    db_status st = vendor_key_rotate(&c->w->db, c->a, &c->w->keys, &who, path_slug(c), req_capture(&c->rq, "key"),
                                     ctx_in(c, "reason"), &res);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    return res.outcome == VENDOR_DONE ? key_shown(c, &res) : key_refused(c, res.outcome);
}

int h_admin_key_revoke(ctx *c)
{
    audit_who who = admin_who(c);
    vendor_key_result res;
    db_status st = vendor_key_revoke(&c->w->db, c->a, &who, path_slug(c), req_capture(&c->rq, "key"),
                                     ctx_in(c, "reason"), &res);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (res.outcome != VENDOR_DONE)
        return key_refused(c, res.outcome);
    return ctx_redirect(c, arena_printf(c->a, "/admin/vendors/%s?notice=key_revoked", res.slug));
}
