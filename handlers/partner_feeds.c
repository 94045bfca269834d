/* Partner feeds (signed XML): the event log with a cursor, the vendor's
 * orders and instances, and each by number. A vendor sees only its own. */
#include <stdio.h>
#include <string.h>

#include "../fcgi/xml.h"
#include "attachments.h"
#include "handlers.h"
#include "partner.h"

#define FEED_LIMIT_DEFAULT 50

#define ISO(col) "DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%sZ')"
/* (clang-format 14 would format the column lists below that use ISO() as
 * calls, so they are kept out of it) */

/* Every feed statement's first column is its cursor: the event's seq, the
 * order's or instance's id. */
enum { FEED_CURSOR = 0 };

/* a vendor's events by its own sequence: gap-free in commit order */
enum { EV_SEQ, EV_TYPE, EV_ACTOR, EV_AT, EV_ORDER, EV_INSTANCE, EV_OPEN_ID, EV_DETAIL, EV_DELIVERY, EV__MAX };
static db_stmt q_events = DB_STMT("partner_events", 3, EV__MAX,
    "SELECT e.seq, e.type, e.actor, " ISO("e.created_at") ", o.order_no, i.instance_no, vb.open_id, e.detail, "
    "dl.delivery_no FROM events e LEFT JOIN orders o ON o.id = e.order_id "
    "LEFT JOIN instances i ON i.id = e.instance_id LEFT JOIN deliveries dl ON dl.id = e.delivery_id "
    "LEFT JOIN vendor_buyers vb ON vb.vendor_id = e.vendor_id AND vb.user_id = e.user_id "
    "WHERE e.vendor_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?");

/* clang-format off */
#define ORDER_COLS                                                                                          \
    "SELECT o.id, o.order_no, o.kind, o.status, o.period_months, o.total_cents, o.unit_price_cents, "       \
    ISO("o.created_at") ", " ISO("o.paid_at") ", " ISO("o.cancelled_at") ", " ISO("o.refunded_at") ", "     \
    "vb.open_id, o.product_id, o.product_name_zh, o.product_name_en, o.spec_id, o.spec_name_zh, "           \
    "o.spec_name_en, i.instance_no, o.delivery_mode "                                                        \
    "FROM orders o LEFT JOIN instances i ON i.id = o.instance_id "                                          \
    "LEFT JOIN vendor_buyers vb ON vb.vendor_id = o.vendor_id AND vb.user_id = o.user_id "
/* clang-format on */
enum {
    PO_ID,
    PO_NO,
    PO_KIND,
    PO_STATUS,
    PO_MONTHS,
    PO_TOTAL,
    PO_UNIT_PRICE,
    PO_CREATED,
    PO_PAID,
    PO_CANCELLED,
    PO_REFUNDED,
    PO_OPEN_ID,
    PO_PRODUCT,
    PO_PRODUCT_ZH,
    PO_PRODUCT_EN,
    PO_SPEC,
    PO_SPEC_ZH,
    PO_SPEC_EN,
    PO_INSTANCE,
    PO_MODE,
    PO__MAX
};
static db_stmt q_orders = DB_STMT("partner_orders", 3, PO__MAX,
    ORDER_COLS "WHERE o.vendor_id = ? AND o.id > ? ORDER BY o.id LIMIT ?");
static db_stmt q_order = DB_STMT("partner_order", 2, PO__MAX, ORDER_COLS "WHERE o.vendor_id = ? AND o.order_no = ?");

/* clang-format off */
#define INSTANCE_COLS                                                                                       \
    "SELECT i.id, i.instance_no, i.status, i.delivery_mode, " ISO("i.started_at") ", " ISO("i.expires_at")  \
    ", " ISO("i.provisioned_at") ", vb.open_id, i.product_id, p.name_zh, p.name_en, i.spec_id, s.name_zh, "   \
    "s.name_en, o.order_no, i.login_url, i.account, i.free_login_url "                                       \
    "FROM instances i JOIN products p ON p.id = i.product_id JOIN specs s ON s.id = i.spec_id "             \
    "JOIN orders o ON o.id = i.order_id "                                                                   \
    "LEFT JOIN vendor_buyers vb ON vb.vendor_id = i.vendor_id AND vb.user_id = i.user_id "
/* clang-format on */
enum {
    PI_ID,
    PI_NO,
    PI_STATUS,
    PI_MODE,
    PI_STARTED,
    PI_EXPIRES,
    PI_PROVISIONED,
    PI_OPEN_ID,
    PI_PRODUCT,
    PI_PRODUCT_ZH,
    PI_PRODUCT_EN,
    PI_SPEC,
    PI_SPEC_ZH,
    PI_SPEC_EN,
    PI_ORDER,
    PI_LOGIN_URL,
    PI_ACCOUNT,
    PI_FREE_LOGIN_URL,
    PI__MAX
};
static db_stmt q_instances = DB_STMT("partner_instances", 3, PI__MAX,
    INSTANCE_COLS "WHERE i.vendor_id = ? AND i.id > ? ORDER BY i.id LIMIT ?");
static db_stmt q_instances_status = DB_STMT("partner_instances_status", 4, PI__MAX,
    INSTANCE_COLS "WHERE i.vendor_id = ? AND i.status = ? AND i.id > ? ORDER BY i.id LIMIT ?");
static db_stmt q_instance = DB_STMT("partner_instance", 2, PI__MAX,
    INSTANCE_COLS "WHERE i.vendor_id = ? AND i.instance_no = ?");
enum { PF_NAME, PF_VALUE, PF__MAX };
static db_stmt q_instance_fields = DB_STMT("partner_instance_fields", 1, PF__MAX,
    "SELECT name, value FROM instance_fields WHERE instance_id = ? ORDER BY position");

enum {
    PD_ID,
    PD_NO,
    PD_STATUS,
    PD_INSTANCE,
    PD_OPEN_ID,
    PD_LATEST,
    PD_CONFIRMED,
    PD_REJECTIONS,
    PD_AUTO,
    PD_CREATED,
    PD_UPDATED,
    PD_SUBMITTED,
    PD_COMPLETED,
    PD_PRODUCT,
    PD_PRODUCT_ZH,
    PD_PRODUCT_EN,
    PD_ORDER,
    PD_APPEAL_STATUS,
    PD_APPEAL_GROUNDS,
    PD_APPEAL_CREATED,
    PD_APPEAL_DECIDED,
    PD_APPEAL_DECISION,
    PD_APPEAL_REASON,
    PD_APPEAL_NOTE,
    PD__MAX
};
/* with the delivery's latest appeal (申诉), if any */
/* clang-format off */
#define DELIVERY_COLS                                                                                       \
    "SELECT d.id, d.delivery_no, d.status, i.instance_no, vb.open_id, d.latest_version, d.confirmed_version, " \
    "d.rejections, d.auto_accepted, " ISO("d.created_at") ", " ISO("d.updated_at") ", " ISO("d.submitted_at") \
    ", " ISO("d.completed_at") ", p.id, p.name_zh, p.name_en, o.order_no, a.status, a.grounds, "              \
    ISO("a.created_at") ", " ISO("a.decided_at") ", a.decision, a.reason, a.decision_note "                   \
    "FROM deliveries d JOIN instances i ON i.id = d.instance_id JOIN products p ON p.id = i.product_id "     \
    "JOIN orders o ON o.id = i.order_id LEFT JOIN delivery_appeals a ON a.id = d.appeal_id "                 \
    "LEFT JOIN vendor_buyers vb ON vb.vendor_id = d.vendor_id AND vb.user_id = d.user_id "
/* clang-format on */
static db_stmt q_deliveries = DB_STMT("partner_deliveries", 3, PD__MAX,
    DELIVERY_COLS "WHERE d.vendor_id = ? AND d.id > ? ORDER BY d.id LIMIT ?");
static db_stmt q_deliveries_status = DB_STMT("partner_deliveries_status", 4, PD__MAX,
    DELIVERY_COLS "WHERE d.vendor_id = ? AND d.status = ? AND d.id > ? ORDER BY d.id LIMIT ?");
static db_stmt q_delivery = DB_STMT("partner_delivery", 2, PD__MAX,
    DELIVERY_COLS "WHERE d.vendor_id = ? AND d.delivery_no = ?");
enum { PR_VERSION, PR_TITLE, PR_DESCRIPTION, PR_CONTACT, PR_CREATED, PR__MAX };
static db_stmt q_delivery_requirements = DB_STMT("partner_delivery_requirements", 1, PR__MAX,
    "SELECT version, title, description, contact, " ISO("created_at") " FROM delivery_requirements "
    "WHERE delivery_id = ? ORDER BY version");
enum { PH_TYPE, PH_ACTOR, PH_FROM, PH_TO, PH_VERSION, PH_NOTE, PH_AT, PH_ID, PH_KEY, PH__MAX };
static db_stmt q_delivery_history = DB_STMT("partner_delivery_history", 1, PH__MAX,
    "SELECT type, actor, from_status, to_status, version, note, " ISO("created_at") ", id, vendor_key "
    "FROM delivery_history "
    "WHERE delivery_id = ? ORDER BY id");

/* The page size asked for, capped; and the cursor. */
static long long feed_limit(ctx *c)
{
    return ctx_in_int(c, "limit", FEED_LIMIT_DEFAULT); /* 1 to 200, checked with the route's inputs */
}

/* <list after=… next=… limit=… more=…>; rows holds limit + 1 rows at most. */
static xmlNodePtr feed_root(ctx *c, const char *name, const db_result *r, long long after, long long limit,
                            xmlDocPtr *doc)
{
    xmlNodePtr root;
    *doc = xml_doc_new(c->a, name, &root);
    xml_set(root, "vendor", c->vendor_slug);
    xml_set_int(root, "after", after);
    xml_set_int(root, "limit", limit);
    size_t shown = r->nrows > (size_t)limit ? (size_t)limit : r->nrows;
    xml_set(root, "next", shown ? db_str(r, shown - 1, FEED_CURSOR) : arena_printf(c->a, "%lld", after));
    xml_set(root, "more", r->nrows > (size_t)limit ? "true" : "false");
    return root;
}

static void add_names(xmlNodePtr parent, const char *name, const char *id, const char *zh, const char *en)
{
    xmlNodePtr e = xml_add(parent, name);
    xml_set(e, "id", id);
    xml_set(xml_add_text(e, "name", zh), "lang", "zh-CN");
    xml_set(xml_add_text(e, "name", en), "lang", "en");
}

typedef void (*row_fn)(ctx *c, xmlNodePtr parent, const db_result *r, size_t i);

/* One page of a feed: the vendor's rows after the cursor (q takes vendor,
 * [filter value,] after, limit), each added by add, under a root named
 * name that echoes the filter as an attribute. */
static int feed_page(ctx *c, const char *name, db_stmt *q, const char *filter, const char *extra, row_fn add)
{
    long long after = ctx_in_int(c, "after", 0), limit = feed_limit(c);
    db_param p[4] = {DB_INT(c->vendor_id)};
    size_t np = 1;
    if (extra)
        p[np++] = DB_STR(extra);
    p[np++] = DB_INT(after);
    p[np++] = DB_INT(limit + 1);
    db_result r;
    db_status st = db_exec(&c->w->db, q, c->a, p, np, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    xmlDocPtr doc;
    xmlNodePtr root = feed_root(c, name, &r, after, limit, &doc);
    if (extra)
        xml_set(root, filter, extra);
    for (size_t i = 0; i < r.nrows && i < (size_t)limit; i++)
        add(c, root, &r, i);
    ctx_xml_body(c, doc);
    return 200;
}

static void add_event(ctx *c, xmlNodePtr parent, const db_result *r, size_t i)
{
    static const attr_col cols[] = {
        {"seq", EV_SEQ, 0}, {"type", EV_TYPE, 0}, {"actor", EV_ACTOR, 0}, {"at", EV_AT, 0}, {NULL, 0, 0}};
    xmlNodePtr e = xml_add(parent, "event");
    model_attrs(c, e, r, i, cols);
    if (db_str(r, i, EV_ORDER))
        xml_set(xml_add(e, "order"), "no", db_str(r, i, EV_ORDER));
    if (db_str(r, i, EV_INSTANCE))
        xml_set(xml_add(e, "instance"), "no", db_str(r, i, EV_INSTANCE));
    if (db_str(r, i, EV_DELIVERY))
        xml_set(xml_add(e, "delivery"), "no", db_str(r, i, EV_DELIVERY));
    if (db_str(r, i, EV_OPEN_ID))
        xml_set(xml_add(e, "buyer"), "open-id", db_str(r, i, EV_OPEN_ID));
    if (*db_str(r, i, EV_DETAIL))
        xml_add_text(e, "detail", db_str(r, i, EV_DETAIL));
}

enum { LAST_SEQ, LAST__MAX };
static db_stmt q_last_seq = DB_STMT("partner_last_seq", 1, LAST__MAX,
    "SELECT COALESCE((SELECT last_seq FROM vendor_event_seq WHERE vendor_id = ?), 0)");

int h_partner_events(ctx *c)
{
    /* a cursor past the vendor's last number is a client's mistake (or an
     * id kept from before the numbers were per vendor): say so rather than
     * answer empty pages for ever */
    long long after = ctx_in_int(c, "after", 0);
    if (after > 0) {
        db_result r;
        db_status st = db_exec(&c->w->db, &q_last_seq, c->a, (db_param[]){DB_INT(c->vendor_id)}, 1, &r);
        if (st != DB_OK)
            return ctx_db_fail(c, st);
        if (after > db_int(&r, 0, LAST_SEQ))
            return ctx_fail(c, 400, "bad_request",
                            arena_printf(c->a,
                                         "after=%lld is past your last event (%lld); events are numbered "
                                         "per vendor: start again from after=0",
                                         after, db_int(&r, 0, LAST_SEQ)));
    }
    return feed_page(c, "events", &q_events, NULL, NULL, add_event);
}

/* An order bought for months says how many (months="12"); one sold once
 * (一次性, period_months 0) says period="once" instead. */
static void add_order(ctx *c, xmlNodePtr parent, const db_result *r, size_t i)
{
    static const attr_col cols[] = {{"no", PO_NO, 0},
                                    {"kind", PO_KIND, 0},
                                    {"status", PO_STATUS, 0},
                                    {"delivery", PO_MODE, 0},
                                    {"created", PO_CREATED, 0},
                                    {"paid", PO_PAID, 0},
                                    {"cancelled", PO_CANCELLED, 0},
                                    {"refunded", PO_REFUNDED, 0},
                                    {NULL, 0, 0}};
    xmlNodePtr o = xml_add(parent, "order");
    model_attrs(c, o, r, i, cols);
    if (db_int(r, i, PO_MONTHS) == 0)
        xml_set(o, "period", "once");
    else
        xml_set(o, "months", db_str(r, i, PO_MONTHS));
    if (db_str(r, i, PO_OPEN_ID))
        xml_set(xml_add(o, "buyer"), "open-id", db_str(r, i, PO_OPEN_ID));
    add_names(o, "product", db_str(r, i, PO_PRODUCT), db_str(r, i, PO_PRODUCT_ZH), db_str(r, i, PO_PRODUCT_EN));
    add_names(o, "spec", db_str(r, i, PO_SPEC), db_str(r, i, PO_SPEC_ZH), db_str(r, i, PO_SPEC_EN));
    xml_add_money(o, "unit-price", db_int(r, i, PO_UNIT_PRICE));
    xml_add_money(o, "total", db_int(r, i, PO_TOTAL));
    if (db_str(r, i, PO_INSTANCE))
        xml_set(xml_add(o, "instance"), "no", db_str(r, i, PO_INSTANCE));
}

int h_partner_orders(ctx *c)
{
    return feed_page(c, "orders", &q_orders, NULL, NULL, add_order);
}

/* One of the vendor's items by number (q takes vendor, number), built by
 * the same add as the list uses, as the document's root. */
static int one_item(ctx *c, db_stmt *q, const char *no, const char *missing, row_fn add)
{
    db_result r;
    db_status st = db_exec(&c->w->db, q, c->a, (db_param[]){DB_INT(c->vendor_id), DB_STR(no)}, 2, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (r.nrows == 0)
        return ctx_fail(c, 404, "not_found", missing);
    xmlNodePtr holder;
    xmlDocPtr doc = xml_doc_new(c->a, "holder", &holder);
    add(c, holder, &r, 0);
    xml_lift_first_child(doc);
    ctx_xml_body(c, doc);
    return 200;
}

int h_partner_order(ctx *c)
{
    return one_item(c, &q_order, req_capture(&c->rq, "no"), "no such order", add_order);
}

/* An instance of a one-off service has no expiry: period="once" and no
 * expires. */
static xmlNodePtr add_instance(ctx *c, xmlNodePtr parent, const db_result *r, size_t i, bool with_app_info)
{
    static const attr_col cols[] = {{"no", PI_NO, 0},
                                    {"status", PI_STATUS, 0},
                                    {"delivery", PI_MODE, 0},
                                    {"started", PI_STARTED, 0},
                                    {"expires", PI_EXPIRES, 0},
                                    {"provisioned", PI_PROVISIONED, 0},
                                    {NULL, 0, 0}};
    xmlNodePtr e = xml_add(parent, "instance");
    model_attrs(c, e, r, i, cols);
    if (!db_str(r, i, PI_EXPIRES))
        xml_set(e, "period", "once");
    if (db_str(r, i, PI_OPEN_ID))
        xml_set(xml_add(e, "buyer"), "open-id", db_str(r, i, PI_OPEN_ID));
    add_names(e, "product", db_str(r, i, PI_PRODUCT), db_str(r, i, PI_PRODUCT_ZH), db_str(r, i, PI_PRODUCT_EN));
    add_names(e, "spec", db_str(r, i, PI_SPEC), db_str(r, i, PI_SPEC_ZH), db_str(r, i, PI_SPEC_EN));
    xml_set(xml_add(e, "order"), "no", db_str(r, i, PI_ORDER));
    if (with_app_info && db_str(r, i, PI_PROVISIONED)) {
        db_result f;
        xmlNodePtr app = xml_add(e, "app-info");
        xml_add_text(app, "login-url", db_str(r, i, PI_LOGIN_URL));
        xml_add_text(app, "account", db_str(r, i, PI_ACCOUNT));
        if (db_str(r, i, PI_FREE_LOGIN_URL))
            xml_add_text(app, "free-login-url", db_str(r, i, PI_FREE_LOGIN_URL));
        if (db_exec(&c->w->db, &q_instance_fields, c->a, (db_param[]){DB_INT(db_int(r, i, PI_ID))}, 1, &f) == DB_OK)
            for (size_t k = 0; k < f.nrows; k++)
                xml_set(xml_add_text(app, "field", db_str(&f, k, PF_VALUE)), "name", db_str(&f, k, PF_NAME));
    }
    return e;
}

static void add_instance_row(ctx *c, xmlNodePtr parent, const db_result *r, size_t i)
{
    add_instance(c, parent, r, i, false);
}

int h_partner_instances(ctx *c)
{
    const char *status = ctx_in(c, "status");
    return feed_page(c, "instances", status ? &q_instances_status : &q_instances, "status", status, add_instance_row);
}

static void add_instance_with_app_info(ctx *c, xmlNodePtr parent, const db_result *r, size_t i)
{
    add_instance(c, parent, r, i, true);
}

int partner_instance_doc(ctx *c, const char *no)
{
    return one_item(c, &q_instance, no, "no such instance", add_instance_with_app_info);
}

int h_partner_instance(ctx *c)
{
    return partner_instance_doc(c, req_capture(&c->rq, "no"));
}

static xmlNodePtr add_delivery(ctx *c, xmlNodePtr parent, const db_result *r, size_t i)
{
    static const attr_col cols[] = {{"no", PD_NO, 0},
                                    {"status", PD_STATUS, 0},
                                    {"versions", PD_LATEST, 0},
                                    {"confirmed", PD_CONFIRMED, 0},
                                    {"rejections", PD_REJECTIONS, 0},
                                    {"created", PD_CREATED, 0},
                                    {"updated", PD_UPDATED, 0},
                                    {"submitted", PD_SUBMITTED, 0},
                                    {"completed", PD_COMPLETED, 0},
                                    {NULL, 0, 0}};
    xmlNodePtr e = xml_add(parent, "delivery");
    model_attrs(c, e, r, i, cols);
    /* completed by the buyer, the scheduler, or an admin deciding an appeal */
    const char *decision = db_str(r, i, PD_APPEAL_DECISION);
    if (strcmp(db_str(r, i, PD_STATUS), "completed") == 0)
        xml_set(e, "accepted-by",
                db_int(r, i, PD_AUTO)                           ? "auto"
                : decision && strcmp(decision, "complete") == 0 ? "admin"
                                                                : "buyer");
    if (db_str(r, i, PD_OPEN_ID))
        xml_set(xml_add(e, "buyer"), "open-id", db_str(r, i, PD_OPEN_ID));
    xmlNodePtr p = xml_add(e, "product");
    xml_set(p, "id", db_str(r, i, PD_PRODUCT));
    xml_set(xml_add_text(p, "name", db_str(r, i, PD_PRODUCT_ZH)), "lang", "zh-CN");
    xml_set(xml_add_text(p, "name", db_str(r, i, PD_PRODUCT_EN)), "lang", "en");
    xml_set(xml_add(e, "instance"), "no", db_str(r, i, PD_INSTANCE));
    xml_set(xml_add(e, "order"), "no", db_str(r, i, PD_ORDER));
    if (db_str(r, i, PD_APPEAL_STATUS)) {
        static const attr_col acols[] = {{"status", PD_APPEAL_STATUS, 0},     {"grounds", PD_APPEAL_GROUNDS, 0},
                                         {"created", PD_APPEAL_CREATED, 0},   {"decided", PD_APPEAL_DECIDED, 0},
                                         {"decision", PD_APPEAL_DECISION, 0}, {NULL, 0, 0}};
        xmlNodePtr ap = xml_add(e, "appeal");
        model_attrs(c, ap, r, i, acols);
        xml_add_text(ap, "reason", db_str(r, i, PD_APPEAL_REASON));
        if (db_str(r, i, PD_APPEAL_NOTE) && *db_str(r, i, PD_APPEAL_NOTE))
            xml_add_text(ap, "note", db_str(r, i, PD_APPEAL_NOTE));
    }
    return e;
}

static void add_delivery_row(ctx *c, xmlNodePtr parent, const db_result *r, size_t i)
{
    add_delivery(c, parent, r, i);
}

int h_partner_deliveries(ctx *c)
{
    const char *status = ctx_in(c, "status");
    return feed_page(c, "deliveries", status ? &q_deliveries_status : &q_deliveries, "status", status,
                     add_delivery_row);
}

/* One delivery with every requirement version and its whole history. */
int partner_delivery_doc(ctx *c, const char *no)
{
    db *d = &c->w->db;
    db_result r, q, h;
    db_status st = db_exec(d, &q_delivery, c->a, (db_param[]){DB_INT(c->vendor_id), DB_STR(no)}, 2, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (r.nrows == 0)
        return ctx_fail(c, 404, "not_found", "no such delivery");
    db_param id = DB_INT(db_int(&r, 0, PD_ID));
    if ((st = db_exec(d, &q_delivery_requirements, c->a, &id, 1, &q)) != DB_OK ||
        (st = db_exec(d, &q_delivery_history, c->a, &id, 1, &h)) != DB_OK)
        return ctx_db_fail(c, st);
    xmlNodePtr holder;
    xmlDocPtr doc = xml_doc_new(c->a, "holder", &holder);
    xmlNodePtr e = add_delivery(c, holder, &r, 0);
    xmlNodePtr reqs = xml_add(e, "requirements");
    for (size_t k = 0; k < q.nrows; k++) {
        xmlNodePtr v = xml_add(reqs, "requirement");
        xml_set(v, "version", db_str(&q, k, PR_VERSION));
        xml_set(v, "created", db_str(&q, k, PR_CREATED));
        xml_add_text(v, "title", db_str(&q, k, PR_TITLE));
        xml_add_text(v, "description", db_str(&q, k, PR_DESCRIPTION));
        xml_add_text(v, "contact", db_str(&q, k, PR_CONTACT));
    }
    static const attr_col hcols[] = {{"type", PH_TYPE, 0}, {"actor", PH_ACTOR, 0},     {"from", PH_FROM, 0},
                                     {"to", PH_TO, 0},     {"version", PH_VERSION, 0}, {"at", PH_AT, 0},
                                     {"id", PH_ID, 0},     {"key", PH_KEY, 0},         {NULL, 0, 0}};
    xmlNodePtr hist = xml_add(e, "history");
    for (size_t k = 0; k < h.nrows; k++) {
        xmlNodePtr v = xml_add(hist, "entry");
        model_attrs(c, v, &h, k, hcols);
        if (*db_str(&h, k, PH_NOTE))
            xml_add_text(v, "note", db_str(&h, k, PH_NOTE));
    }
    if ((st = attachments_model(c, e, db_int(&r, 0, PD_ID))) != DB_OK)
        return ctx_db_fail(c, st);
    xml_lift_first_child(doc);
    ctx_xml_body(c, doc);
    return 200;
}

int h_partner_delivery(ctx *c)
{
    return partner_delivery_doc(c, req_capture(&c->rq, "no"));
}
