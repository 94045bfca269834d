/* Catalog pages: home, category listing, product, search. */
#include <stdio.h>
#include <string.h>

#include "../fcgi/dispatch.h"
#include "../fcgi/memo.h"
#include "../fcgi/text.h"
#include "../fcgi/xml.h"
#include "handlers.h"

#define PAGE_SIZE 12

/* The columns of a product card, the same in every listing query. */
#define CARD_COLS                                                                                                      \
    "p.id, p.name_zh, p.name_en, p.summary_zh, p.summary_en, p.delivery_mode, p.free_login, "                          \
    "p.price_from_cents, v.slug, v.name_zh, v.name_en, c.slug, c.name_zh, c.name_en, "                                 \
    "DATE_FORMAT(p.created_at, '%Y-%m-%d %H:%i:%s') "
enum {
    CARD_ID,
    CARD_NAME_ZH,
    CARD_NAME_EN,
    CARD_SUMMARY_ZH,
    CARD_SUMMARY_EN,
    CARD_MODE,
    CARD_FREE_LOGIN,
    CARD_PRICE_FROM,
    CARD_VENDOR_SLUG,
    CARD_VENDOR_ZH,
    CARD_VENDOR_EN,
    CARD_CATEGORY_SLUG,
    CARD_CATEGORY_ZH,
    CARD_CATEGORY_EN,
    CARD_CREATED,
    CARD__MAX
};
/* products first: left to itself the optimizer may read the vendors first
 * and sort every product they sell */
#define CARD_FROM                                                                                                      \
    " FROM products p STRAIGHT_JOIN vendors v ON v.id = p.vendor_id STRAIGHT_JOIN categories c ON c.id = p.category_id "

/* On sale: listed, from a vendor that is not suspended (p and v joined). */
#define ON_SALE "p.listed = 1 AND v.status = 'active' "

/* a category with its count of products on sale: q_categories and
 * q_category. The counts are kept by triggers (sql/014_catalog_scale.sql),
 * so a page reads a row per category, whatever the catalog's size. */
enum { CAT_ID, CAT_SLUG, CAT_NAME_ZH, CAT_NAME_EN, CAT_COUNT, CAT__MAX };
static db_stmt q_categories = DB_STMT("categories", 0, CAT__MAX,
    "SELECT c.id, c.slug, c.name_zh, c.name_en, COALESCE(cc.on_sale, 0) FROM categories c "
    "LEFT JOIN category_counts cc ON cc.category_id = c.id ORDER BY c.position, c.id");

static db_stmt q_newest = DB_STMT("newest", 1, CARD__MAX,
    "SELECT " CARD_COLS CARD_FROM "WHERE " ON_SALE "ORDER BY p.id DESC LIMIT ?");

static db_stmt q_category = DB_STMT("category", 1, CAT__MAX,
    "SELECT c.id, c.slug, c.name_zh, c.name_en, COALESCE(cc.on_sale, 0) FROM categories c "
    "LEFT JOIN category_counts cc ON cc.category_id = c.id WHERE c.slug = ?");

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

/* Search, through the index of sql/014_catalog_scale.sql. The query is
 * cut into terms as the index cuts text (search_patterns here, search_norm
 * and search_terms_json there): bigrams of Han runs, a lone Han character
 * as a prefix of the terms it starts, ASCII words as prefixes. A product
 * matches when it has every term, in its names, summaries or category's
 * names. It ranks by the weight of what matched: each of its own terms 4
 * in a name, 1 in a summary; its category 2 for each query term it has;
 * then newest first. Pages are keyset over (score, id), with an exact
 * count.
 *
 * A category whose names hold every term makes all its products results,
 * however many: those without a term of their own all score 2 per query
 * term, so they are read newest first from the category's index, a page
 * at a time, and counted by category_counts. The products found by their
 * own terms are ranked in one pass whose COUNT(*) OVER () counts them. A
 * page merges the two. */
#define SEARCH_SLOTS 8 /* a query's first distinct terms count, no more */
#define SLOT_ANY(col)                                                                                                  \
    "(" col " LIKE ? OR " col " LIKE ? OR " col " LIKE ? OR " col " LIKE ? OR " col " LIKE ? OR " col                  \
    " LIKE ? OR " col " LIKE ? OR " col " LIKE ?)"
#define SLOT_BITS(col)                                                                                                 \
    "((" col " LIKE ?) | (" col " LIKE ?) << 1 | (" col " LIKE ?) << 2 | (" col " LIKE ?) << 3 | (" col                \
    " LIKE ?) << 4 | (" col " LIKE ?) << 5 | (" col " LIKE ?) << 6 | (" col " LIKE ?) << 7)"

/* the categories with every term (mask: all the slots), two at most */
enum { SCAT_ID, SCAT__MAX };
static db_stmt q_search_cats = DB_STMT("search_cats", 2 * SEARCH_SLOTS + 1, SCAT__MAX,
    "SELECT ct.category_id FROM category_terms ct WHERE " SLOT_ANY("ct.term") " GROUP BY ct.category_id "
    "HAVING BIT_OR(" SLOT_BITS("ct.term") ") = ? ORDER BY ct.category_id LIMIT 2");

/* Products on sale with every term, ranked: those with terms of their own
 * (their category completing them), and every product of a category with
 * all the terms but the one read apart (the first ?, 0 for none). Each row
 * has the card, its score, the number found and how many of them are in
 * the category read apart. Parameters: the slots' bits and filters for
 * search_terms, then for category_terms; the mask; that category twice
 * (counted, left out); the mask; the cursor (score, score, id); the limit. */
/* (clang-format 14 would format the SLOT_*() in the two statements below as
 * calls, so they are kept out of it) */
/* clang-format off */
#define SEARCH_HITS                                                                                                  \
    "WITH th AS (SELECT t.product_id AS pid, t.weight AS w, " SLOT_BITS("t.term") " AS bits "                        \
    "FROM search_terms t WHERE " SLOT_ANY("t.term") "), "                                                           \
    "ch AS (SELECT ct.category_id, BIT_OR(" SLOT_BITS("ct.term") ") AS bits "                                       \
    "FROM category_terms ct WHERE " SLOT_ANY("ct.term") " GROUP BY ct.category_id), "                               \
    "chw AS (SELECT ch.category_id, 2 * BIT_COUNT(ch.bits) AS w, ch.bits, ch.bits = ? AS full FROM ch) "             \
    "SELECT " CARD_COLS ", s.score, s.total, s.apart FROM ("                                                         \
    "SELECT r.pid, r.score, COUNT(*) OVER () AS total, SUM(p.category_id = ?) OVER () AS apart FROM ("              \
    "SELECT h.pid, SUM(h.w) AS score FROM ("                                                                         \
    "SELECT th.pid, th.w, th.bits FROM th UNION ALL "                                                                \
    "SELECT p.id, chw.w, chw.bits FROM chw JOIN products p ON p.category_id = chw.category_id "                      \
    "JOIN (SELECT DISTINCT th.pid FROM th) d ON d.pid = p.id UNION ALL "                                             \
    "SELECT p.id, chw.w, chw.bits FROM chw JOIN products p ON p.category_id = chw.category_id AND p.listed = 1 "     \
    "WHERE chw.full AND chw.category_id <> ? AND p.id NOT IN (SELECT th.pid FROM th)"                                \
    ") h GROUP BY h.pid HAVING BIT_OR(h.bits) = ?"                                                                   \
    ") r STRAIGHT_JOIN products p ON p.id = r.pid STRAIGHT_JOIN vendors v ON v.id = p.vendor_id WHERE " ON_SALE     \
    ") s STRAIGHT_JOIN products p ON p.id = s.pid STRAIGHT_JOIN vendors v ON v.id = p.vendor_id "                     \
    "STRAIGHT_JOIN categories c ON c.id = p.category_id "
/* clang-format on */
#define SEARCH_HITS_NPARAMS (4 * SEARCH_SLOTS + 8)
enum { SR_SCORE = CARD__MAX, SR_TOTAL, SR_APART, SR__MAX };
static db_stmt q_search = DB_STMT("search", SEARCH_HITS_NPARAMS, SR__MAX,
    SEARCH_HITS "WHERE s.score < ? OR (s.score = ? AND p.id < ?) ORDER BY s.score DESC, p.id DESC LIMIT ?");
static db_stmt q_search_back = DB_STMT("search_back", SEARCH_HITS_NPARAMS, SR__MAX,
    SEARCH_HITS "WHERE s.score > ? OR (s.score = ? AND p.id > ?) ORDER BY s.score, p.id LIMIT ?");

/* The products on sale of the category read apart that have no term of
 * their own, all of one score (the first ?), from an id (exclusive). The
 * same columns as q_search. Parameters: the score, the slots' filters,
 * the category, the id, the limit. */
/* clang-format off */
#define SEARCH_APART                                                                                                 \
    "SELECT " CARD_COLS ", ?, 0, 0" CARD_FROM "WHERE p.id NOT IN (SELECT t.product_id FROM search_terms t WHERE "   \
    SLOT_ANY("t.term") ") AND p.category_id = ? AND " ON_SALE
/* clang-format on */
static db_stmt q_search_apart = DB_STMT("search_apart", SEARCH_SLOTS + 4, SR__MAX,
    SEARCH_APART "AND p.id < ? ORDER BY p.id DESC LIMIT ?");
static db_stmt q_search_apart_back = DB_STMT("search_apart_back", SEARCH_SLOTS + 4, SR__MAX,
    SEARCH_APART "AND p.id > ? ORDER BY p.id LIMIT ?");
enum { SCC_ON_SALE, SCC__MAX };
static db_stmt q_search_apart_count = DB_STMT("search_apart_count", 1, SCC__MAX,
    "SELECT COALESCE((SELECT on_sale FROM category_counts WHERE category_id = ?), 0)");

/* Listed or not: a product taken off sale (delisted, or its vendor
 * suspended) still has a page that says so. */
#define SUPPORT_COLS "COALESCE(NULLIF(p.support_email, ''), v.support_email), p.support_phone "
enum {
    PD_ID,
    PD_NAME_ZH,
    PD_NAME_EN,
    PD_SUMMARY_ZH,
    PD_SUMMARY_EN,
    PD_DESC_ZH,
    PD_DESC_EN,
    PD_MODE,
    PD_FREE_LOGIN,
    PD_PRICE_FROM,
    PD_VENDOR,
    PD_VENDOR_SLUG,
    PD_VENDOR_ZH,
    PD_VENDOR_EN,
    PD_WEBSITE,
    PD_CATEGORY_SLUG,
    PD_CATEGORY_ZH,
    PD_CATEGORY_EN,
    PD_CREATED,
    PD_UPDATED,
    PD_LISTED,
    PD_SUPPORT_EMAIL,
    PD_SUPPORT_PHONE,
    PD__MAX
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

/* Every query here reads the catalog only, whose every change bumps its
 * version in the same transaction: a result the worker kept for the
 * current version is the database's answer (memo.h). The version comes
 * with a signed-in buyer's session, else costs one query per request. */
static db_status catalog_read(ctx *c, db_stmt *s, const db_param *p, size_t np, db_result *out)
{
    if (!c->w->cfg.keep_catalog_reads)
        return db_exec(&c->w->db, s, c->a, p, np, out);
    const char *version;
    db_status st = dispatch_catalog_version(c, &version, NULL);
    if (st != DB_OK)
        return st;
    return memo_exec(&c->w->db, version, s, c->a, p, np, out);
}

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
    db_status st = catalog_read(c, &q_categories, NULL, 0, &cats);
    if (st == DB_OK)
        st = catalog_read(c, &q_newest, (db_param[]){DB_INT(8)}, 1, &newest);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    xmlNodePtr list = xml_add(c->page, "categories");
    for (size_t i = 0; i < cats.nrows; i++) {
        xmlNodePtr cat = xml_add_text(list, "category",
                                      ctx_l10n(c, db_str(&cats, i, CAT_NAME_ZH), db_str(&cats, i, CAT_NAME_EN)));
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
    db_result cat, list;
    db_status st = catalog_read(c, &q_category, (db_param[]){DB_STR(req_capture(&c->rq, "slug"))}, 1, &cat);
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
        st = catalog_read(c, back ? &q_category_oldest : &q_category_newest,
                          (db_param[]){DB_INT(cat_id), DB_INT(id), DB_INT(PAGE_SIZE + 1)}, 3, &list);
    else
        st = catalog_read(c, desc ? &q_category_price_desc : &q_category_price_asc,
                          (db_param[]){DB_INT(cat_id), DB_INT(price), DB_INT(price), DB_INT(id), DB_INT(PAGE_SIZE + 1)},
                          5, &list);
    if (st != DB_OK)
        return ctx_db_fail(c, st);

    xmlNodePtr ce = xml_add_text(c->page, "category",
                                 ctx_l10n(c, db_str(&cat, 0, CAT_NAME_ZH), db_str(&cat, 0, CAT_NAME_EN)));
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
    db_result pr, prices;
    db_status st = catalog_read(c, &q_product, (db_param[]){DB_INT(id)}, 1, &pr);
    if (st == DB_OK && pr.nrows)
        st = catalog_read(c, &q_product_prices, (db_param[]){DB_INT(id)}, 1, &prices);
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
            add_features(c, spec, ctx_l10n(c, db_str(&prices, i, PP_FEATURES_ZH), db_str(&prices, i, PP_FEATURES_EN)));
        }
        xml_set(xml_add_money(spec, "price", db_int(&prices, i, PP_PRICE)), "months", db_str(&prices, i, PP_MONTHS));
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

/* Adds pattern p to pats (n so far) unless it is there already or the
 * slots are full. */
static void add_pattern(const char **pats, size_t *n, const char *p)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(pats[i], p) == 0)
            return;
    if (*n < SEARCH_SLOTS)
        pats[(*n)++] = p;
}

/* The CJK Unified Ideographs blocks: search_norm's Han, by code point. */
static bool is_han(unsigned long cp)
{
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x323AF);
}

/* The code point at *p (valid UTF-8: the request's text was checked),
 * and its length in bytes. */
static unsigned long utf8_next(const unsigned char *p, size_t *len)
{
    unsigned long cp = p[0];
    size_t n = cp < 0x80 ? 1 : cp < 0xe0 ? 2 : cp < 0xf0 ? 3 : 4;
    if (n > 1)
        cp &= 0x3f >> (n - 1);
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80) {
            *len = i;
            return 0xfffd; /* cut short: a separator */
        }
        cp = cp << 6 | (p[i] & 0x3f);
    }
    *len = n;
    return cp;
}

/* The LIKE patterns of query q, cut as search_norm cuts text: runs of Han
 * and runs of ASCII letters and digits (lowered), anything else between
 * them. A Han run gives its bigrams, or its one character as a prefix
 * ("云%"); a word of two letters or more is a prefix ("crm%", its first 32
 * letters, as the index keeps them), a one-letter word itself. None holds
 * % or _. Returns how many, the first SEARCH_SLOTS distinct ones. */
static size_t search_patterns(arena *a, const char *q, const char **pats)
{
    size_t n = 0, qlen = strlen(q);
    char *word = arena_alloc(a, qlen + 1);
    const unsigned char *p = (const unsigned char *)q, *han = NULL, *prev = NULL;
    size_t wlen = 0, hchars = 0;
    for (;;) {
        size_t len = 0;
        unsigned long cp = *p ? utf8_next(p, &len) : 0;
        bool h = cp && is_han(cp);
        bool w = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        if (han && !h) {
            /* a Han run ends: its bigrams were added as it went */
            if (hchars == 1)
                add_pattern(pats, &n, arena_printf(a, "%.*s%%", (int)(p - han), (const char *)han));
            han = NULL;
        }
        if (wlen && !w) {
            size_t keep = wlen > 32 ? 32 : wlen;
            /* cppcheck-suppress knownConditionTrueFalse ; a false positive: a one-letter word keeps 1 */
            add_pattern(pats, &n, keep == 1 ? arena_strndup(a, word, 1) : arena_printf(a, "%.*s%%", (int)keep, word));
            wlen = 0;
        }
        if (!cp)
            break;
        if (h) {
            if (!han) {
                han = p;
                hchars = 0;
            } else {
                add_pattern(pats, &n, arena_strndup(a, (const char *)prev, (size_t)(p + len - prev)));
            }
            hchars++;
            prev = p;
        } else if (w) {
            word[wlen++] = (char)(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
        }
        p += len;
    }
    return n;
}

/* The search for pats (n of them, all their bits in mask): its slots'
 * patterns, each twice (bits, then filter) or once (filter only), "" for
 * the unused ('' is never a term). */
typedef struct search_q {
    const char **pats;
    size_t n;
    long long mask;
} search_q;

static size_t slot_params(db_param *params, const search_q *sq, int uses)
{
    size_t k = 0;
    for (int use = 0; use < uses; use++)
        for (size_t i = 0; i < SEARCH_SLOTS; i++)
            params[k++] = DB_STR(i < sq->n ? sq->pats[i] : "");
    return k;
}

/* A page of products found by their own terms (and of every category with
 * all the terms but apart's), from the cursor (score, id). */
static db_status search_hits(ctx *c, const search_q *sq, long long apart, bool back, long long score, long long id,
                             long long limit, db_result *r)
{
    db_param params[SEARCH_HITS_NPARAMS];
    size_t k = slot_params(params, sq, 2);
    k += slot_params(params + k, sq, 2);
    params[k++] = DB_INT(sq->mask);
    params[k++] = DB_INT(apart);
    params[k++] = DB_INT(apart);
    params[k++] = DB_INT(sq->mask);
    params[k++] = DB_INT(score);
    params[k++] = DB_INT(score);
    params[k++] = DB_INT(id);
    params[k++] = DB_INT(limit);
    return catalog_read(c, back ? &q_search_back : &q_search, params, k, r);
}

/* A page of category apart's products without terms of their own, all
 * scoring apart_score, after the cursor (score, id) in the page's order. */
static db_status search_apart(ctx *c, const search_q *sq, long long apart, long long apart_score, bool back,
                              long long score, long long id, long long limit, db_result *r)
{
    /* all of them, those past the cursor's id, or none (the id bound is
     * exclusive: below it newest first, above it backwards) */
    long long all = back ? 0 : 1LL << 40, none = back ? 1LL << 40 : 0;
    long long from = apart_score == score ? id : (back ? apart_score > score : apart_score < score) ? all : none;
    db_param params[SEARCH_SLOTS + 4];
    size_t k = 0;
    params[k++] = DB_INT(apart_score);
    k += slot_params(params + k, sq, 1);
    params[k++] = DB_INT(apart);
    params[k++] = DB_INT(from);
    params[k++] = DB_INT(limit);
    return catalog_read(c, back ? &q_search_apart_back : &q_search_apart, params, k, r);
}

/* Whether row i of a comes before row j of b in the page's order (score,
 * then id; descending unless back). */
static bool search_before(const db_result *a, size_t i, const db_result *b, size_t j, bool back)
{
    long long sa = db_int(a, i, SR_SCORE), sb = db_int(b, j, SR_SCORE);
    long long ia = db_int(a, i, CARD_ID), ib = db_int(b, j, CARD_ID);
    bool less = sa < sb || (sa == sb && ia < ib);
    return back ? less : !less;
}

/* a and b merged in the page's order, the first limit rows, into the
 * request's arena */
static db_result search_merge(ctx *c, const db_result *a, const db_result *b, bool back, size_t limit)
{
    db_result m = *a;
    m.rows = arena_alloc(c->a, (limit + 1) * sizeof(*m.rows));
    m.lens = arena_alloc(c->a, (limit + 1) * sizeof(*m.lens));
    size_t i = 0, j = 0;
    for (m.nrows = 0; m.nrows < limit && (i < a->nrows || j < b->nrows); m.nrows++) {
        bool from_a = j >= b->nrows || (i < a->nrows && search_before(a, i, b, j, back));
        const db_result *src = from_a ? a : b;
        size_t at = from_a ? i++ : j++;
        m.rows[m.nrows] = src->rows[at];
        m.lens[m.nrows] = src->lens[at];
    }
    return m;
}

int h_search(ctx *c)
{
    const char *q = ctx_in(c, "q");
    xmlNodePtr s = xml_add(c->page, "search");
    xml_set(s, "q", q ? q : "");
    xml_set(s, "q-url", text_url_encode(c->a, q ? q : "", false));
    if (!q || !q[strspn(q, " \t\r\n")])
        return 200; /* the search form alone */
    bool back = ctx_in(c, "before") != NULL;
    long long score = back ? 0 : 1LL << 62, id = back ? 0 : 1LL << 40;
    const char *cur = back ? ctx_in(c, "before") : ctx_in(c, "after");
    if (cur && !parse_cursor(cur, true, &score, &id))
        return ctx_fail(c, 400, "bad_cursor", "The page cursor is not valid.");

    const char *pats[SEARCH_SLOTS];
    search_q sq = {.pats = pats};
    sq.n = search_patterns(c->a, q, pats);
    sq.mask = (1LL << sq.n) - 1;
    if (sq.n == 0) {
        /* nothing to look for: punctuation, symbols, emoji */
        xml_set(s, "count", "0");
        xml_add(s, "products");
        return 200;
    }

    /* one category with every term is read apart; with two or more, all
     * their products are ranked with the others */
    db_result cats, hits, rest, first;
    db_param params[2 * SEARCH_SLOTS + 1];
    size_t k = slot_params(params, &sq, 2);
    params[k++] = DB_INT(sq.mask);
    db_status st = catalog_read(c, &q_search_cats, params, k, &cats);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    long long apart = cats.nrows == 1 ? db_int(&cats, 0, SCAT_ID) : 0, apart_score = 2 * (long long)sq.n;

    if ((st = search_hits(c, &sq, apart, back, score, id, PAGE_SIZE + 1, &hits)) != DB_OK)
        return ctx_db_fail(c, st);
    long long total = 0, apart_found = 0;
    if (hits.nrows) {
        total = db_int(&hits, 0, SR_TOTAL);
        apart_found = db_int(&hits, 0, SR_APART);
    } else if (cur) {
        /* past the last of them: their count from the first page's row */
        if ((st = search_hits(c, &sq, apart, false, 1LL << 62, 1LL << 40, 1, &first)) != DB_OK)
            return ctx_db_fail(c, st);
        if (first.nrows) {
            total = db_int(&first, 0, SR_TOTAL);
            apart_found = db_int(&first, 0, SR_APART);
        }
    }
    db_result *page = &hits, merged;
    if (apart) {
        db_result count;
        if ((st = search_apart(c, &sq, apart, apart_score, back, score, id, PAGE_SIZE + 1, &rest)) != DB_OK ||
            (st = catalog_read(c, &q_search_apart_count, (db_param[]){DB_INT(apart)}, 1, &count)) != DB_OK)
            return ctx_db_fail(c, st);
        /* the category's products on sale, less those found by their own terms */
        total += db_int(&count, 0, SCC_ON_SALE) - apart_found;
        merged = search_merge(c, &hits, &rest, back, PAGE_SIZE + 1);
        page = &merged;
    }
    xml_set_int(s, "count", total);
    add_cards(c, s, page, true, SR_SCORE);
    return 200;
}
