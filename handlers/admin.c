/* The admin console's dashboard and audit log, and what admin pages share. */
#include "admin.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../fcgi/text.h"
#include "../fcgi/xml.h"
#include "handlers.h"

audit_who admin_who(const ctx *c)
{
    return (audit_who){.admin = c->rq.admin_user, .ip = c->rq.remote_addr, .request_id = c->rq.request_id};
}

long long admin_cursor(const ctx *c, bool *back)
{
    *back = ctx_in(c, "before") != NULL;
    return *back ? ctx_in_int(c, "before", 0) : ctx_in_int(c, "after", 1LL << 62);
}

void admin_list_href(ctx *c, xmlNodePtr list)
{
    const char *href = arena_printf(c->a, "%s?", c->rq.path);
    for (size_t i = 0; i < c->rq.args.n; i++) {
        const kv *f = &c->rq.args.items[i];
        if (!*f->val || strcmp(f->key, "after") == 0 || strcmp(f->key, "before") == 0 || strcmp(f->key, "lang") == 0 ||
            strcmp(f->key, "notice") == 0)
            continue;
        href = arena_printf(c->a, "%s%s=%s&", href, text_url_encode(c->a, f->key, false),
                            text_url_encode(c->a, f->val, false));
    }
    xml_set(list, "href", href);
}

static const char *utc_text(ctx *c, time_t t)
{
    struct tm u;
    gmtime_r(&t, &u);
    char buf[32];
    strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &u);
    return arena_strdup(c->a, buf);
}

const char *admin_day_utc(ctx *c, const char *date, int plus_days)
{
    if (!date)
        return NULL;
    struct tm t = {.tm_isdst = -1};
    sscanf(date, "%4d-%2d-%2d", &t.tm_year, &t.tm_mon, &t.tm_mday);
    t.tm_year -= 1900;
    t.tm_mon -= 1;
    t.tm_mday += plus_days;
    return utc_text(c, mktime(&t)); /* mktime carries a 32nd or a 0th day over */
}

const char *admin_filter(const ctx *c, const char *name)
{
    const char *v = ctx_in(c, name);
    return v && *v ? v : NULL;
}

/* --- the dashboard --- */

enum { DB_TODAY_N, DB_TODAY_SUM, DB_MONTH_N, DB_MONTH_SUM, DB__MAX };
/* each: today (from ?) and the last 30 days (from ?) */
static db_stmt q_orders = DB_STMT("admin_dash_orders", 2, DB__MAX,
    "SELECT COALESCE(SUM(created_at >= ?), 0), 0, COUNT(*), 0 FROM orders WHERE created_at >= ?");
static db_stmt q_paid = DB_STMT("admin_dash_paid", 3, DB__MAX,
    "SELECT COALESCE(SUM(paid_at >= ?), 0), COALESCE(SUM(IF(paid_at >= ?, total_cents, 0)), 0), COUNT(*), "
    "COALESCE(SUM(total_cents), 0) FROM orders WHERE paid_at >= ?");
static db_stmt q_refunds = DB_STMT("admin_dash_refunds", 3, DB__MAX,
    "SELECT COALESCE(SUM(created_at >= ?), 0), COALESCE(SUM(IF(created_at >= ?, amount_cents, 0)), 0), COUNT(*), "
    "COALESCE(SUM(amount_cents), 0) FROM refunds WHERE created_at >= ?");
static db_stmt q_buyers = DB_STMT("admin_dash_buyers", 2, DB__MAX,
    "SELECT COALESCE(SUM(created_at >= ?), 0), 0, COUNT(*), 0 FROM users WHERE created_at >= ?");
enum { DS_STATUS, DS_N, DS__MAX };
static db_stmt q_delivery_states = DB_STMT("admin_dash_delivery_states", 0, DS__MAX,
    "SELECT status, COUNT(*) FROM deliveries GROUP BY status");
enum { SI_NO, SI_VENDOR, SI_PRODUCT, SI_CREATED, SI__MAX };
#define DASH_ROWS "20"
static db_stmt q_slow_instances = DB_STMT("admin_dash_slow_instances", 0, SI__MAX,
    "SELECT i.instance_no, v.slug, p.name_zh, i.created_at FROM instances i JOIN vendors v ON v.id = i.vendor_id "
    "JOIN products p ON p.id = i.product_id WHERE i.status = 'provisioning' "
    "AND i.created_at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY ORDER BY i.created_at LIMIT " DASH_ROWS);
static db_stmt q_slow_instances_n = DB_STMT("admin_dash_slow_instances_n", 0, 1,
    "SELECT COUNT(*) FROM instances WHERE status = 'provisioning' AND created_at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY");
enum { SD_NO, SD_VENDOR, SD_STATUS, SD_LAST, SD__MAX };
/* waiting on the vendor: to confirm, or to deliver; idle since the last
 * step (an admin's note is none: the appeal's idle ground, appeals.c) */
#define IDLE_DELIVERIES                                                                                                \
    "FROM deliveries d JOIN vendors v ON v.id = d.vendor_id "                                                          \
    "JOIN (SELECT delivery_id, MAX(created_at) AS last_at FROM delivery_history WHERE type <> 'note' "                 \
    "GROUP BY delivery_id) h "                                                                                         \
    "ON h.delivery_id = d.id WHERE d.status IN ('pending_confirmation', 'in_service') AND d.appeal_open = 0 "          \
    "AND h.last_at < UTC_TIMESTAMP(6) - INTERVAL 5 DAY "
static db_stmt q_idle_deliveries = DB_STMT("admin_dash_idle_deliveries", 0, SD__MAX,
    "SELECT d.delivery_no, v.slug, d.status, h.last_at " IDLE_DELIVERIES "ORDER BY h.last_at LIMIT " DASH_ROWS);
static db_stmt q_idle_deliveries_n = DB_STMT("admin_dash_idle_deliveries_n", 0, 1, "SELECT COUNT(*) " IDLE_DELIVERIES);
static db_stmt q_open_appeals = DB_STMT("admin_dash_open_appeals", 0, 1,
    "SELECT COUNT(*) FROM deliveries WHERE appeal_open = 1");

static const char *days_ago_utc(ctx *c, int days)
{
    time_t now = time(NULL);
    struct tm t;
    localtime_r(&now, &t);
    t.tm_hour = t.tm_min = t.tm_sec = 0;
    t.tm_mday -= days;
    t.tm_isdst = -1;
    return utc_text(c, mktime(&t));
}

static void add_metric(xmlNodePtr parent, const char *name, const db_result *r, bool money)
{
    xmlNodePtr m = xml_add(parent, "metric");
    xml_set(m, "name", name);
    xmlNodePtr today = xml_add(m, "today"), month = xml_add(m, "month");
    xml_set_int(today, "n", db_int(r, 0, DB_TODAY_N));
    xml_set_int(month, "n", db_int(r, 0, DB_MONTH_N));
    if (money) {
        xml_add_money(today, "amount", db_int(r, 0, DB_TODAY_SUM));
        xml_add_money(month, "amount", db_int(r, 0, DB_MONTH_SUM));
    }
}

int h_admin_dashboard(ctx *c)
{
    db *d = &c->w->db;
    const char *today = days_ago_utc(c, 0), *month = days_ago_utc(c, 29);
    db_result orders, paid, refunds, buyers, states, slow, slow_n, idle, idle_n, appeals;
    db_status st;
    if ((st = db_exec(d, &q_orders, c->a, (db_param[]){DB_STR(today), DB_STR(month)}, 2, &orders)) != DB_OK ||
        (st = db_exec(d, &q_paid, c->a, (db_param[]){DB_STR(today), DB_STR(today), DB_STR(month)}, 3, &paid)) !=
            DB_OK ||
        (st = db_exec(d, &q_refunds, c->a, (db_param[]){DB_STR(today), DB_STR(today), DB_STR(month)}, 3, &refunds)) !=
            DB_OK ||
        (st = db_exec(d, &q_buyers, c->a, (db_param[]){DB_STR(today), DB_STR(month)}, 2, &buyers)) != DB_OK ||
        (st = db_exec(d, &q_delivery_states, c->a, NULL, 0, &states)) != DB_OK ||
        (st = db_exec(d, &q_slow_instances, c->a, NULL, 0, &slow)) != DB_OK ||
        (st = db_exec(d, &q_slow_instances_n, c->a, NULL, 0, &slow_n)) != DB_OK ||
        (st = db_exec(d, &q_idle_deliveries, c->a, NULL, 0, &idle)) != DB_OK ||
        (st = db_exec(d, &q_idle_deliveries_n, c->a, NULL, 0, &idle_n)) != DB_OK ||
        (st = db_exec(d, &q_open_appeals, c->a, NULL, 0, &appeals)) != DB_OK)
        return ctx_db_fail(c, st);

    xmlNodePtr dash = xml_add(c->page, "dashboard");
    model_time(c, dash, "today", today);
    model_time(c, dash, "since", month);
    add_metric(dash, "orders", &orders, false);
    add_metric(dash, "paid", &paid, true);
    add_metric(dash, "refunds", &refunds, true);
    add_metric(dash, "buyers", &buyers, false);
    xmlNodePtr ds = xml_add(dash, "deliveries");
    xml_set(ds, "open-appeals", db_str(&appeals, 0, 0));
    for (size_t i = 0; i < states.nrows; i++) {
        xmlNodePtr s = xml_add(ds, "state");
        xml_set(s, "status", db_str(&states, i, DS_STATUS));
        xml_set(s, "n", db_str(&states, i, DS_N));
    }
    xmlNodePtr si = xml_add(dash, "slow-instances");
    xml_set(si, "n", db_str(&slow_n, 0, 0));
    for (size_t i = 0; i < slow.nrows; i++) {
        xmlNodePtr n = xml_add(si, "instance");
        static const attr_col cols[] = {
            {"no", SI_NO, 0}, {"vendor", SI_VENDOR, 0}, {"created", SI_CREATED, ATTR_TIME}, {NULL, 0, 0}};
        model_attrs(c, n, &slow, i, cols);
        xmlNodeAddContent(n, BAD_CAST db_str(&slow, i, SI_PRODUCT));
    }
    xmlNodePtr sd = xml_add(dash, "idle-deliveries");
    xml_set(sd, "n", db_str(&idle_n, 0, 0));
    for (size_t i = 0; i < idle.nrows; i++) {
        static const attr_col cols[] = {{"no", SD_NO, 0},
                                        {"vendor", SD_VENDOR, 0},
                                        {"status", SD_STATUS, 0},
                                        {"last-step", SD_LAST, ATTR_TIME},
                                        {NULL, 0, 0}};
        model_attrs(c, xml_add(sd, "delivery"), &idle, i, cols);
    }
    return 200;
}

/* --- the audit log --- */

enum { AU_ID, AU_ADMIN, AU_IP, AU_ACTION, AU_TYPE, AU_REF, AU_BEFORE, AU_AFTER, AU_REASON, AU_RID, AU_AT, AU__MAX };
#define AUDIT_COLS                                                                                                     \
    "SELECT id, admin_user, ip, action, target_type, target_ref, before_text, after_text, reason, "                    \
    "request_id, created_at FROM audit_log "
/* every filter optional: (? IS NULL OR …); an action is exact, or a prefix
 * (LIKE "vendor.%") when it ends in "." */
#define AUDIT_FILTERS                                                                                                  \
    "WHERE (? IS NULL OR admin_user = ?) AND (? IS NULL OR action = ?) AND (? IS NULL OR action LIKE ?) "              \
    "AND (? IS NULL OR target_type = ?) AND (? IS NULL OR target_ref = ?) "                                            \
    "AND (? IS NULL OR created_at >= ?) AND (? IS NULL OR created_at < ?) "
static db_stmt q_audit = DB_STMT("admin_audit", 16, AU__MAX,
    AUDIT_COLS AUDIT_FILTERS "AND id < ? ORDER BY id DESC LIMIT ?");
static db_stmt q_audit_back = DB_STMT("admin_audit_back", 16, AU__MAX,
    AUDIT_COLS AUDIT_FILTERS "AND id > ? ORDER BY id LIMIT ?");

int h_admin_audit(ctx *c)
{
    const char *admin = admin_filter(c, "admin"), *action = admin_filter(c, "action"),
               *type = admin_filter(c, "target"), *ref = admin_filter(c, "ref"),
               *from = admin_day_utc(c, admin_filter(c, "from"), 0), *to = admin_day_utc(c, admin_filter(c, "to"), 1);
    /* an action name's characters ("vendor.key_issue"); in a prefix, LIKE
     * takes its underscores literally */
    static const char action_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
    if (action && strspn(action, action_chars) != strlen(action))
        return ctx_fail(c, 400, "bad_request", "action: letters, digits, dots, dashes and underscores only");
    const char *exact = action, *prefix = NULL;
    if (action && action[strlen(action) - 1] == '.') {
        char *p = arena_alloc(c->a, 2 * strlen(action) + 2), *o = p;
        for (const char *q = action; *q; q++) {
            if (*q == '_')
                *o++ = '\\';
            *o++ = *q;
        }
        *o++ = '%';
        *o = '\0';
        prefix = p;
        exact = NULL;
    }
    bool back;
    long long cursor = admin_cursor(c, &back);
    db_result r;
    db_status st = db_exec(&c->w->db, back ? &q_audit_back : &q_audit, c->a,
                           (db_param[]){DB_STR(admin), DB_STR(admin), DB_STR(exact), DB_STR(exact), DB_STR(prefix),
                                        DB_STR(prefix), DB_STR(type), DB_STR(type), DB_STR(ref), DB_STR(ref),
                                        DB_STR(from), DB_STR(from), DB_STR(to), DB_STR(to), DB_INT(cursor),
                                        DB_INT(ADMIN_PAGE + 1)},
                           16, &r);
    if (st != DB_OK)
        return ctx_db_fail(c, st);
    xmlNodePtr list = xml_add(c->page, "audit");
    static const char *const filters[] = {"admin", "action", "target", "ref", "from", "to"};
    for (size_t i = 0; i < sizeof(filters) / sizeof(filters[0]); i++)
        if (admin_filter(c, filters[i]))
            xml_set(list, filters[i], admin_filter(c, filters[i]));
    admin_list_href(c, list);
    size_t n = model_page(c, list, &r, ADMIN_PAGE, -1);
    static const attr_col cols[] = {
        {"id", AU_ID, 0},          {"admin", AU_ADMIN, 0},   {"ip", AU_IP, 0},
        {"action", AU_ACTION, 0},  {"target", AU_TYPE, 0},   {"ref", AU_REF, 0},
        {"request-id", AU_RID, 0}, {"at", AU_AT, ATTR_TIME}, {NULL, 0, 0},
    };
    for (size_t i = 0; i < n; i++) {
        xmlNodePtr e = xml_add(list, "entry");
        model_attrs(c, e, &r, i, cols);
        xml_add_text(e, "before", db_str(&r, i, AU_BEFORE));
        xml_add_text(e, "after", db_str(&r, i, AU_AFTER));
        if (*db_str(&r, i, AU_REASON))
            xml_add_text(e, "reason", db_str(&r, i, AU_REASON));
    }
    return 200;
}
