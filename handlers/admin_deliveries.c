/* The admin's deliveries: the list with its filters, one delivery with
 * everything about it (buyer, vendor, instance, order, requirement
 * versions, history and files, appeals), an admin's note, and the
 * decision on an open appeal (申诉). */
#include <ctype.h>
#include <string.h>

#include "../fcgi/crypto.h"
#include "../fcgi/text.h"
#include "../fcgi/xml.h"
#include "admin.h"
#include "appeals.h"
#include "attachments.h"
#include "delivery.h"
#include "handlers.h"

/* --- the list --- */

enum {
    AL_ID,
    AL_NO,
    AL_STATUS,
    AL_APPEAL_OPEN,
    AL_REJECTIONS,
    AL_VENDOR,
    AL_BUYER,
    AL_PRODUCT_ZH,
    AL_PRODUCT_EN,
    AL_INSTANCE,
    AL_CREATED,
    AL_UPDATED,
    AL__MAX
};
#define LIST_COLS                                                                                                      \
    "SELECT d.id, d.delivery_no, d.status, d.appeal_open, d.rejections, v.slug, u.email, p.name_zh, "                  \
    "p.name_en, i.instance_no, d.created_at, d.updated_at FROM deliveries d "                                          \
    "JOIN vendors v ON v.id = d.vendor_id JOIN users u ON u.id = d.user_id "                                           \
    "JOIN instances i ON i.id = d.instance_id JOIN products p ON p.id = i.product_id "
/* every filter optional: (? IS NULL OR …); "appealed": open appeals only */
#define LIST_FILTERS                                                                                                   \
    "WHERE (? IS NULL OR d.delivery_no = ?) AND (? IS NULL OR d.status = ?) AND (? IS NULL OR v.slug = ?) "            \
    "AND (? IS NULL OR u.email = ?) AND (? IS NULL OR d.appeal_open = 1) "
static db_stmt q_list = DB_STMT("admin_deliveries", 11, AL__MAX,
    LIST_COLS LIST_FILTERS "AND d.id < ? ORDER BY d.id DESC LIMIT ?");
static db_stmt q_list_back = DB_STMT("admin_deliveries_back", 11, AL__MAX,
    LIST_COLS LIST_FILTERS "AND d.id > ? ORDER BY d.id LIMIT ?");

/* emails are kept lower-cased */
static const char *lower(ctx *c, const char *s)
{
    if (!s)
        return NULL;
    char *t = arena_strdup(c->a, s);
    for (char *p = t; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return t;
}

int h_admin_deliveries(ctx *c)
{
    const char *no = admin_filter(c, "no"), *status = admin_filter(c, "status"), *vendor = admin_filter(c, "vendor"),
               *email = lower(c, admin_filter(c, "buyer")), *appealed = admin_filter(c, "appealed");
    bool back;
    long long cursor = admin_cursor(c, &back);
    db_result r;
    db_status st = db_exec(&c->w->db, back ? &q_list_back : &q_list, c->a,
                           (db_param[]){DB_STR(no), DB_STR(no), DB_STR(status), DB_STR(status), DB_STR(vendor),
                                        DB_STR(vendor), DB_STR(email), DB_STR(email), DB_STR(appealed), DB_INT(cursor),
                                        DB_INT(ADMIN_PAGE + 1)},
                           11, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    xmlNodePtr list = xml_add(c->page, "deliveries");
    static const char *const filters[] = {"no", "status", "vendor", "buyer", "appealed"};
    for (size_t i = 0; i < sizeof(filters) / sizeof(filters[0]); i++)
        if (admin_filter(c, filters[i]))
            xml_set(list, filters[i], admin_filter(c, filters[i]));
    admin_list_href(c, list);
    size_t n = model_page(c, list, &r, ADMIN_PAGE, -1);
    static const attr_col cols[] = {
        {"no", AL_NO, 0},
        {"status", AL_STATUS, 0},
        {"appeal-open", AL_APPEAL_OPEN, 0},
        {"rejections", AL_REJECTIONS, 0},
        {"vendor", AL_VENDOR, 0},
        {"buyer", AL_BUYER, 0},
        {"instance", AL_INSTANCE, 0},
        {"created", AL_CREATED, ATTR_TIME},
        {"updated", AL_UPDATED, ATTR_TIME},
        {NULL, 0, 0},
    };
    for (size_t i = 0; i < n; i++) {
        xmlNodePtr e = xml_add(list, "delivery");
        model_attrs(c, e, &r, i, cols);
        xml_add_text(e, "product", ctx_l10n(c, db_str(&r, i, AL_PRODUCT_ZH), db_str(&r, i, AL_PRODUCT_EN)));
    }
    return 200;
}

/* --- one delivery --- */

enum {
    AD_ID,
    AD_NO,
    AD_STATUS,
    AD_VERSIONS,
    AD_CONFIRMED,
    AD_REJECTIONS,
    AD_AUTO,
    AD_APPEAL_OPEN,
    AD_CREATED,
    AD_UPDATED,
    AD_SUBMITTED,
    AD_COMPLETED,
    AD_ACCEPT_BY,
    AD_USER,
    AD_EMAIL,
    AD_USER_NAME,
    AD_VENDOR,
    AD_VENDOR_ZH,
    AD_VENDOR_EN,
    AD_INSTANCE,
    AD_INSTANCE_STATUS,
    AD_ORDER,
    AD_ORDER_STATUS,
    AD_TOTAL,
    AD_REFUNDED,
    AD_PRODUCT,
    AD_PRODUCT_ZH,
    AD_PRODUCT_EN,
    AD_SPEC_ZH,
    AD_SPEC_EN,
    AD__MAX
};
static db_stmt q_delivery = DB_STMT("admin_delivery", 2, AD__MAX,
    "SELECT d.id, d.delivery_no, d.status, d.latest_version, d.confirmed_version, d.rejections, d.auto_accepted, "
    "d.appeal_open, d.created_at, d.updated_at, d.submitted_at, d.completed_at, d.submitted_at + INTERVAL ? DAY, "
    "u.id, u.email, u.display_name, v.slug, v.name_zh, v.name_en, i.instance_no, i.status, o.order_no, o.status, "
    "o.total_cents, o.refunded_cents, p.id, p.name_zh, p.name_en, s.name_zh, s.name_en "
    "FROM deliveries d JOIN users u ON u.id = d.user_id JOIN vendors v ON v.id = d.vendor_id "
    "JOIN instances i ON i.id = d.instance_id JOIN orders o ON o.id = i.order_id "
    "JOIN products p ON p.id = i.product_id JOIN specs s ON s.id = i.spec_id WHERE d.delivery_no = ?");
enum { RQ_VERSION, RQ_TITLE, RQ_DESCRIPTION, RQ_CONTACT, RQ_CREATED, RQ__MAX };
static db_stmt q_requirements = DB_STMT("admin_delivery_requirements", 1, RQ__MAX,
    "SELECT version, title, description, contact, created_at FROM delivery_requirements "
    "WHERE delivery_id = ? ORDER BY version DESC");
enum { HI_ID, HI_TYPE, HI_ACTOR, HI_FROM, HI_TO, HI_VERSION, HI_NOTE, HI_AT, HI__MAX };
static db_stmt q_history = DB_STMT("admin_delivery_history", 1, HI__MAX,
    "SELECT id, type, actor, from_status, to_status, version, note, created_at FROM delivery_history "
    "WHERE delivery_id = ? ORDER BY id");

/* The delivery page's model; 0, or the error's status. */
static int delivery_model(ctx *c, const char *no)
{
    db *d = &c->w->db;
    db_result r, q, h;
    db_status st = db_exec(d, &q_delivery, c->a, (db_param[]){DB_INT(c->w->cfg.auto_accept_days), DB_STR(no)}, 2, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (r.nrows == 0) {
        ctx_back(c, "/admin/deliveries", "admin.nav.deliveries");
        return ctx_fail(c, 404, "no_such_delivery", "There is no such delivery.");
    }
    long long id = db_int(&r, 0, AD_ID);
    db_param pid = DB_INT(id);
    if ((st = db_exec(d, &q_requirements, c->a, &pid, 1, &q)) != DB_OK ||
        (st = db_exec(d, &q_history, c->a, &pid, 1, &h)) != DB_OK)
        return ctx_db_fail(c, st);
    static const attr_col cols[] = {
        {"no", AD_NO, 0},
        {"status", AD_STATUS, 0},
        {"versions", AD_VERSIONS, 0},
        {"confirmed", AD_CONFIRMED, 0},
        {"rejections", AD_REJECTIONS, 0},
        {"auto-accepted", AD_AUTO, 0},
        {"appeal-open", AD_APPEAL_OPEN, 0},
        {"created", AD_CREATED, ATTR_TIME},
        {"updated", AD_UPDATED, ATTR_TIME},
        {"submitted", AD_SUBMITTED, ATTR_TIME},
        {"completed", AD_COMPLETED, ATTR_TIME},
        {NULL, 0, 0},
    };
    xmlNodePtr e = xml_add(c->page, "delivery");
    model_attrs(c, e, &r, 0, cols);
    if (strcmp(db_str(&r, 0, AD_STATUS), "pending_acceptance") == 0 && !db_int(&r, 0, AD_APPEAL_OPEN))
        model_time(c, e, "accept-by", db_str(&r, 0, AD_ACCEPT_BY));

    xmlNodePtr b = xml_add_text(e, "buyer", db_str(&r, 0, AD_USER_NAME));
    xml_set(b, "id", db_str(&r, 0, AD_USER));
    xml_set(b, "email", db_str(&r, 0, AD_EMAIL));
    xmlNodePtr v = xml_add_text(e, "vendor", ctx_l10n(c, db_str(&r, 0, AD_VENDOR_ZH), db_str(&r, 0, AD_VENDOR_EN)));
    xml_set(v, "slug", db_str(&r, 0, AD_VENDOR));
    xmlNodePtr p = xml_add_text(e, "product", ctx_l10n(c, db_str(&r, 0, AD_PRODUCT_ZH), db_str(&r, 0, AD_PRODUCT_EN)));
    xml_set(p, "id", db_str(&r, 0, AD_PRODUCT));
    xml_add_text(e, "spec", ctx_l10n(c, db_str(&r, 0, AD_SPEC_ZH), db_str(&r, 0, AD_SPEC_EN)));
    xmlNodePtr in = xml_add(e, "instance");
    xml_set(in, "no", db_str(&r, 0, AD_INSTANCE));
    xml_set(in, "status", db_str(&r, 0, AD_INSTANCE_STATUS));
    xmlNodePtr o = xml_add(e, "order");
    xml_set(o, "no", db_str(&r, 0, AD_ORDER));
    xml_set(o, "status", db_str(&r, 0, AD_ORDER_STATUS));
    xml_add_money(o, "total", db_int(&r, 0, AD_TOTAL));
    xml_add_money(o, "refunded", db_int(&r, 0, AD_REFUNDED));

    xmlNodePtr reqs = xml_add(e, "requirements");
    for (size_t i = 0; i < q.nrows; i++) {
        xmlNodePtr x = xml_add(reqs, "requirement");
        xml_set(x, "version", db_str(&q, i, RQ_VERSION));
        model_time(c, x, "created", db_str(&q, i, RQ_CREATED));
        if (db_str(&r, 0, AD_CONFIRMED) && db_int(&q, i, RQ_VERSION) == db_int(&r, 0, AD_CONFIRMED))
            xml_set(x, "confirmed", "1");
        xml_add_text(x, "title", db_str(&q, i, RQ_TITLE));
        xml_add_text(x, "description", db_str(&q, i, RQ_DESCRIPTION));
        xml_add_text(x, "contact", db_str(&q, i, RQ_CONTACT));
    }
    static const attr_col hcols[] = {
        {"id", HI_ID, 0}, {"type", HI_TYPE, 0},       {"actor", HI_ACTOR, 0},   {"from", HI_FROM, 0},
        {"to", HI_TO, 0}, {"version", HI_VERSION, 0}, {"at", HI_AT, ATTR_TIME}, {NULL, 0, 0},
    };
    xmlNodePtr hist = xml_add(e, "history");
    for (size_t i = 0; i < h.nrows; i++) {
        xmlNodePtr x = xml_add(hist, "entry");
        model_attrs(c, x, &h, i, hcols);
        if (*db_str(&h, i, HI_NOTE))
            xml_add_text(x, "note", db_str(&h, i, HI_NOTE));
    }
    if ((st = attachments_model(c, e, id)) != DB_OK || (st = appeals_model(c, e, id, true)) != DB_OK)
        return ctx_db_fail(c, st);
    if (db_int(&r, 0, AD_APPEAL_OPEN)) {
        /* the decision's form: its own key makes a refund happen once */
        const char *idem = crypto_random_hex(c->a, 16);
        if (!idem)
            return ctx_fail(c, 500, "internal", "Something went wrong on our side.");
        xmlNodePtr f = xml_add(e, "decide-form");
        xml_set(f, "idem", idem);
        xml_set_int(f, "note-max", DELIVERY_NOTE_MAX);
        if (ctx_in(c, "decision"))
            xml_set(f, "decision", ctx_in(c, "decision"));
    }
    xmlNodePtr nf = xml_add(e, "note-form");
    xml_set_int(nf, "note-max", DELIVERY_NOTE_MAX);
    return 0;
}

int h_admin_delivery(ctx *c)
{
    int fail = delivery_model(c, req_capture(&c->rq, "no"));
    return fail ? fail : 200;
}

enum { OW_USER, OW__MAX };
static db_stmt q_owner = DB_STMT("admin_delivery_owner", 1, OW__MAX,
    "SELECT user_id FROM deliveries WHERE delivery_no = ?");

int h_admin_delivery_attachment(ctx *c)
{
    const char *no = req_capture(&c->rq, "no");
    long long id = 0;
    db_result r;
    ctx_back(c, arena_printf(c->a, "/admin/deliveries/%s", no), "admin.delivery.back");
    db_status st = db_exec(&c->w->db, &q_owner, c->a, (db_param[]){DB_STR(no)}, 1, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (r.nrows == 0 || !text_parse_i64(req_capture(&c->rq, "id"), false, &id))
        return ctx_fail(c, 404, "no_such_attachment", "There is no such attachment.");
    /* the buyer's scope is the delivery's own: every file of it */
    return attachment_send(c, no, id, db_int(&r, 0, OW_USER), 0);
}

/* A required text left blank: the page again with the field's error. */
static int blank(ctx *c, const char *field, const char *key)
{
    const char *v = ctx_in(c, "note");
    if (v && v[strspn(v, " \t\r\n")])
        return 0;
    int fail = delivery_model(c, req_capture(&c->rq, "no"));
    return fail ? fail : ctx_form_error(c, 422, field, key);
}

/* --- an admin's note --- */

typedef struct note_post {
    ctx *c;
    const char *no, *note;
    bool found;
} note_post;

static db_status note_txn(void *data, bool *commit)
{
    note_post *p = data;
    ctx *c = p->c;
    db *d = &c->w->db;
    long long user_id;
    db_result row;
    (void)commit;
    p->found = false;
    db_status st = delivery_owner(d, c->a, p->no, 0, &user_id);
    if (st != DB_OK || !user_id)
        return st;
    if ((st = shop_lock_buyer(d, c->a, user_id, NULL)) != DB_OK ||
        (st = delivery_lock(d, c->a, p->no, user_id, 0, &row, &p->found)) != DB_OK || !p->found)
        return st;
    const char *status = db_str(&row, 0, DL_STATUS);
    delivery_step s = {.type = "note", .who = ACTOR_ADMIN, .from = status, .note = p->note};
    if ((st = delivery_record(d, c->a, &row, &s, NULL)) != DB_OK)
        return st;
    audit_who who = admin_who(c);
    audit_entry e = {.action = "delivery.note",
                     .target_type = "delivery",
                     .target_ref = p->no,
                     .before = audit_fields(c->a, "status", status, NULL),
                     .after = audit_fields(c->a, "status", status, "note", p->note, NULL)};
    return audit_add(d, c->a, &who, &e);
}

int h_admin_delivery_note(ctx *c)
{
    const char *no = req_capture(&c->rq, "no");
    int bad = blank(c, "note", "admin.delivery.note_required");
    if (bad)
        return bad;
    ctx_back(c, arena_printf(c->a, "/admin/deliveries/%s", no), "admin.delivery.back");
    note_post p = {.c = c, .no = no, .note = ctx_in(c, "note")};
    db_status st = db_txn(&c->w->db, note_txn, &p);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (!p.found)
        return ctx_fail(c, 404, "no_such_delivery", "There is no such delivery.");
    return ctx_redirect(c, arena_printf(c->a, "/admin/deliveries/%s?notice=delivery_note_added", no));
}

/* --- the decision on an open appeal --- */

typedef struct decide_post {
    ctx *c;
    const char *no;
    appeal_decision dec;
    appeal_decide_result out;
} decide_post;

static db_status decide_txn(void *data, bool *commit)
{
    decide_post *p = data;
    ctx *c = p->c;
    db *d = &c->w->db;
    db_status st = appeal_decide(d, c->a, p->no, &p->dec, ctx_in(c, "idem"), &p->out);
    if (st != DB_OK || p->out.outcome != DECIDE_DONE) {
        *commit = false; /* a refused refund leaves the appeal open */
        return st;
    }
    const appeal_decide_result *o = &p->out;
    char refunded[32] = "";
    if (o->refund.refund_no)
        xml_format_cents(refunded, sizeof(refunded), o->refund.cents);
    audit_who who = admin_who(c);
    audit_entry e = {
        .action = "delivery.appeal_decide",
        .target_type = "delivery",
        .target_ref = p->no,
        .before = audit_fields(c->a, "status", o->status_before, "appeal", "open", NULL),
        .after = o->refund.refund_no ? audit_fields(c->a, "status", o->status_after, "appeal", "decided", "decision",
                                                    p->dec.decision, "refund", o->refund.refund_no, "order",
                                                    o->refund.order_no, "refunded", refunded, NULL)
                                     : audit_fields(c->a, "status", o->status_after, "appeal", "decided", "decision",
                                                    p->dec.decision, NULL),
        .reason = p->dec.note,
    };
    return audit_add(d, c->a, &who, &e);
}

static const char *refund_refusal(refund_outcome o)
{
    switch (o) {
    case REFUND_NOT_PAID:
        return "the order is not paid (unpaid, cancelled or refunded already)";
    case REFUND_TOO_MUCH:
        return "nothing is left to refund";
    case REFUND_REPEAT:
        return "this form was used for a refund before";
    case REFUND_NO_ORDER:
        return "the delivery has no order";
    case REFUND_DONE:
        break;
    }
    return "the refund was not made in full";
}

int h_admin_delivery_decide(ctx *c)
{
    const char *no = req_capture(&c->rq, "no");
    int bad = blank(c, "decide-note", "admin.delivery.decision_note_required");
    if (bad)
        return bad;
    ctx_back(c, arena_printf(c->a, "/admin/deliveries/%s", no), "admin.delivery.back");
    decide_post p = {.c = c,
                     .no = no,
                     .dec = {.decision = ctx_in(c, "decision"),
                             .who = ACTOR_ADMIN,
                             .admin = c->rq.admin_user,
                             .note = ctx_in(c, "note")}};
    db_status st = db_txn(&c->w->db, decide_txn, &p);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    switch (p.out.outcome) {
    case DECIDE_DONE:
        break;
    case DECIDE_NO_DELIVERY:
        return ctx_fail(c, 404, "no_such_delivery", "There is no such delivery.");
    case DECIDE_NOT_OPEN:
        return ctx_fail(c, 409, "appeal_not_open",
                        "This delivery has no open appeal: it was decided already, or never appealed.");
    case DECIDE_REFUND_REFUSED:
        return ctx_fail(c, 409, "appeal_refund_refused",
                        arena_printf(c->a, "The refund could not be made (%s); the appeal stays open.",
                                     refund_refusal(p.out.refund.outcome)));
    }
    return ctx_redirect(c, arena_printf(c->a, "/admin/deliveries/%s?notice=appeal_decided", no));
}
