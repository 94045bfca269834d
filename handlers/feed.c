/* The public catalog feed: every product on sale (listed, its vendor not
 * suspended) with its specs and prices (by months, or period="once"),
 * with ETag and Last-Modified validators from catalog_meta. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../fcgi/dispatch.h"
#include "../fcgi/text.h"
#include "../fcgi/xml.h"
#include "handlers.h"

enum { FV_ID, FV_SLUG, FV_NAME_ZH, FV_NAME_EN, FV_WEBSITE, FV__MAX };
static db_stmt q_feed_vendors = DB_STMT("feed_vendors", 0, FV__MAX,
    "SELECT v.id, v.slug, v.name_zh, v.name_en, v.website FROM vendors v "
    "WHERE v.status = 'active' AND EXISTS (SELECT 1 FROM products p WHERE p.vendor_id = v.id AND p.listed = 1) "
    "ORDER BY v.id");

enum { FC_ID, FC_SLUG, FC_NAME_ZH, FC_NAME_EN, FC__MAX };
static db_stmt q_feed_categories = DB_STMT("feed_categories", 0, FC__MAX,
    "SELECT id, slug, name_zh, name_en FROM categories ORDER BY position, id");

enum {
    FP_ID,
    FP_VENDOR_SLUG,
    FP_CATEGORY_SLUG,
    FP_MODE,
    FP_FREE_LOGIN,
    FP_NAME_ZH,
    FP_NAME_EN,
    FP_SUMMARY_ZH,
    FP_SUMMARY_EN,
    FP_DESC_ZH,
    FP_DESC_EN,
    FP_PRICE_FROM,
    FP_UPDATED,
    FP__MAX
};
static db_stmt q_feed_products = DB_STMT("feed_products", 0, FP__MAX,
    "SELECT p.id, v.slug, c.slug, p.delivery_mode, p.free_login, p.name_zh, p.name_en, p.summary_zh, "
    "p.summary_en, p.description_zh, p.description_en, p.price_from_cents, "
    "DATE_FORMAT(p.updated_at, '%Y-%m-%dT%H:%i:%sZ') "
    "FROM products p JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id "
    "WHERE p.listed = 1 AND v.status = 'active' ORDER BY p.id");

enum {
    FPR_PRODUCT,
    FPR_SPEC,
    FPR_SPEC_ZH,
    FPR_SPEC_EN,
    FPR_FEATURES_ZH,
    FPR_FEATURES_EN,
    FPR_MONTHS,
    FPR_PRICE,
    FPR__MAX
};
static db_stmt q_feed_prices = DB_STMT("feed_prices", 0, FPR__MAX,
    "SELECT s.product_id, s.id, s.name_zh, s.name_en, s.features_zh, s.features_en, pr.period_months, "
    "pr.price_cents FROM specs s JOIN products p ON p.id = s.product_id AND p.listed = 1 "
    "JOIN vendors v ON v.id = p.vendor_id AND v.status = 'active' JOIN prices pr ON pr.spec_id = s.id "
    "WHERE s.active = 1 "
    "ORDER BY s.product_id, s.position, s.id, pr.period_months");

static void add_names(xmlNodePtr parent, const char *name, const char *zh, const char *en)
{
    xml_set(xml_add_text(parent, name, zh), "lang", "zh-CN");
    xml_set(xml_add_text(parent, name, en), "lang", "en");
}

int h_catalog_feed(ctx *c)
{
    db *d = &c->w->db;
    const char *version;
    time_t changed;
    db_status st = dispatch_catalog_version(c, &version, &changed);
    if (st != DB_OK)
        return ctx_db_fail(c, st);

    struct tm tm;
    gmtime_r(&changed, &tm);
    char lastmod[64];
    strftime(lastmod, sizeof(lastmod), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    const char *etag = arena_printf(c->a, "\"catalog-%s\"", version);
    ctx_header_set(c, "Cache-Control", "public, max-age=60");
    ctx_header_set(c, "Vary", "Accept-Encoding");
    ctx_header(c, "ETag", etag);
    ctx_header(c, "Last-Modified", arena_strdup(c->a, lastmod));
    if (dispatch_not_modified(c, etag, changed))
        return 304;

    db_result vendors, cats, products, prices;
    if ((st = db_exec(d, &q_feed_vendors, c->a, NULL, 0, &vendors)) != DB_OK ||
        (st = db_exec(d, &q_feed_categories, c->a, NULL, 0, &cats)) != DB_OK ||
        (st = db_exec(d, &q_feed_products, c->a, NULL, 0, &products)) != DB_OK ||
        (st = db_exec(d, &q_feed_prices, c->a, NULL, 0, &prices)) != DB_OK)
        return ctx_db_fail(c, st);

    xmlNodePtr root;
    xmlDocPtr doc = xml_doc_new(c->a, "catalog", &root);
    xml_set(root, "version", version);
    char updated[32];
    strftime(updated, sizeof(updated), "%Y-%m-%dT%H:%M:%SZ", &tm);
    xml_set(root, "updated", updated);
    xml_set(root, "currency", "CNY");
    xml_set(root, "base", c->w->cfg.base_url);

    xmlNodePtr vs = xml_add(root, "vendors");
    for (size_t i = 0; i < vendors.nrows; i++) {
        xmlNodePtr v = xml_add(vs, "vendor");
        xml_set(v, "id", db_str(&vendors, i, FV_ID));
        xml_set(v, "slug", db_str(&vendors, i, FV_SLUG));
        add_names(v, "name", db_str(&vendors, i, FV_NAME_ZH), db_str(&vendors, i, FV_NAME_EN));
        if (*db_str(&vendors, i, FV_WEBSITE))
            xml_add_text(v, "website", db_str(&vendors, i, FV_WEBSITE));
    }
    xmlNodePtr cs = xml_add(root, "categories");
    for (size_t i = 0; i < cats.nrows; i++) {
        xmlNodePtr cat = xml_add(cs, "category");
        xml_set(cat, "id", db_str(&cats, i, FC_ID));
        xml_set(cat, "slug", db_str(&cats, i, FC_SLUG));
        add_names(cat, "name", db_str(&cats, i, FC_NAME_ZH), db_str(&cats, i, FC_NAME_EN));
    }
    xmlNodePtr ps = xml_add(root, "products");
    size_t k = 0; /* prices are ordered by product like the products */
    for (size_t i = 0; i < products.nrows; i++) {
        char *const *row = products.rows[i];
        long long pid = db_int(&products, i, FP_ID);
        xmlNodePtr p = xml_add(ps, "product");
        xml_set(p, "id", row[FP_ID]);
        xml_set(p, "vendor", row[FP_VENDOR_SLUG]);
        xml_set(p, "category", row[FP_CATEGORY_SLUG]);
        xml_set(p, "delivery", row[FP_MODE]);
        xml_set(p, "free-login", strcmp(row[FP_FREE_LOGIN], "1") == 0 ? "true" : "false");
        xml_set(p, "updated", row[FP_UPDATED]);
        add_names(p, "name", row[FP_NAME_ZH], row[FP_NAME_EN]);
        add_names(p, "summary", row[FP_SUMMARY_ZH], row[FP_SUMMARY_EN]);
        add_names(p, "description", row[FP_DESC_ZH], row[FP_DESC_EN]);
        xml_add_text(p, "url", arena_printf(c->a, "%s/products/%s", c->w->cfg.base_url, row[FP_ID]));
        xml_add_money(p, "price-from", db_int(&products, i, FP_PRICE_FROM));
        xmlNodePtr specs = xml_add(p, "specs");
        while (k < prices.nrows && db_int(&prices, k, FPR_PRODUCT) < pid)
            k++;
        xmlNodePtr spec = NULL;
        const char *spec_id = NULL;
        for (; k < prices.nrows && db_int(&prices, k, FPR_PRODUCT) == pid; k++) {
            if (!spec_id || strcmp(spec_id, db_str(&prices, k, FPR_SPEC)) != 0) {
                spec_id = db_str(&prices, k, FPR_SPEC);
                spec = xml_add(specs, "spec");
                xml_set(spec, "id", spec_id);
                add_names(spec, "name", db_str(&prices, k, FPR_SPEC_ZH), db_str(&prices, k, FPR_SPEC_EN));
                add_names(spec, "features", db_str(&prices, k, FPR_FEATURES_ZH), db_str(&prices, k, FPR_FEATURES_EN));
            }
            xmlNodePtr price = xml_add_money(spec, "price", db_int(&prices, k, FPR_PRICE));
            if (db_int(&prices, k, FPR_MONTHS) == 0)
                xml_set(price, "period", "once"); /* one-off (一次性): no months */
            else
                xml_set(price, "months", db_str(&prices, k, FPR_MONTHS));
        }
    }
    ctx_xml_body(c, doc);
    return 200;
}
