/* The buyer's delivery center (交付中心): the list, one delivery with its
 * requirement versions and history, submitting and editing the
 * requirement (提交需求, 编辑), accepting (验收) or rejecting (驳回验收). */
#include <string.h>

#include "../fcgi/body_limits.h"
#include "../fcgi/text.h"
#include "../fcgi/xml.h"
#include "appeals.h"
#include "attachments.h"
#include "delivery.h"
#include "handlers.h"

#define DELIVERIES_PAGE 20

#define T(col) "DATE_FORMAT(" col ", '%Y-%m-%d %H:%i:%s')"

enum {
    DR_ID,
    DR_NO,
    DR_STATUS,
    DR_INSTANCE,
    DR_PRODUCT_ZH,
    DR_PRODUCT_EN,
    DR_SPEC_ZH,
    DR_SPEC_EN,
    DR_CREATED,
    DR_UPDATED,
    DR_LATEST,
    DR_AUTO,
    DR_APPEAL_OPEN,
    DR__MAX
};
/* (clang-format 14 would format T() in this column list as a call) */
/* clang-format off */
#define DELIVERY_ROW_COLS                                                                                   \
    "SELECT d.id, d.delivery_no, d.status, i.instance_no, p.name_zh, p.name_en, s.name_zh, s.name_en, "     \
    T("d.created_at") ", " T("d.updated_at") ", d.latest_version, d.auto_accepted, d.appeal_open "          \
    "FROM deliveries d JOIN instances i ON i.id = d.instance_id JOIN products p ON p.id = i.product_id "    \
    "JOIN specs s ON s.id = i.spec_id "
/* clang-format on */
/* newest first; the _back twins read the page in front of a cursor */
static db_stmt q_page = DB_STMT("deliveries_page", 3, DR__MAX,
    DELIVERY_ROW_COLS "WHERE d.user_id = ? AND d.id < ? ORDER BY d.id DESC LIMIT ?");
static db_stmt q_page_back = DB_STMT("deliveries_page_back", 3, DR__MAX,
    DELIVERY_ROW_COLS "WHERE d.user_id = ? AND d.id > ? ORDER BY d.id LIMIT ?");
static db_stmt q_page_status = DB_STMT("deliveries_page_status", 4, DR__MAX,
    DELIVERY_ROW_COLS "WHERE d.user_id = ? AND d.status = ? AND d.id < ? ORDER BY d.id DESC LIMIT ?");
static db_stmt q_page_status_back = DB_STMT("deliveries_page_status_back", 4, DR__MAX,
    DELIVERY_ROW_COLS "WHERE d.user_id = ? AND d.status = ? AND d.id > ? ORDER BY d.id LIMIT ?");

/* one delivery: the row's columns, then what only the page needs */
enum {
    DD_CONFIRMED = DR__MAX,
    DD_REJECTIONS,
    DD_SUBMITTED,
    DD_COMPLETED,
    DD_ACCEPT_BY,
    DD_PRODUCT,
    DD_VENDOR_ZH,
    DD_VENDOR_EN,
    DD__MAX
};
static db_stmt q_delivery = DB_STMT("delivery_detail", 3, DD__MAX,
    "SELECT d.id, d.delivery_no, d.status, i.instance_no, p.name_zh, p.name_en, s.name_zh, s.name_en, "
    T("d.created_at") ", " T("d.updated_at") ", d.latest_version, d.auto_accepted, d.appeal_open, "
    "d.confirmed_version, "
    "d.rejections, " T("d.submitted_at") ", " T("d.completed_at") ", "
    T("d.submitted_at + INTERVAL ? DAY") ", p.id, v.name_zh, v.name_en "
    "FROM deliveries d JOIN instances i ON i.id = d.instance_id JOIN products p ON p.id = i.product_id "
    "JOIN specs s ON s.id = i.spec_id JOIN vendors v ON v.id = d.vendor_id "
    "WHERE d.delivery_no = ? AND d.user_id = ?");

enum { RQ_VERSION, RQ_TITLE, RQ_DESCRIPTION, RQ_CONTACT, RQ_CREATED, RQ__MAX };
static db_stmt q_requirements = DB_STMT("delivery_requirements", 1, RQ__MAX,
    "SELECT version, title, description, contact, " T("created_at") " FROM delivery_requirements "
    "WHERE delivery_id = ? ORDER BY version DESC");

enum { HI_TYPE, HI_ACTOR, HI_FROM, HI_TO, HI_VERSION, HI_NOTE, HI_AT, HI_ID, HI__MAX };
static db_stmt q_history = DB_STMT("delivery_history", 1, HI__MAX,
    "SELECT type, actor, from_status, to_status, version, note, " T("created_at") ", id FROM delivery_history "
    "WHERE delivery_id = ? ORDER BY id");

static void add_delivery_row(ctx *c, xmlNodePtr parent, const db_result *r, size_t i)
{
    static const attr_col cols[] = {
        {"no", DR_NO, 0},
        {"status", DR_STATUS, 0},
        {"instance", DR_INSTANCE, 0},
        {"versions", DR_LATEST, 0},
        {"auto-accepted", DR_AUTO, 0},
        {"created", DR_CREATED, ATTR_TIME},
        {"updated", DR_UPDATED, ATTR_TIME},
        {"appeal-open", DR_APPEAL_OPEN, 0},
        {NULL, 0, 0},
    };
    xmlNodePtr e = xml_add(parent, "delivery");
    model_attrs(c, e, r, i, cols);
    xml_add_text(e, "product", ctx_l10n(c, db_str(r, i, DR_PRODUCT_ZH), db_str(r, i, DR_PRODUCT_EN)));
    xml_add_text(e, "spec", ctx_l10n(c, db_str(r, i, DR_SPEC_ZH), db_str(r, i, DR_SPEC_EN)));
}

int h_deliveries(ctx *c)
{
    const char *status = ctx_in(c, "status") ? ctx_in(c, "status") : "";
    bool back = ctx_in(c, "before") != NULL;
    long long cursor = back ? ctx_in_int(c, "before", 0) : ctx_in_int(c, "after", 1LL << 62);
    db *d = &c->w->db;
    db_result r;
    db_status st = *status
                       ? db_exec(d, back ? &q_page_status_back : &q_page_status, c->a,
                                 (db_param[]){DB_INT(c->user->id), DB_STR(status), DB_INT(cursor),
                                              DB_INT(DELIVERIES_PAGE + 1)},
                                 4, &r)
                       : db_exec(d, back ? &q_page_back : &q_page, c->a,
                                 (db_param[]){DB_INT(c->user->id), DB_INT(cursor), DB_INT(DELIVERIES_PAGE + 1)}, 3, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    xmlNodePtr list = xml_add(c->page, "deliveries");
    xml_set(list, "status", status);
    size_t n = model_page(c, list, &r, DELIVERIES_PAGE, -1);
    for (size_t i = 0; i < n; i++)
        add_delivery_row(c, list, &r, i);
    return 200;
}

/* The buyer's delivery named by the path's {no} into r; 0, or 404. */
static int delivery_load_mine(ctx *c, db_result *r)
{
    db_status st = db_exec(
        &c->w->db, &q_delivery, c->a,
        (db_param[]){DB_INT(c->w->cfg.auto_accept_days), DB_STR(req_capture(&c->rq, "no")), DB_INT(c->user->id)}, 3, r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (r->nrows == 0) {
        ctx_back(c, "/deliveries", "nav.deliveries");
        return ctx_fail(c, 404, "no_such_delivery", "There is no such delivery.");
    }
    return 0;
}

/* Each version of the requirement, newest first; a field that differs
 * from the version before it is marked changed. */
static void add_requirements(ctx *c, xmlNodePtr parent, const db_result *q, long long confirmed)
{
    static const unsigned fields[] = {RQ_TITLE, RQ_DESCRIPTION, RQ_CONTACT};
    static const char *const names[] = {"title", "description", "contact"};
    xmlNodePtr list = xml_add(parent, "requirements");
    for (size_t i = 0; i < q->nrows; i++) {
        xmlNodePtr e = xml_add(list, "requirement");
        xml_set(e, "version", db_str(q, i, RQ_VERSION));
        model_time(c, e, "created", db_str(q, i, RQ_CREATED));
        if (db_int(q, i, RQ_VERSION) == confirmed)
            xml_set(e, "confirmed", "1");
        for (size_t k = 0; k < 3; k++) {
            xmlNodePtr f = xml_add_text(e, names[k], db_str(q, i, fields[k]));
            if (i + 1 < q->nrows && strcmp(db_str(q, i, fields[k]), db_str(q, i + 1, fields[k])) != 0)
                xml_set(f, "changed", "1");
        }
    }
}

static void add_history(ctx *c, xmlNodePtr parent, const db_result *h)
{
    static const attr_col cols[] = {
        {"type", HI_TYPE, 0},       {"actor", HI_ACTOR, 0},   {"from", HI_FROM, 0}, {"to", HI_TO, 0},
        {"version", HI_VERSION, 0}, {"at", HI_AT, ATTR_TIME}, {"id", HI_ID, 0},     {NULL, 0, 0},
    };
    xmlNodePtr list = xml_add(parent, "history");
    for (size_t i = 0; i < h->nrows; i++) {
        xmlNodePtr e = xml_add(list, "entry");
        model_attrs(c, e, h, i, cols);
        if (*db_str(h, i, HI_NOTE))
            xml_add_text(e, "note", db_str(h, i, HI_NOTE));
    }
}

int h_delivery(ctx *c)
{
    db_result r, q, h;
    int fail = delivery_load_mine(c, &r);
    if (fail)
        return fail;
    db *d = &c->w->db;
    db_param id = DB_INT(db_int(&r, 0, DR_ID));
    db_status st;
    if ((st = db_exec(d, &q_requirements, c->a, &id, 1, &q)) != DB_OK ||
        (st = db_exec(d, &q_history, c->a, &id, 1, &h)) != DB_OK)
        return ctx_db_fail(c, st);
    static const attr_col cols[] = {
        {"confirmed", DD_CONFIRMED, 0},         {"rejections", DD_REJECTIONS, 0},       {"product-id", DD_PRODUCT, 0},
        {"submitted", DD_SUBMITTED, ATTR_TIME}, {"completed", DD_COMPLETED, ATTR_TIME}, {NULL, 0, 0},
    };
    add_delivery_row(c, c->page, &r, 0);
    xmlNodePtr e = xmlGetLastChild(c->page);
    model_attrs(c, e, &r, 0, cols);
    if (strcmp(db_str(&r, 0, DR_STATUS), "pending_acceptance") == 0)
        model_time(c, e, "accept-by", db_str(&r, 0, DD_ACCEPT_BY));
    xml_set_int(e, "accept-days", c->w->cfg.auto_accept_days);
    xml_add_text(e, "vendor", ctx_l10n(c, db_str(&r, 0, DD_VENDOR_ZH), db_str(&r, 0, DD_VENDOR_EN)));
    add_requirements(c, e, &q, db_str(&r, 0, DD_CONFIRMED) ? db_int(&r, 0, DD_CONFIRMED) : -1);
    add_history(c, e, &h);
    if ((st = attachments_model(c, e, db_int(&r, 0, DR_ID))) != DB_OK ||
        (st = appeals_model(c, e, db_int(&r, 0, DR_ID), false)) != DB_OK ||
        (st = appeal_offer_model(c, e, db_int(&r, 0, DR_ID))) != DB_OK)
        return ctx_db_fail(c, st);
    return 200;
}

/* 提交需求 / 编辑: the form, filled with the latest version when editing. */
int h_requirement_form(ctx *c)
{
    db_result r, q;
    int fail = delivery_load_mine(c, &r);
    if (fail)
        return fail;
    const char *status = db_str(&r, 0, DR_STATUS);
    const char *no = db_str(&r, 0, DR_NO);
    if (strcmp(status, "awaiting_requirement") != 0 && strcmp(status, "pending_confirmation") != 0)
        return ctx_redirect(c, arena_printf(c->a, "/deliveries/%s?notice=not_editable", no));
    if (db_int(&r, 0, DR_APPEAL_OPEN))
        return ctx_redirect(c, arena_printf(c->a, "/deliveries/%s?notice=not_while_appealed", no));
    db_status st = db_exec(&c->w->db, &q_requirements, c->a, (db_param[]){DB_INT(db_int(&r, 0, DR_ID))}, 1, &q);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    add_delivery_row(c, c->page, &r, 0);
    xmlNodePtr e = xmlGetLastChild(c->page);
    xmlNodePtr form = xml_add(e, "requirement-form");
    xml_set_int(form, "title-max", 100);
    xml_set_int(form, "description-max", 5000);
    xml_set_int(form, "contact-max", 100);
    xml_set_int(form, "files-max", MP_UPLOAD_FILES);
    xml_set_int(form, "file-max-mb", MP_UPLOAD_FILE_MAX / (1024 * 1024));
    xml_set_int(form, "total-max-mb", MP_UPLOAD_TOTAL_MAX / (1024 * 1024));
    xml_set(form, "accept", attachment_accept(c->a));
    /* the latest version's files, each with a box to leave it out */
    if ((st = attachments_model(c, e, db_int(&r, 0, DR_ID))) != DB_OK)
        return ctx_db_fail(c, st);
    /* what was typed (a form shown again), else the latest version */
    const char *vals[3] = {ctx_in(c, "title"), ctx_in(c, "description"), ctx_in(c, "contact")};
    static const unsigned cols[] = {RQ_TITLE, RQ_DESCRIPTION, RQ_CONTACT};
    static const char *const names[] = {"title", "description", "contact"};
    for (size_t k = 0; k < 3; k++)
        xml_add_text(form, names[k], vals[k] ? vals[k] : q.nrows ? db_str(&q, 0, cols[k]) : "");
    return 200;
}

enum { KEPT_ID, KEPT__MAX };
static db_stmt q_version_files = DB_STMT("requirement_version_files", 2, KEPT__MAX,
    "SELECT ra.attachment_id FROM requirement_attachments ra JOIN delivery_requirements r "
    "ON r.id = ra.requirement_id WHERE r.delivery_id = ? AND r.version = ? ORDER BY ra.attachment_id");

/* Whether the form asked to drop the file id from the new version (a
 * checkbox per file, named "remove-<id>": a form field may not repeat). */
static bool removed(const ctx *c, const char *id)
{
    for (size_t i = 0; i < c->rq.form.n; i++) {
        const char *k = c->rq.form.items[i].key;
        if (strncmp(k, "remove-", 7) == 0 && strcmp(k + 7, id) == 0)
            return true;
    }
    return false;
}

/* The new version's files: the previous version's, less those the buyer
 * removed, plus the ones uploaded with it. */
static db_status version_files(ctx *c, long long delivery_id, long long version, long long requirement_id)
{
    db *d = &c->w->db;
    db_result r;
    db_status st = version > 1 ? db_exec(d, &q_version_files, c->a,
                                         (db_param[]){DB_INT(delivery_id), DB_INT(version - 1)}, 2, &r)
                               : DB_OK;
    for (size_t i = 0; st == DB_OK && version > 1 && i < r.nrows; i++)
        if (!removed(c, db_str(&r, i, KEPT_ID)))
            st = attachment_link_requirement(d, c->a, requirement_id, db_int(&r, i, KEPT_ID));
    size_t n = 0;
    const req_file *f = ctx_files(c, "attachments", &n);
    for (size_t i = 0; st == DB_OK && i < n; i++) {
        long long id;
        if ((st = attachment_store(d, c->a, delivery_id, "buyer", f[i].name, f[i].type, f[i].data, f[i].size, &id)) ==
            DB_OK)
            st = attachment_link_requirement(d, c->a, requirement_id, id);
    }
    return st;
}

typedef struct requirement_post {
    ctx *c;
    const char *no;
    bool found, frozen;
    long long version;
} requirement_post;

static db_status requirement_txn(void *data, bool *commit)
{
    requirement_post *p = data;
    ctx *c = p->c;
    db *d = &c->w->db;
    db_result row;
    long long requirement_id;
    p->version = 0;
    db_status st = shop_lock_buyer(d, c->a, c->user->id, NULL);
    if (st != DB_OK || (st = delivery_lock(d, c->a, p->no, c->user->id, 0, &row, &p->found)) != DB_OK || !p->found)
        return st;
    if ((p->frozen = delivery_frozen(&row))) {
        *commit = false;
        return DB_OK;
    }
    if ((st = delivery_requirement(d, c->a, &row, ctx_in(c, "title"), ctx_in(c, "description"), ctx_in(c, "contact"),
                                   &p->version, &requirement_id)) != DB_OK)
        return st;
    if (!p->version) {
        *commit = false;
        return DB_OK;
    }
    return version_files(c, db_int(&row, 0, DL_ID), p->version, requirement_id);
}

/* A step refused while an open appeal freezes the delivery. */
static int frozen(ctx *c)
{
    return ctx_fail(c, 409, "delivery_frozen",
                    "This delivery is under appeal: nothing can change until the platform decides.");
}

/* A required field left blank: the form again, saying which. */
static int blank_field(ctx *c, const char *const *names, size_t n, int (*page)(ctx *c))
{
    for (size_t k = 0; k < n; k++) {
        const char *v = ctx_in(c, names[k]);
        if (!v || !v[strspn(v, " \t\r\n")]) {
            int st = c->xml ? 200 : page(c);
            if (st != 200)
                return st;
            return ctx_form_error(c, 422, names[k], arena_printf(c->a, "delivery.%s_required", names[k]));
        }
    }
    return 0;
}

int h_requirement_submit(ctx *c)
{
    const char *no = req_capture(&c->rq, "no");
    static const char *const required[] = {"title", "description", "contact"};
    int blank = blank_field(c, required, 3, h_requirement_form);
    if (blank)
        return blank;
    ctx_back(c, arena_printf(c->a, "/deliveries/%s", no), "delivery.back");
    requirement_post p = {.c = c, .no = no};
    db_status st = db_txn(&c->w->db, requirement_txn, &p);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (!p.found)
        return ctx_fail(c, 404, "no_such_delivery", "There is no such delivery.");
    if (p.frozen)
        return frozen(c);
    if (!p.version)
        return ctx_fail(c, 409, "delivery_not_editable",
                        "The vendor has confirmed the requirement; it can no longer be edited.");
    return ctx_redirect(c, arena_printf(c->a, "/deliveries/%s?notice=%s", no,
                                        p.version == 1 ? "requirement_submitted" : "requirement_updated"));
}

typedef struct acceptance {
    ctx *c;
    const char *no;
    bool accept, found, moved, frozen;
} acceptance;

static db_status acceptance_txn(void *data, bool *commit)
{
    acceptance *p = data;
    ctx *c = p->c;
    db *d = &c->w->db;
    db_result row;
    (void)commit;
    p->moved = false;
    db_status st = shop_lock_buyer(d, c->a, c->user->id, NULL);
    if (st != DB_OK || (st = delivery_lock(d, c->a, p->no, c->user->id, 0, &row, &p->found)) != DB_OK || !p->found)
        return st;
    if ((p->frozen = delivery_frozen(&row)))
        return DB_OK;
    delivery_step s = p->accept ? (delivery_step){.type = "completed",
                                                  .who = ACTOR_BUYER,
                                                  .from = "pending_acceptance",
                                                  .to = "completed",
                                                  .detail = "buyer"}
                                : (delivery_step){.type = "rejected",
                                                  .who = ACTOR_BUYER,
                                                  .from = "pending_acceptance",
                                                  .to = "in_service",
                                                  .note = ctx_in(c, "reason")};
    return delivery_apply(d, c->a, &row, &s, &p->moved, NULL);
}

static int acceptance_post(ctx *c, bool accept)
{
    const char *no = req_capture(&c->rq, "no");
    static const char *const required[] = {"reason"};
    int blank = accept ? 0 : blank_field(c, required, 1, h_delivery);
    if (blank)
        return blank;
    ctx_back(c, arena_printf(c->a, "/deliveries/%s", no), "delivery.back");
    acceptance p = {.c = c, .no = no, .accept = accept};
    db_status st = db_txn(&c->w->db, acceptance_txn, &p);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (!p.found)
        return ctx_fail(c, 404, "no_such_delivery", "There is no such delivery.");
    if (p.frozen)
        return frozen(c);
    if (!p.moved)
        return ctx_fail(c, 409, "delivery_not_awaiting_acceptance",
                        "This delivery is not waiting for your acceptance.");
    return ctx_redirect(c, arena_printf(c->a, "/deliveries/%s?notice=%s", no, accept ? "accepted" : "rejected"));
}

int h_delivery_accept(ctx *c)
{
    return acceptance_post(c, true);
}

int h_delivery_reject(ctx *c)
{
    return acceptance_post(c, false);
}

int h_delivery_attachment(ctx *c)
{
    long long id = 0;
    ctx_back(c, arena_printf(c->a, "/deliveries/%s", req_capture(&c->rq, "no")), "delivery.back");
    if (!text_parse_i64(req_capture(&c->rq, "id"), false, &id)) /* the route's pattern allows digits only */
        return ctx_fail(c, 404, "no_such_attachment", "There is no such attachment.");
    return attachment_send(c, req_capture(&c->rq, "no"), id, c->user->id, 0);
}
