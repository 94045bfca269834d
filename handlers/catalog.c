/* Catalog pages: home, category listing, product, search. */
#include <stdio.h>
#include <string.h>

#include "../fcgi/text.h"
#include "../fcgi/xml.h"
#include "handlers.h"

#define PAGE_SIZE 12

/* The columns of a product card, the same in every listing query. */
#define CARD_COLS                                                                                           \
    "p.id, p.name_zh, p.name_en, p.summary_zh, p.summary_en, p.delivery_mode, p.free_login, "               \
    "p.price_from_cents, v.slug, v.name_zh, v.name_en, c.slug, c.name_zh, c.name_en, "                       \
    "DATE_FORMAT(p.created_at, '%Y-%m-%d %H:%i:%s') "
enum {
    CARD_ID, CARD_NAME_ZH, CARD_NAME_EN, CARD_SUMMARY_ZH, CARD_SUMMARY_EN, CARD_MODE, CARD_FREE_LOGIN,
    CARD_PRICE_FROM, CARD_VENDOR_SLUG, CARD_VENDOR_ZH, CARD_VENDOR_EN, CARD_CATEGORY_SLUG, CARD_CATEGORY_ZH,
    CARD_CATEGORY_EN, CARD_CREATED, CARD__MAX
};
#define CARD_FROM " FROM products p JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id "

/* On sale: listed, from a vendor that is not suspended (p and v joined). */
#define ON_SALE "p.listed = 1 AND v.status = 'active' "

/* a category with its count of products on sale: q_categories and q_category */
enum { CAT_ID, CAT_SLUG, CAT_NAME_ZH, CAT_NAME_EN, CAT_COUNT, CAT__MAX };
static db_stmt q_categories = DB_STMT("categories", 0, CAT__MAX,
    "SELECT c.id, c.slug, c.name_zh, c.name_en, COUNT(p.id) FROM categories c "
    "LEFT JOIN (products p JOIN vendors v ON v.id = p.vendor_id) ON p.category_id = c.id AND " ON_SALE
    "GROUP BY c.id, c.slug, c.name_zh, c.name_en, c.position ORDER BY c.position, c.id");

static db_stmt q_newest = DB_STMT("newest", 1, CARD__MAX,
    "SELECT " CARD_COLS CARD_FROM "WHERE " ON_SALE "ORDER BY p.id DESC LIMIT ?");

static db_stmt q_category = DB_STMT("category", 1, CAT__MAX,
    "SELECT c.id, c.slug, c.name_zh, c.name_en, "
    "(SELECT COUNT(*) FROM products p JOIN vendors v ON v.id = p.vendor_id "
    "WHERE p.category_id = c.id AND " ON_SALE ") "
    "FROM categories c WHERE c.slug = ?");

/* newest first, and oldest first from a cursor: the page in front of it */
static db_stmt q_category_newest = DB_STMT("category_newest", 3, CARD__MAX,
    "SELECT " CARD_COLS CARD_FROM
    "WHERE p.category_id = ? AND " ON_SALE "AND p.id < ? ORDER BY p.id DESC LIMIT ?");
static db_stmt q_category_oldest = DB_STMT("category_oldest", 3, CARD__MAX,
    "SELECT " CARD_COLS CARD_FROM
    "WHERE p.category_id = ? AND " ON_SALE "AND p.id > ? ORDER BY p.id LIMIT ?");

/* each price order read backwards is the other one */
static db_stmt q_category_price_asc = DB_STMT("category_price_asc", 5, CARD__MAX,
    "SELECT " CARD_COLS CARD_FROM
    "WHERE p.category_id = ? AND " ON_SALE "AND p.price_from_cents >= ? "
    "AND (p.price_from_cents > ? OR p.id > ?) "
    "ORDER BY p.price_from_cents, p.id LIMIT ?");

static db_stmt q_category_price_desc = DB_STMT("category_price_desc", 5, CARD__MAX,
    "SELECT " CARD_COLS CARD_FROM
    "WHERE p.category_id = ? AND " ON_SALE "AND p.price_from_cents <= ? "
    "AND (p.price_from_cents < ? OR p.id < ?) "
    "ORDER BY p.price_from_cents DESC, p.id DESC LIMIT ?");

/* words match the product's names and summaries and its category's names */
#define SEARCH_TEXT "CONCAT_WS(' ', p.name_zh, p.name_en, p.summary_zh, p.summary_en, c.name_zh, c.name_en) LIKE ? "
static db_stmt q_search = DB_STMT("search", 3, CARD__MAX,
    "SELECT " CARD_COLS CARD_FROM "WHERE " ON_SALE "AND p.id < ? AND " SEARCH_TEXT "ORDER BY p.id DESC LIMIT ?");
static db_stmt q_search_back = DB_STMT("search_back", 3, CARD__MAX,
    "SELECT " CARD_COLS CARD_FROM "WHERE " ON_SALE "AND p.id > ? AND " SEARCH_TEXT "ORDER BY p.id LIMIT ?");
enum { SC_COUNT, SC__MAX };
static db_stmt q_search_count = DB_STMT("search_count", 1, SC__MAX,
    "SELECT COUNT(*) FROM products p JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id "
    "WHERE " ON_SALE "AND " SEARCH_TEXT);

/* Listed or not: a product taken off sale (delisted, or its vendor
 * suspended) still has a page that says so. */
#define SUPPORT_COLS "COALESCE(NULLIF(p.support_email, ''), v.support_email), p.support_phone "
enum {
    PD_ID, PD_NAME_ZH, PD_NAME_EN, PD_SUMMARY_ZH, PD_SUMMARY_EN, PD_DESC_ZH, PD_DESC_EN, PD_MODE, PD_FREE_LOGIN,
    PD_PRICE_FROM, PD_VENDOR, PD_VENDOR_SLUG, PD_VENDOR_ZH, PD_VENDOR_EN, PD_WEBSITE, PD_CATEGORY_SLUG,
    PD_CATEGORY_ZH, PD_CATEGORY_EN, PD_CREATED, PD_UPDATED, PD_LISTED, PD_SUPPORT_EMAIL, PD_SUPPORT_PHONE, PD__MAX
};
static db_stmt q_product = DB_STMT("product", 1, PD__MAX,
    "SELECT p.id, p.name_zh, p.name_en, p.summary_zh, p.summary_en, p.description_zh, p.description_en, "
    "p.delivery_mode, p.free_login, p.price_from_cents, v.id, v.slug, v.name_zh, v.name_en, v.website, "
    "c.slug, c.name_zh, c.name_en, DATE_FORMAT(p.created_at, '%Y-%m-%d %H:%i:%s'), "
    "DATE_FORMAT(p.updated_at, '%Y-%m-%d %H:%i:%s'), (" ON_SALE "), " SUPPORT_COLS
    "FROM products p JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id "
    "WHERE p.id = ?");

enum { PP_SPEC, PP_SPEC_ZH, PP_SPEC_EN, PP_FEATURES_ZH, PP_FEATURES_EN, PP_MONTHS, PP_PRICE, PP__MAX };
static db_stmt q_product_prices = DB_STMT("product_prices", 1, PP__MAX,
    "SELECT s.id, s.name_zh, s.name_en, s.features_zh, s.features_en, pr.period_months, pr.price_cents "
    "FROM specs s JOIN prices pr ON pr.spec_id = s.id "
    "WHERE s.product_id = ? AND s.active = 1 ORDER BY s.position, s.id, pr.period_months");

static void add_card(ctx *c, xmlNodePtr parent, const db_result *r, size_t i)
{
    char *const *row = r->rows[i];
    xmlNodePtr p = xml_add(parent, "product");
    xml_set(p, "id", row[CARD_ID]);
    xml_set(p, "delivery", row[CARD_MODE]);
    xml_set(p, "free-login", row[CARD_FREE_LOGIN]);
    model_time(c, p, "created", row[CARD_CREATED]);
    xml_add_text(p, "name", ctx_l10n(c, row[CARD_NAME_ZH], row[CARD_NAME_EN]));
    xml_add_text(p, "summary", ctx_l10n(c, row[CARD_SUMMARY_ZH], row[CARD_SUMMARY_EN]));
    xml_add_money(p, "price-from", db_int(r, i, CARD_PRICE_FROM));
    xml_set(xml_add_text(p, "vendor", ctx_l10n(c, row[CARD_VENDOR_ZH], row[CARD_VENDOR_EN])), "slug",
            row[CARD_VENDOR_SLUG]);
    xml_set(xml_add_text(p, "category", ctx_l10n(c, row[CARD_CATEGORY_ZH], row[CARD_CATEGORY_EN])), "slug",
            row[CARD_CATEGORY_SLUG]);
}

/* <products> with a card per row. A paged list's query asked for one
 * row more than a page (model_page); key_col is its cursor's sort key
 * column (-1: the id alone). */
static xmlNodePtr add_cards(ctx *c, xmlNodePtr parent, db_result *r, bool paged, int key_col)
{
    xmlNodePtr list = xml_add(parent, "products");
    size_t n = paged ? model_page(c, list, r, PAGE_SIZE, key_col) : r->nrows;
    for (size_t i = 0; i < n; i++)
        add_card(c, list, r, i);
    return list;
}

int h_home(ctx *c)
{
    db_result cats, newest;
    db_status st = db_exec(&c->w->db, &q_categories, c->a, NULL, 0, &cats);
    if (st == DB_OK)
        st = db_exec(&c->w->db, &q_newest, c->a, (db_param[]){DB_INT(8)}, 1, &newest);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    xmlNodePtr list = xml_add(c->page, "categories");
    for (size_t i = 0; i < cats.nrows; i++) {
        xmlNodePtr cat =
            xml_add_text(list, "category", ctx_l10n(c, db_str(&cats, i, CAT_NAME_ZH), db_str(&cats, i, CAT_NAME_EN)));
        xml_set(cat, "id", db_str(&cats, i, CAT_ID));
        xml_set(cat, "slug", db_str(&cats, i, CAT_SLUG));
        xml_set(cat, "count", db_str(&cats, i, CAT_COUNT));
    }
    xml_set(add_cards(c, c->page, &newest, false, -1), "list", "newest");
    return 200;
}

/* "<cents>.<id>" (price sorts) or "<id>" (newest); false when the cursor
 * does not have the sort's shape. */
static bool parse_cursor(const char *after, bool priced, long long *price, long long *id)
{
    char buf[48];
    snprintf(buf, sizeof(buf), "%s", after);
    char *dot = strchr(buf, '.');
    if (priced != (dot != NULL))
        return false;
    if (dot) {
        *dot = '\0';
        return text_parse_i64(buf, false, price) && text_parse_i64(dot + 1, false, id);
    }
    return text_parse_i64(buf, false, id);
}

int h_category(ctx *c)
{
    db *d = &c->w->db;
    db_result cat, list;
    db_status st = db_exec(d, &q_category, c->a, (db_param[]){DB_STR(req_capture(&c->rq, "slug"))}, 1, &cat);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (cat.nrows == 0)
        return ctx_fail(c, 404, "no_such_category", "There is no such category.");

    const char *sort = ctx_in(c, "sort") ? ctx_in(c, "sort") : "newest";
    bool priced = strcmp(sort, "newest") != 0;
    bool back = ctx_in(c, "before") != NULL;
    /* reading backwards from a cursor is reading the reverse order forwards */
    bool desc = strcmp(sort, "price_desc") == 0;
    if (back)
        desc = !desc;
    long long cat_id = db_int(&cat, 0, CAT_ID);
    long long price = desc ? 1LL << 62 : 0, id = priced ? (desc ? 1LL << 40 : 0) : (back ? 0 : 1LL << 40);
    const char *cursor = back ? ctx_in(c, "before") : ctx_in(c, "after");
    if (cursor && !parse_cursor(cursor, priced, &price, &id))
        return ctx_fail(c, 400, "bad_cursor", "The page cursor does not match the sort order.");

    if (!priced)
        st = db_exec(d, back ? &q_category_oldest : &q_category_newest, c->a,
                     (db_param[]){DB_INT(cat_id), DB_INT(id), DB_INT(PAGE_SIZE + 1)}, 3, &list);
    else
        st = db_exec(d, desc ? &q_category_price_desc : &q_category_price_asc, c->a,
                     (db_param[]){DB_INT(cat_id), DB_INT(price), DB_INT(price), DB_INT(id), DB_INT(PAGE_SIZE + 1)},
                     5, &list);
    if (st != DB_OK)
        return ctx_db_fail(c, st);

    xmlNodePtr ce =
        xml_add_text(c->page, "category", ctx_l10n(c, db_str(&cat, 0, CAT_NAME_ZH), db_str(&cat, 0, CAT_NAME_EN)));
    xml_set(ce, "id", db_str(&cat, 0, CAT_ID));
    xml_set(ce, "slug", db_str(&cat, 0, CAT_SLUG));
    xml_set(ce, "count", db_str(&cat, 0, CAT_COUNT));
    xml_set(add_cards(c, c->page, &list, true, priced ? CARD_PRICE_FROM : -1), "sort", sort);
    return 200;
}

/* Splits text into <p> paragraphs at blank lines. */
static void add_paragraphs(ctx *c, xmlNodePtr parent, const char *text)
{
    const char *p = text;
    while (*p) {
        const char *end = strstr(p, "\n\n");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        while (len && (p[len - 1] == '\n' || p[len - 1] == '\r' || p[len - 1] == ' '))
            len--;
        if (len)
            xml_add_text(parent, "p", arena_strndup(c->a, p, len));
        if (!end)
            break;
        p = end + 2;
        while (*p == '\n' || *p == '\r')
            p++;
    }
}

/* Splits a feature list at ASCII or full-width commas. */
static void add_features(ctx *c, xmlNodePtr parent, const char *list)
{
    xmlNodePtr fs = xml_add(parent, "features");
    const char *p = list;
    while (*p) {
        const char *comma = strchr(p, ',');
        const char *wide = strstr(p, "\xef\xbc\x8c"); /* ， */
        const char *end = comma;
        size_t skip = 1;
        if (wide && (!end || wide < end)) {
            end = wide;
            skip = 3;
        }
        size_t len = end ? (size_t)(end - p) : strlen(p);
        while (len && p[0] == ' ') {
            p++;
            len--;
        }
        while (len && p[len - 1] == ' ')
            len--;
        if (len)
            xml_add_text(fs, "feature", arena_strndup(c->a, p, len));
        if (!end)
            break;
        p = end + skip;
    }
}

void catalog_add_support(xmlNodePtr parent, const char *email, const char *phone)
{
    xmlNodePtr s = xml_add(parent, "support");
    if (email && *email)
        xml_set(s, "email", email);
    if (phone && *phone)
        xml_set(s, "phone", phone);
}

/* The choice of spec and period: the one asked for (?spec=&period=, 0 for
 * once) when it is sold, else the spec's first period, else the first spec. */
static void add_choice(ctx *c, xmlNodePtr product, const db_result *prices)
{
    long long want_spec = ctx_in_int(c, "spec", 0), want_months = ctx_in_int(c, "period", -1);
    size_t pick = prices->nrows, spec_first = prices->nrows;
    for (size_t i = 0; i < prices->nrows; i++) {
        if (db_int(prices, i, PP_SPEC) != want_spec)
            continue;
        if (spec_first == prices->nrows)
            spec_first = i;
        if (db_int(prices, i, PP_MONTHS) == want_months)
            pick = i;
    }
    if (pick == prices->nrows)
        pick = spec_first != prices->nrows ? spec_first : 0;
    if (prices->nrows == 0)
        return;
    xmlNodePtr ch = xml_add(product, "choice");
    xml_set(ch, "spec", db_str(prices, pick, PP_SPEC));
    xml_set(ch, "months", db_str(prices, pick, PP_MONTHS));
    xml_add_money(ch, "price", db_int(prices, pick, PP_PRICE));
}

int catalog_product_model(ctx *c, long long id)
{
    db *d = &c->w->db;
    db_result pr, prices;
    db_status st = db_exec(d, &q_product, c->a, (db_param[]){DB_INT(id)}, 1, &pr);
    if (st == DB_OK && pr.nrows)
        st = db_exec(d, &q_product_prices, c->a, (db_param[]){DB_INT(id)}, 1, &prices);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (pr.nrows == 0)
        return ctx_fail(c, 404, "no_such_product", "There is no such product.");

    char *const *row = pr.rows[0];
    bool listed = strcmp(row[PD_LISTED], "1") == 0;
    xmlNodePtr p = xml_add(c->page, "product");
    xml_set(p, "id", row[PD_ID]);
    xml_set(p, "delivery", row[PD_MODE]);
    xml_set(p, "free-login", row[PD_FREE_LOGIN]);
    xml_set(p, "listed", row[PD_LISTED]);
    model_time(c, p, "created", row[PD_CREATED]);
    model_time(c, p, "updated", row[PD_UPDATED]);
    xml_add_text(p, "name", ctx_l10n(c, row[PD_NAME_ZH], row[PD_NAME_EN]));
    xml_add_text(p, "summary", ctx_l10n(c, row[PD_SUMMARY_ZH], row[PD_SUMMARY_EN]));
    xmlNodePtr v = xml_add_text(p, "vendor", ctx_l10n(c, row[PD_VENDOR_ZH], row[PD_VENDOR_EN]));
    xml_set(v, "id", row[PD_VENDOR]);
    xml_set(v, "slug", row[PD_VENDOR_SLUG]);
    xml_set(v, "website", row[PD_WEBSITE]);
    catalog_add_support(p, row[PD_SUPPORT_EMAIL], row[PD_SUPPORT_PHONE]);
    xml_set(xml_add_text(p, "category", ctx_l10n(c, row[PD_CATEGORY_ZH], row[PD_CATEGORY_EN])), "slug",
            row[PD_CATEGORY_SLUG]);
    if (!listed) {
        /* off sale: what it was and where its buyers find what they have */
        c->show_page = true;
        return ctx_fail(c, 410, "product_delisted", "This product is no longer sold.");
    }
    add_paragraphs(c, xml_add(p, "description"), ctx_l10n(c, row[PD_DESC_ZH], row[PD_DESC_EN]));
    xml_add_money(p, "price-from", db_int(&pr, 0, PD_PRICE_FROM));

    /* the periods any spec offers, in order (once first): the price
     * table's columns; months="0" is once (一次性) */
    static const int all_periods[] = {0, 1, 3, 6, 12, 24, 36};
    enum { NPERIODS = sizeof(all_periods) / sizeof(all_periods[0]) };
    bool offered[NPERIODS] = {false};
    for (size_t i = 0; i < prices.nrows; i++)
        for (int k = 0; k < NPERIODS; k++)
            if (db_int(&prices, i, PP_MONTHS) == all_periods[k])
                offered[k] = true;
    xmlNodePtr periods = xml_add(p, "periods");
    for (int k = 0; k < NPERIODS; k++)
        if (offered[k])
            xml_set_int(xml_add(periods, "period"), "months", all_periods[k]);

    xmlNodePtr specs = xml_add(p, "specs");
    xmlNodePtr spec = NULL;
    const char *spec_id = NULL;
    for (size_t i = 0; i < prices.nrows; i++) {
        if (!spec_id || strcmp(spec_id, db_str(&prices, i, PP_SPEC)) != 0) {
            spec_id = db_str(&prices, i, PP_SPEC);
            spec = xml_add(specs, "spec");
            xml_set(spec, "id", spec_id);
            xml_add_text(spec, "name", ctx_l10n(c, db_str(&prices, i, PP_SPEC_ZH), db_str(&prices, i, PP_SPEC_EN)));
            add_features(c, spec,
                         ctx_l10n(c, db_str(&prices, i, PP_FEATURES_ZH), db_str(&prices, i, PP_FEATURES_EN)));
        }
        xml_set(xml_add_money(spec, "price", db_int(&prices, i, PP_PRICE)), "months",
                db_str(&prices, i, PP_MONTHS));
    }
    add_choice(c, p, &prices);
    return 200;
}

int h_product(ctx *c)
{
    long long id;
    if (!text_parse_i64(req_capture(&c->rq, "id"), false, &id))
        return 404;
    return catalog_product_model(c, id);
}

/* LIKE pattern matching the words of q in order: "%word1%word2%". */
static char *like_pattern(arena *a, const char *q)
{
    size_t n = strlen(q);
    char *out = arena_alloc(a, n * 2 + 3), *o = out;
    *o++ = '%';
    bool gap = false;
    for (const char *p = q; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            gap = true;
            continue;
        }
        if (gap && o[-1] != '%')
            *o++ = '%';
        gap = false;
        if (*p == '%' || *p == '_' || *p == '\\')
            *o++ = '\\';
        *o++ = *p;
    }
    if (o[-1] != '%')
        *o++ = '%';
    *o = '\0';
    return out;
}

int h_search(ctx *c)
{
    const char *q = ctx_in(c, "q");
    xmlNodePtr s = xml_add(c->page, "search");
    xml_set(s, "q", q ? q : "");
    xml_set(s, "q-url", text_url_encode(c->a, q ? q : "", false));
    char *pattern = q ? like_pattern(c->a, q) : NULL;
    if (!pattern || strcmp(pattern, "%") == 0)
        return 200; /* the search form alone */
    bool back = ctx_in(c, "before") != NULL;
    long long cursor = back ? 0 : 1LL << 40;
    const char *cur = back ? ctx_in(c, "before") : ctx_in(c, "after");
    long long unused;
    if (cur && !parse_cursor(cur, false, &unused, &cursor))
        return ctx_fail(c, 400, "bad_cursor", "The page cursor is not valid.");
    db_result r, count;
    db_status st = db_exec(&c->w->db, back ? &q_search_back : &q_search, c->a,
                           (db_param[]){DB_INT(cursor), DB_STR(pattern), DB_INT(PAGE_SIZE + 1)}, 3, &r);
    if (st == DB_OK)
        st = db_exec(&c->w->db, &q_search_count, c->a, (db_param[]){DB_STR(pattern)}, 1, &count);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    xml_set(s, "count", db_str(&count, 0, SC_COUNT));
    add_cards(c, s, &r, true, -1);
    return 200;
}
