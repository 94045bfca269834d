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
    "DATE_FORMAT(p.created_at, '%Y-%m-%d') "
#define CARD_NCOLS 15
#define CARD_FROM " FROM products p JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id "

static db_stmt q_categories = DB_STMT("categories", 0, 5,
    "SELECT c.id, c.slug, c.name_zh, c.name_en, COUNT(p.id) FROM categories c "
    "LEFT JOIN products p ON p.category_id = c.id AND p.listed = 1 "
    "GROUP BY c.id, c.slug, c.name_zh, c.name_en, c.position ORDER BY c.position, c.id");

static db_stmt q_newest = DB_STMT("newest", 1, CARD_NCOLS,
    "SELECT " CARD_COLS CARD_FROM "WHERE p.listed = 1 ORDER BY p.id DESC LIMIT ?");

static db_stmt q_category = DB_STMT("category", 1, 5,
    "SELECT c.id, c.slug, c.name_zh, c.name_en, "
    "(SELECT COUNT(*) FROM products p WHERE p.category_id = c.id AND p.listed = 1) "
    "FROM categories c WHERE c.slug = ?");

static db_stmt q_category_newest = DB_STMT("category_newest", 3, CARD_NCOLS,
    "SELECT " CARD_COLS CARD_FROM
    "WHERE p.category_id = ? AND p.listed = 1 AND p.id < ? ORDER BY p.id DESC LIMIT ?");

static db_stmt q_category_price_asc = DB_STMT("category_price_asc", 5, CARD_NCOLS,
    "SELECT " CARD_COLS CARD_FROM
    "WHERE p.category_id = ? AND p.listed = 1 AND p.price_from_cents >= ? "
    "AND (p.price_from_cents > ? OR p.id > ?) "
    "ORDER BY p.price_from_cents, p.id LIMIT ?");

static db_stmt q_category_price_desc = DB_STMT("category_price_desc", 5, CARD_NCOLS,
    "SELECT " CARD_COLS CARD_FROM
    "WHERE p.category_id = ? AND p.listed = 1 AND p.price_from_cents <= ? "
    "AND (p.price_from_cents < ? OR p.id < ?) "
    "ORDER BY p.price_from_cents DESC, p.id DESC LIMIT ?");

static db_stmt q_search = DB_STMT("search", 3, CARD_NCOLS,
    "SELECT " CARD_COLS CARD_FROM
    "WHERE p.listed = 1 AND p.id < ? "
    "AND CONCAT_WS(' ', p.name_zh, p.name_en, p.summary_zh, p.summary_en) LIKE ? "
    "ORDER BY p.id DESC LIMIT ?");

static db_stmt q_product = DB_STMT("product", 1, 20,
    "SELECT p.id, p.name_zh, p.name_en, p.summary_zh, p.summary_en, p.description_zh, p.description_en, "
    "p.delivery_mode, p.free_login, p.price_from_cents, v.id, v.slug, v.name_zh, v.name_en, v.website, "
    "c.slug, c.name_zh, c.name_en, DATE_FORMAT(p.created_at, '%Y-%m-%d'), "
    "DATE_FORMAT(p.updated_at, '%Y-%m-%d') "
    "FROM products p JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id "
    "WHERE p.id = ? AND p.listed = 1");

static db_stmt q_product_prices = DB_STMT("product_prices", 1, 7,
    "SELECT s.id, s.name_zh, s.name_en, s.features_zh, s.features_en, pr.period_months, pr.price_cents "
    "FROM specs s JOIN prices pr ON pr.spec_id = s.id "
    "WHERE s.product_id = ? AND s.active = 1 ORDER BY s.position, s.id, pr.period_months");

static void add_card(ctx *c, xmlNodePtr parent, const db_result *r, size_t i)
{
    char *const *row = r->rows[i];
    xmlNodePtr p = xml_add(parent, "product");
    xml_set(p, "id", row[0]);
    xml_set(p, "delivery", row[5]);
    xml_set(p, "free-login", row[6]);
    xml_set(p, "created", row[14]);
    xml_add_text(p, "name", ctx_l10n(c, row[1], row[2]));
    xml_add_text(p, "summary", ctx_l10n(c, row[3], row[4]));
    xml_add_money(p, "price-from", db_int(r, i, 7));
    xml_set(xml_add_text(p, "vendor", ctx_l10n(c, row[9], row[10])), "slug", row[8]);
    xml_set(xml_add_text(p, "category", ctx_l10n(c, row[12], row[13])), "slug", row[11]);
}

/* Cards for rows [0, min(n, PAGE_SIZE)); the query asked for one more row
 * than a page so that a next page is known to exist. */
static xmlNodePtr add_cards(ctx *c, xmlNodePtr parent, const db_result *r)
{
    xmlNodePtr list = xml_add(parent, "products");
    size_t n = r->nrows < PAGE_SIZE ? r->nrows : PAGE_SIZE;
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
        xmlNodePtr cat = xml_add_text(list, "category", ctx_l10n(c, db_str(&cats, i, 2), db_str(&cats, i, 3)));
        xml_set(cat, "id", db_str(&cats, i, 0));
        xml_set(cat, "slug", db_str(&cats, i, 1));
        xml_set(cat, "count", db_str(&cats, i, 4));
    }
    xml_set(add_cards(c, c->page, &newest), "list", "newest");
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

static void add_pager(ctx *c, const db_result *r, const char *sort, bool priced)
{
    xmlNodePtr pager = xml_add(c->page, "pager");
    xml_set(pager, "sort", sort);
    if (ctx_in(c, "after"))
        xml_set(pager, "after", ctx_in(c, "after"));
    if (r->nrows > PAGE_SIZE) {
        size_t last = PAGE_SIZE - 1;
        if (priced)
            xml_setf(pager, "next", "%s.%s", db_str(r, last, 7), db_str(r, last, 0));
        else
            xml_set(pager, "next", db_str(r, last, 0));
    }
}

int h_category(ctx *c)
{
    db *d = &c->w->db;
    db_result cat, list;
    db_status st = db_exec(d, &q_category, c->a, (db_param[]){DB_STR(req_capture(&c->rq, "slug"))}, 1, &cat);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (cat.nrows == 0)
        return ctx_fail(c, 404, "not_found", "There is no such category.");

    const char *sort = ctx_in(c, "sort") ? ctx_in(c, "sort") : "newest";
    bool priced = strcmp(sort, "newest") != 0;
    bool desc = strcmp(sort, "price_desc") == 0;
    long long cat_id = db_int(&cat, 0, 0);
    long long price = desc ? 1LL << 62 : 0, id = desc || !priced ? 1LL << 40 : 0;
    const char *after = ctx_in(c, "after");
    if (after && !parse_cursor(after, priced, &price, &id))
        return ctx_fail(c, 400, "bad_request", "The page cursor does not match the sort order.");

    if (!priced)
        st = db_exec(d, &q_category_newest, c->a, (db_param[]){DB_INT(cat_id), DB_INT(id), DB_INT(PAGE_SIZE + 1)},
                     3, &list);
    else
        st = db_exec(d, desc ? &q_category_price_desc : &q_category_price_asc, c->a,
                     (db_param[]){DB_INT(cat_id), DB_INT(price), DB_INT(price), DB_INT(id), DB_INT(PAGE_SIZE + 1)},
                     5, &list);
    if (st != DB_OK)
        return ctx_db_fail(c, st);

    xmlNodePtr ce = xml_add_text(c->page, "category", ctx_l10n(c, db_str(&cat, 0, 2), db_str(&cat, 0, 3)));
    xml_set(ce, "id", db_str(&cat, 0, 0));
    xml_set(ce, "slug", db_str(&cat, 0, 1));
    xml_set(ce, "count", db_str(&cat, 0, 4));
    add_cards(c, c->page, &list);
    add_pager(c, &list, sort, priced);
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

int h_product(ctx *c)
{
    db *d = &c->w->db;
    long long id;
    if (!text_parse_i64(req_capture(&c->rq, "id"), false, &id))
        return 404;
    db_result pr, prices;
    db_status st = db_exec(d, &q_product, c->a, (db_param[]){DB_INT(id)}, 1, &pr);
    if (st == DB_OK && pr.nrows)
        st = db_exec(d, &q_product_prices, c->a, (db_param[]){DB_INT(id)}, 1, &prices);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (pr.nrows == 0)
        return ctx_fail(c, 404, "not_found", "There is no such product.");

    char *const *row = pr.rows[0];
    xmlNodePtr p = xml_add(c->page, "product");
    xml_set(p, "id", row[0]);
    xml_set(p, "delivery", row[7]);
    xml_set(p, "free-login", row[8]);
    xml_set(p, "created", row[18]);
    xml_set(p, "updated", row[19]);
    xml_add_text(p, "name", ctx_l10n(c, row[1], row[2]));
    xml_add_text(p, "summary", ctx_l10n(c, row[3], row[4]));
    add_paragraphs(c, xml_add(p, "description"), ctx_l10n(c, row[5], row[6]));
    xml_add_money(p, "price-from", db_int(&pr, 0, 9));
    xmlNodePtr v = xml_add_text(p, "vendor", ctx_l10n(c, row[12], row[13]));
    xml_set(v, "id", row[10]);
    xml_set(v, "slug", row[11]);
    xml_set(v, "website", row[14]);
    xml_set(xml_add_text(p, "category", ctx_l10n(c, row[16], row[17])), "slug", row[15]);

    /* the periods any spec offers, in order: the price table's columns */
    static const int all_periods[] = {1, 3, 6, 12, 24, 36};
    bool offered[6] = {false};
    for (size_t i = 0; i < prices.nrows; i++)
        for (int k = 0; k < 6; k++)
            if (db_int(&prices, i, 5) == all_periods[k])
                offered[k] = true;
    xmlNodePtr periods = xml_add(p, "periods");
    for (int k = 0; k < 6; k++)
        if (offered[k])
            xml_set_int(xml_add(periods, "period"), "months", all_periods[k]);

    xmlNodePtr specs = xml_add(p, "specs");
    xmlNodePtr spec = NULL;
    const char *spec_id = NULL;
    for (size_t i = 0; i < prices.nrows; i++) {
        if (!spec_id || strcmp(spec_id, db_str(&prices, i, 0)) != 0) {
            spec_id = db_str(&prices, i, 0);
            spec = xml_add(specs, "spec");
            xml_set(spec, "id", spec_id);
            xml_add_text(spec, "name", ctx_l10n(c, db_str(&prices, i, 1), db_str(&prices, i, 2)));
            add_features(c, spec, ctx_l10n(c, db_str(&prices, i, 3), db_str(&prices, i, 4)));
        }
        xml_set(xml_add_money(spec, "price", db_int(&prices, i, 6)), "months", db_str(&prices, i, 5));
    }
    return 200;
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
    long long after = 1LL << 40;
    const char *cur = ctx_in(c, "after");
    long long unused;
    if (cur && !parse_cursor(cur, false, &unused, &after))
        return ctx_fail(c, 400, "bad_request", "The page cursor is not valid.");
    db_result r;
    db_status st = db_exec(&c->w->db, &q_search, c->a,
                           (db_param[]){DB_INT(after), DB_STR(pattern), DB_INT(PAGE_SIZE + 1)}, 3, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    add_cards(c, s, &r);
    add_pager(c, &r, "newest", false);
    return 200;
}
