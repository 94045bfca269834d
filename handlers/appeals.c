/* Appeals (申诉): when a buyer may appeal, opening one (the freeze), an
 * admin's decision and what it does, the appeal on the buyer's and the
 * admin's pages; and the buyer's appeal form. */
#include "appeals.h"

#include <string.h>

#include "../fcgi/log.h"
#include "../fcgi/text.h"
#include "../fcgi/xml.h"
#include "handlers.h"

#define STR_(x) #x
#define STR(x) STR_(x)
#define T(col) "DATE_FORMAT(" col ", '%Y-%m-%d %H:%i:%s')"

/* the idle ground: the vendor's turn (to confirm, or to deliver), and no
 * step in the history (an admin's note aside) for APPEAL_IDLE_DAYS; the
 * rejection ground: that many rejections since the last appeal */
enum { AC_STATUS, AC_OPEN, AC_REJECTIONS, AC_IDLE, AC_IDLE_FROM, AC__MAX };
static db_stmt q_check = DB_STMT("appeal_check", 2, AC__MAX,
    "SELECT d.status, d.appeal_open, CAST(d.rejections AS SIGNED) - COALESCE(a.rejections_at, 0), "
    "h.last_at < UTC_TIMESTAMP(6) - INTERVAL " STR(APPEAL_IDLE_DAYS) " DAY, "
    T("h.last_at + INTERVAL " STR(APPEAL_IDLE_DAYS) " DAY") " "
    "FROM deliveries d LEFT JOIN delivery_appeals a ON a.id = d.appeal_id "
    "CROSS JOIN (SELECT MAX(created_at) AS last_at FROM delivery_history WHERE delivery_id = ? AND type <> 'note') h "
    "WHERE d.id = ?");
static db_stmt q_insert = DB_STMT("appeal_insert", 7, 0,
    "INSERT INTO delivery_appeals (delivery_id, user_id, grounds, status_at, rejections_at, reason, status, "
    "open_delivery_id, created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, UTC_TIMESTAMP(6))");
static db_stmt q_freeze = DB_STMT("appeal_freeze", 2, 0,
    "UPDATE deliveries SET appeal_id = ?, appeal_open = 1 WHERE id = ? AND appeal_open = 0");
static db_stmt q_decide = DB_STMT("appeal_decide", 5, 0,
    "UPDATE delivery_appeals SET status = 'decided', open_delivery_id = NULL, decision = ?, decided_actor = ?, "
    "decided_by = ?, decision_note = ?, decided_at = UTC_TIMESTAMP(6) WHERE open_delivery_id = ? AND status = 'open'");
static db_stmt q_thaw = DB_STMT("appeal_thaw", 1, 0, "UPDATE deliveries SET appeal_open = 0 WHERE id = ?");
static db_stmt q_refund_no = DB_STMT("appeal_refund_no", 2, 0,
    "UPDATE delivery_appeals SET refund_no = ? WHERE id = ?");
/* continue: the buyer gets the whole acceptance period again */
static db_stmt q_restart_clock = DB_STMT("appeal_restart_clock", 1, 0,
    "UPDATE deliveries SET submitted_at = UTC_TIMESTAMP(6) WHERE id = ? AND status = 'pending_acceptance'");
enum { AO_ORDER, AO__MAX };
static db_stmt q_order = DB_STMT("appeal_order", 1, AO__MAX, "SELECT order_id FROM instances WHERE id = ?");

db_status appeal_check(db *d, arena *a, long long delivery_id, appeal_grounds *g, const char **idle_from)
{
    db_result r;
    db_status st = db_exec(d, &q_check, a, (db_param[]){DB_INT(delivery_id), DB_INT(delivery_id)}, 2, &r);
    *g = APPEAL_TOO_EARLY;
    if (idle_from)
        *idle_from = NULL;
    if (st != DB_OK || r.nrows != 1)
        return st == DB_OK ? DB_ERROR : st;
    const char *status = db_str(&r, 0, AC_STATUS);
    bool vendors_turn = strcmp(status, "pending_confirmation") == 0 || strcmp(status, "in_service") == 0;
    if (strcmp(status, "completed") == 0 || strcmp(status, "closed") == 0)
        *g = APPEAL_FINISHED;
    else if (db_int(&r, 0, AC_OPEN))
        *g = APPEAL_ALREADY_OPEN;
    else if (db_int(&r, 0, AC_REJECTIONS) >= APPEAL_REJECTIONS)
        *g = APPEAL_REJECTED;
    else if (vendors_turn && db_str(&r, 0, AC_IDLE) && db_int(&r, 0, AC_IDLE) == 1)
        *g = APPEAL_IDLE;
    if (idle_from && *g == APPEAL_TOO_EARLY && vendors_turn)
        *idle_from = db_str(&r, 0, AC_IDLE_FROM);
    return DB_OK;
}

static const char *grounds_name(appeal_grounds g)
{
    return g == APPEAL_REJECTED ? "rejections" : "idle";
}

db_status appeal_open(db *d, arena *a, const db_result *row, appeal_grounds g, const char *reason)
{
    long long id = db_int(row, 0, DL_ID);
    const char *status = db_str(row, 0, DL_STATUS);
    db_result r, u;
    db_status st = db_exec(d, &q_insert, a,
                           (db_param[]){DB_INT(id), DB_INT(db_int(row, 0, DL_USER)), DB_STR(grounds_name(g)),
                                        DB_STR(status), DB_INT(db_int(row, 0, DL_REJECTIONS)), DB_STR(reason),
                                        DB_INT(id)},
                           7, &r);
    if (st != DB_OK ||
        (st = db_exec(d, &q_freeze, a, (db_param[]){DB_INT((long long)r.insert_id), DB_INT(id)}, 2, &u)) != DB_OK)
        return st;
    if (u.affected != 1) { /* the row is locked and was not frozen: it cannot be */
        log_error("delivery %lld: frozen under its lock", id);
        return DB_ERROR;
    }
    delivery_step s = {.type = "appealed",
                       .who = ACTOR_BUYER,
                       .from = status,
                       .note = reason,
                       .detail = arena_printf(a, "%s: %s", grounds_name(g), reason)};
    return delivery_record(d, a, row, &s, NULL);
}

db_status appeal_settle(db *d, arena *a, const db_result *row, const appeal_decision *dec, bool *settled)
{
    long long id = db_int(row, 0, DL_ID);
    const char *note = dec->note ? dec->note : "";
    db_result u;
    *settled = false;
    db_status st = db_exec(d, &q_decide, a,
                           (db_param[]){DB_STR(dec->decision), DB_STR(shop_actor_name(dec->who)), DB_STR(dec->admin),
                                        DB_STR(note), DB_INT(id)},
                           5, &u);
    if (st != DB_OK || u.affected != 1)
        return st;
    if ((st = db_exec(d, &q_thaw, a, (db_param[]){DB_INT(id)}, 1, NULL)) != DB_OK)
        return st;
    delivery_step s = {.type = "appeal_decided",
                       .who = dec->who,
                       .from = dec->status,
                       .note = note,
                       .detail = *note ? arena_printf(a, "%s: %s", dec->decision, note) : dec->decision};
    if ((st = delivery_record(d, a, row, &s, NULL)) != DB_OK)
        return st;
    *settled = true;
    return DB_OK;
}

db_status appeal_decide(db *d, arena *a, const char *no, const appeal_decision *dec, const char *idem,
                        appeal_decide_result *out)
{
    memset(out, 0, sizeof(*out));
    long long user_id;
    db_status st = delivery_owner(d, a, no, 0, &user_id);
    if (st != DB_OK)
        return st;
    if (!user_id) {
        out->outcome = DECIDE_NO_DELIVERY;
        return DB_OK;
    }
    db_result row;
    bool found;
    if ((st = shop_lock_buyer(d, a, user_id, NULL)) != DB_OK ||
        (st = delivery_lock(d, a, no, user_id, 0, &row, &found)) != DB_OK)
        return st;
    if (!found) {
        out->outcome = DECIDE_NO_DELIVERY;
        return DB_OK;
    }
    out->delivery_id = db_int(&row, 0, DL_ID);
    out->status_before = out->status_after = db_str(&row, 0, DL_STATUS);
    out->appeal_id = db_str(&row, 0, DL_APPEAL) ? db_int(&row, 0, DL_APPEAL) : 0;
    out->outcome = DECIDE_NOT_OPEN;
    if (!delivery_frozen(&row))
        return DB_OK;
    /* the decision first, then what it does: a refund's close then finds
     * the delivery no longer frozen */
    appeal_decision now = *dec;
    now.status = out->status_before;
    bool settled;
    if ((st = appeal_settle(d, a, &row, &now, &settled)) != DB_OK || !settled)
        return st;
    if (strcmp(dec->decision, "continue") == 0) {
        if ((st = db_exec(d, &q_restart_clock, a, (db_param[]){DB_INT(out->delivery_id)}, 1, NULL)) != DB_OK)
            return st;
    } else if (strcmp(dec->decision, "complete") == 0) {
        delivery_step s = {
            .type = "completed", .who = ACTOR_ADMIN, .from = out->status_before, .to = "completed", .detail = "admin"};
        bool moved;
        if ((st = delivery_apply(d, a, &row, &s, &moved, NULL)) != DB_OK)
            return st;
        if (!moved) { /* an open appeal's delivery is never finished */
            log_error("delivery %s: an admin could not complete it from %s", no, out->status_before);
            return DB_ERROR;
        }
        out->status_after = "completed";
    } else {
        db_result o;
        if ((st = db_exec(d, &q_order, a, (db_param[]){DB_INT(db_int(&row, 0, DL_INSTANCE))}, 1, &o)) != DB_OK)
            return st;
        refund_request rq = {.order_id = o.nrows ? db_int(&o, 0, AO_ORDER) : 0,
                             .reason = dec->note,
                             .who = ACTOR_ADMIN,
                             .admin = dec->admin,
                             .idem = idem};
        if ((st = refund_apply(d, a, &rq, &out->refund)) != DB_OK)
            return st;
        if (out->refund.outcome != REFUND_DONE || !out->refund.full) {
            out->outcome = DECIDE_REFUND_REFUSED;
            return DB_OK;
        }
        if ((st = db_exec(d, &q_refund_no, a, (db_param[]){DB_STR(out->refund.refund_no), DB_INT(out->appeal_id)}, 2,
                          NULL)) != DB_OK)
            return st;
        out->status_after = "closed";
    }
    out->outcome = DECIDE_DONE;
    return DB_OK;
}

/* --- the appeal on pages --- */

enum {
    AM_ID,
    AM_STATUS,
    AM_GROUNDS,
    AM_STATUS_AT,
    AM_REASON,
    AM_DECISION,
    AM_ACTOR,
    AM_ADMIN,
    AM_NOTE,
    AM_REFUND,
    AM_CREATED,
    AM_DECIDED,
    AM__MAX
};
static db_stmt q_appeals = DB_STMT("appeals_of_delivery", 1, AM__MAX,
    "SELECT id, status, grounds, status_at, reason, decision, decided_actor, decided_by, decision_note, refund_no, "
    T("created_at") ", " T("decided_at") " FROM delivery_appeals WHERE delivery_id = ? ORDER BY id DESC");

db_status appeals_model(ctx *c, xmlNodePtr parent, long long delivery_id, bool admin)
{
    db_result r;
    db_status st = db_exec(&c->w->db, &q_appeals, c->a, (db_param[]){DB_INT(delivery_id)}, 1, &r);
    if (st != DB_OK)
        return st;
    static const attr_col cols[] = {
        {"id", AM_ID, 0},
        {"status", AM_STATUS, 0},
        {"grounds", AM_GROUNDS, 0},
        {"delivery-status", AM_STATUS_AT, 0},
        {"decision", AM_DECISION, 0},
        {"decided-actor", AM_ACTOR, 0},
        {"created", AM_CREATED, ATTR_TIME},
        {"decided", AM_DECIDED, ATTR_TIME},
        {NULL, 0, 0},
    };
    static const attr_col admin_cols[] = {{"decided-by", AM_ADMIN, 0}, {"refund-no", AM_REFUND, 0}, {NULL, 0, 0}};
    xmlNodePtr list = xml_add(parent, "appeals");
    for (size_t i = 0; i < r.nrows; i++) {
        xmlNodePtr e = xml_add(list, "appeal");
        model_attrs(c, e, &r, i, cols);
        if (admin)
            model_attrs(c, e, &r, i, admin_cols);
        xml_add_text(e, "reason", db_str(&r, i, AM_REASON));
        if (db_str(&r, i, AM_NOTE) && *db_str(&r, i, AM_NOTE))
            xml_add_text(e, "note", db_str(&r, i, AM_NOTE));
    }
    return DB_OK;
}

db_status appeal_offer_model(ctx *c, xmlNodePtr delivery, long long delivery_id)
{
    appeal_grounds g;
    const char *from;
    db_status st = appeal_check(&c->w->db, c->a, delivery_id, &g, &from);
    if (st != DB_OK)
        return st;
    if (appeal_allowed(g))
        xml_set(delivery, "can-appeal", grounds_name(g));
    else if (from)
        model_time(c, delivery, "appeal-from", from);
    xml_set_int(delivery, "appeal-idle-days", APPEAL_IDLE_DAYS);
    xml_set_int(delivery, "appeal-rejections", APPEAL_REJECTIONS);
    return DB_OK;
}

/* --- the buyer's appeal form --- */

enum { BD_ID, BD_NO, BD_STATUS, BD_PRODUCT_ZH, BD_PRODUCT_EN, BD_REJECTIONS, BD__MAX };
static db_stmt q_mine = DB_STMT("appeal_delivery_mine", 2, BD__MAX,
    "SELECT d.id, d.delivery_no, d.status, p.name_zh, p.name_en, d.rejections FROM deliveries d "
    "JOIN instances i ON i.id = d.instance_id JOIN products p ON p.id = i.product_id "
    "WHERE d.delivery_no = ? AND d.user_id = ?");

static const char *const refusal_names[] = {
    [APPEAL_FINISHED] = "finished",
    [APPEAL_ALREADY_OPEN] = "open",
    [APPEAL_TOO_EARLY] = "too_early",
};

/* 申诉: the form with its grounds, or why there is none (yet). */
int h_appeal_form(ctx *c)
{
    const char *no = req_capture(&c->rq, "no");
    db_result r;
    db_status st = db_exec(&c->w->db, &q_mine, c->a, (db_param[]){DB_STR(no), DB_INT(c->user->id)}, 2, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (r.nrows == 0) {
        ctx_back(c, "/deliveries", "nav.deliveries");
        return ctx_fail(c, 404, "no_such_delivery", "There is no such delivery.");
    }
    appeal_grounds g;
    const char *from;
    if ((st = appeal_check(&c->w->db, c->a, db_int(&r, 0, BD_ID), &g, &from)) != DB_OK)
        return ctx_db_fail(c, st);
    xmlNodePtr e = xml_add(c->page, "delivery");
    static const attr_col cols[] = {
        {"no", BD_NO, 0}, {"status", BD_STATUS, 0}, {"rejections", BD_REJECTIONS, 0}, {NULL, 0, 0}};
    model_attrs(c, e, &r, 0, cols);
    xml_add_text(e, "product", ctx_l10n(c, db_str(&r, 0, BD_PRODUCT_ZH), db_str(&r, 0, BD_PRODUCT_EN)));
    xml_set_int(e, "appeal-idle-days", APPEAL_IDLE_DAYS);
    xml_set_int(e, "appeal-rejections", APPEAL_REJECTIONS);
    if (!appeal_allowed(g)) {
        xmlNodePtr why = xml_add(e, "appeal-refused");
        xml_set(why, "why", refusal_names[g]);
        model_time(c, why, "from", from);
        return 200;
    }
    xmlNodePtr form = xml_add(e, "appeal-form");
    xml_set(form, "grounds", grounds_name(g));
    xml_set_int(form, "reason-max", APPEAL_REASON_MAX);
    xml_add_text(form, "reason", ctx_in(c, "reason") ? ctx_in(c, "reason") : "");
    return 200;
}

typedef struct appeal_post {
    ctx *c;
    const char *no, *reason;
    bool found;
    appeal_grounds grounds;
} appeal_post;

static db_status appeal_txn(void *data, bool *commit)
{
    appeal_post *p = data;
    ctx *c = p->c;
    db *d = &c->w->db;
    db_result row;
    p->grounds = APPEAL_TOO_EARLY;
    db_status st = shop_lock_buyer(d, c->a, c->user->id, NULL);
    if (st != DB_OK || (st = delivery_lock(d, c->a, p->no, c->user->id, 0, &row, &p->found)) != DB_OK || !p->found)
        return st;
    /* under the delivery's lock: no step can come between */
    if ((st = appeal_check(d, c->a, db_int(&row, 0, DL_ID), &p->grounds, NULL)) != DB_OK)
        return st;
    if (!appeal_allowed(p->grounds)) {
        *commit = false;
        return DB_OK;
    }
    return appeal_open(d, c->a, &row, p->grounds, p->reason);
}

int h_appeal_submit(ctx *c)
{
    const char *no = req_capture(&c->rq, "no");
    const char *reason = ctx_in(c, "reason");
    if (!reason || !reason[strspn(reason, " \t\r\n")]) {
        int st = h_appeal_form(c);
        if (st != 200)
            return st;
        return ctx_form_error(c, 422, "reason", "appeal.reason_required");
    }
    ctx_back(c, arena_printf(c->a, "/deliveries/%s", no), "delivery.back");
    appeal_post p = {.c = c, .no = no, .reason = reason};
    db_status st = db_txn(&c->w->db, appeal_txn, &p);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (!p.found)
        return ctx_fail(c, 404, "no_such_delivery", "There is no such delivery.");
    switch (p.grounds) {
    case APPEAL_IDLE:
    case APPEAL_REJECTED:
        break;
    case APPEAL_FINISHED:
        return ctx_fail(c, 409, "appeal_delivery_finished",
                        "This delivery is completed or closed; there is nothing left to appeal.");
    case APPEAL_ALREADY_OPEN:
        return ctx_fail(c, 409, "appeal_already_open",
                        "This delivery already has an open appeal; the platform is handling it.");
    case APPEAL_TOO_EARLY:
        return ctx_fail(c, 409, "appeal_too_early",
                        arena_printf(c->a,
                                     "This delivery cannot be appealed yet: the vendor's step must have been idle for "
                                     "more than %d days, or the work rejected %d times.",
                                     APPEAL_IDLE_DAYS, APPEAL_REJECTIONS));
    }
    return ctx_redirect(c, arena_printf(c->a, "/deliveries/%s?notice=appealed", no));
}
