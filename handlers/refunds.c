/* The buyer's own refund (申请退款): the whole amount back to the balance
 * within refund_window_days of payment, while nothing has been refunded,
 * and for a service delivered by people only until the vendor confirms
 * the requirement. The order page says whether it is offered, and when it
 * is not, how to ask instead (an appeal, or the vendor's support). */
#include <ctype.h>
#include <string.h>

#include "../fcgi/crypto.h"
#include "../fcgi/text.h"
#include "../fcgi/xml.h"
#include "handlers.h"
#include "refund.h"

/* What the rules look at, and what the order page shows beside them. */
enum {
    RF_STATUS,
    RF_REFUNDED,
    RF_MODE,
    RF_IN_WINDOW,
    RF_DELIVERY_STATUS,
    RF_UNTIL,
    RF_DELIVERY_NO,
    RF_SUPPORT_EMAIL,
    RF_SUPPORT_PHONE,
    RF__MAX
};
#define RULE_COLS                                                                                                      \
    "SELECT o.status, o.refunded_cents, o.delivery_mode, "                                                             \
    "COALESCE(o.paid_at > UTC_TIMESTAMP(6) - INTERVAL ? DAY, 0), d.status"
static db_stmt q_offer = DB_STMT("refund_offer", 3, RF__MAX,
    RULE_COLS ", o.paid_at + INTERVAL ? DAY, d.delivery_no, COALESCE(NULLIF(p.support_email, ''), v.support_email), "
    "p.support_phone FROM orders o JOIN products p ON p.id = o.product_id JOIN vendors v ON v.id = o.vendor_id "
    "LEFT JOIN deliveries d ON d.instance_id = o.instance_id WHERE o.id = ?");
/* the same rules under the locks (step 2: the order's row, then its
 * delivery's), after the buyer's */
static db_stmt q_rules_locked = DB_STMT("refund_rules_locked", 3, RF_DELIVERY_STATUS + 1,
    RULE_COLS " FROM orders o LEFT JOIN deliveries d ON d.instance_id = o.instance_id "
    "WHERE o.id = ? AND o.user_id = ? FOR UPDATE");
enum { RR_NO, RR__MAX };
static db_stmt q_repeat = DB_STMT("refund_form_done", 2, RR__MAX,
    "SELECT refund_no FROM refunds WHERE order_id = ? AND idem_key = ? FOR UPDATE");
enum { RL_NO, RL_ACTOR, RL_FULL, RL_AMOUNT, RL_AT, RL__MAX };
static db_stmt q_refunds = DB_STMT("order_refunds", 1, RL__MAX,
    "SELECT refund_no, actor, full, amount_cents, created_at FROM refunds WHERE order_id = ? ORDER BY id");

const char *form_trim(arena *a, const char *s)
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

/* Why the buyer may not refund the order themselves (an error code, which
 * is also the message error.<code>), or NULL when they may. */
static const char *refusal(const config *cfg, const db_result *r)
{
    if (cfg->refund_window_days == 0)
        return "refund_off";
    if (strcmp(db_str(r, 0, RF_STATUS), "paid") != 0)
        return "refund_not_paid";
    if (db_int(r, 0, RF_REFUNDED) > 0)
        return "refund_partly_refunded";
    if (!db_int(r, 0, RF_IN_WINDOW))
        return "refund_window_passed";
    const char *ds = db_str(r, 0, RF_DELIVERY_STATUS);
    if (strcmp(db_str(r, 0, RF_MODE), "manual") == 0 &&
        !(ds && (strcmp(ds, "awaiting_requirement") == 0 || strcmp(ds, "pending_confirmation") == 0)))
        return "refund_confirmed";
    return NULL;
}

static const char *refusal_text(const char *why)
{
    static const struct {
        const char *code, *text;
    } texts[] = {
        {"refund_off", "Refunds are not offered to buyers here; ask the marketplace's support."},
        {"refund_not_paid", "Only a paid order can be refunded."},
        {"refund_partly_refunded", "Part of this order has been refunded already; ask the marketplace's support."},
        {"refund_window_passed", "The time to refund this order yourself has passed."},
        {"refund_confirmed",
         "The vendor has confirmed the requirement, so the order can no longer be refunded by you; open an appeal "
         "from the delivery page instead."},
    };
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        if (strcmp(texts[i].code, why) == 0)
            return texts[i].text;
    return "This order cannot be refunded.";
}

static db_status load_offer(ctx *c, long long order_id, db_result *r)
{
    int days = c->w->cfg.refund_window_days;
    return db_exec(&c->w->db, &q_offer, c->a, (db_param[]){DB_INT(days), DB_INT(days), DB_INT(order_id)}, 3, r);
}

/* <refund-offer window-days until allowed why><delivery no status/><support/></refund-offer> */
static void add_offer(ctx *c, xmlNodePtr parent, const db_result *r)
{
    const char *why = refusal(&c->w->cfg, r);
    xmlNodePtr e = xml_add(parent, "refund-offer");
    xml_set_int(e, "window-days", c->w->cfg.refund_window_days);
    if (c->w->cfg.refund_window_days)
        model_time(c, e, "until", db_str(r, 0, RF_UNTIL));
    xml_set(e, "allowed", why ? "0" : "1");
    xml_set(e, "why", why);
    if (db_str(r, 0, RF_DELIVERY_NO)) {
        xmlNodePtr dl = xml_add(e, "delivery");
        xml_set(dl, "no", db_str(r, 0, RF_DELIVERY_NO));
        xml_set(dl, "status", db_str(r, 0, RF_DELIVERY_STATUS));
    }
    catalog_add_support(e, db_str(r, 0, RF_SUPPORT_EMAIL), db_str(r, 0, RF_SUPPORT_PHONE));
}

db_status refund_order_add(ctx *c, xmlNodePtr order, long long order_id, const char *status, long long refunded)
{
    if (refunded > 0)
        xml_add_money(order, "refunded-amount", refunded);
    bool paid = strcmp(status, "paid") == 0;
    if (!paid && strcmp(status, "refunded") != 0)
        return DB_OK;
    db_result offer, list;
    db_status st;
    if ((paid && (st = load_offer(c, order_id, &offer)) != DB_OK) ||
        (st = db_exec(&c->w->db, &q_refunds, c->a, (db_param[]){DB_INT(order_id)}, 1, &list)) != DB_OK)
        return st;
    if (paid && offer.nrows == 1)
        add_offer(c, order, &offer);
    xmlNodePtr rl = xml_add(order, "refunds");
    static const attr_col cols[] = {
        {"no", RL_NO, 0}, {"actor", RL_ACTOR, 0}, {"full", RL_FULL, 0}, {"at", RL_AT, ATTR_TIME}, {NULL, 0, 0},
    };
    for (size_t i = 0; i < list.nrows; i++) {
        xmlNodePtr e = xml_add(rl, "refund");
        model_attrs(c, e, &list, i, cols);
        xml_add_money(e, "amount", db_int(&list, i, RL_AMOUNT));
    }
    return DB_OK;
}

/* The confirmation page's model: the order, what comes back, what ends. */
static int refund_page(ctx *c, const db_result *o, const char *idem)
{
    db_result r;
    db_status st = load_offer(c, db_int(o, 0, OM_ID), &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    order_add_summary(c, c->page, o);
    xmlNodePtr e = xml_add(c->page, "refund");
    xml_set(e, "idem", idem);
    add_offer(c, e, &r);
    xml_add_money(e, "amount", db_int(o, 0, OM_TOTAL) - db_int(&r, 0, RF_REFUNDED));
    return 200;
}

int h_refund_form(ctx *c)
{
    db_result o, r;
    int fail = order_load_mine(c, &o);
    if (fail)
        return fail;
    db_status st = load_offer(c, db_int(&o, 0, OM_ID), &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (r.nrows != 1 || refusal(&c->w->cfg, &r))
        return ctx_redirect(c, arena_printf(c->a, "/orders/%s?notice=not_refundable", db_str(&o, 0, OM_NO)));
    const char *idem = crypto_random_hex(c->a, 16);
    if (!idem)
        return ctx_fail(c, 500, "internal", "No randomness.");
    return refund_page(c, &o, idem);
}

typedef struct buyer_refund {
    ctx *c;
    long long order_id;
    const char *reason, *idem;
    const char *why; /* refused: the rule that failed */
    bool done;       /* refunded now, or by this form before */
} buyer_refund;

static db_status buyer_refund_txn(void *data, bool *commit)
{
    buyer_refund *br = data;
    ctx *c = br->c;
    db *d = &c->w->db;
    br->why = NULL;
    br->done = false;
    db_result r;
    db_status st = shop_lock_buyer(d, c->a, c->user->id, NULL);
    if (st != DB_OK ||
        (st = db_exec(d, &q_rules_locked, c->a,
                      (db_param[]){DB_INT(c->w->cfg.refund_window_days), DB_INT(br->order_id), DB_INT(c->user->id)}, 3,
                      &r)) != DB_OK)
        return st;
    if (r.nrows != 1) {
        br->why = "refund_not_paid";
        *commit = false;
        return DB_OK;
    }
    /* the same form again: done already, whatever the rules say now */
    db_result again;
    if ((st = db_exec(d, &q_repeat, c->a, (db_param[]){DB_INT(br->order_id), DB_STR(br->idem)}, 2, &again)) != DB_OK)
        return st;
    if (again.nrows) {
        br->done = true;
        *commit = false;
        return DB_OK;
    }
    /* every rule again, now that nothing can change under it: the vendor
     * confirms under the buyer's lock, which this transaction holds */
    if ((br->why = refusal(&c->w->cfg, &r))) {
        *commit = false;
        return DB_OK;
    }
    refund_request rq = {
        .order_id = br->order_id, .cents = 0, .reason = br->reason, .who = ACTOR_BUYER, .idem = br->idem};
    refund_result out;
    if ((st = refund_apply(d, c->a, &rq, &out)) != DB_OK)
        return st;
    if (out.outcome == REFUND_DONE || out.outcome == REFUND_REPEAT) {
        br->done = true;
        return DB_OK;
    }
    br->why = "refund_not_paid";
    *commit = false;
    return DB_OK;
}

int h_refund(ctx *c)
{
    db_result o;
    int fail = order_load_mine(c, &o);
    if (fail)
        return fail;
    const char *no = db_str(&o, 0, OM_NO);
    const char *reason = form_trim(c->a, ctx_in(c, "reason"));
    if (!*reason) {
        if (c->xml)
            return ctx_form_error(c, 422, "reason", "refund.reason_required");
        int st = refund_page(c, &o, ctx_in(c, "idem"));
        return st == 200 ? ctx_form_error(c, 422, "reason", "refund.reason_required") : st;
    }
    buyer_refund br = {.c = c, .order_id = db_int(&o, 0, OM_ID), .reason = reason, .idem = ctx_in(c, "idem")};
    db_status st = db_txn(&c->w->db, buyer_refund_txn, &br);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    if (br.why) {
        ctx_back(c, arena_printf(c->a, "/orders/%s", no), "refund.back");
        return ctx_fail(c, 409, br.why, refusal_text(br.why));
    }
    return ctx_redirect(c, arena_printf(c->a, "/orders/%s?notice=refund_done", no));
}
