/* The delivery state machine: conditional updates, history rows, events. */
#include "delivery.h"

#include <string.h>

#include "../fcgi/log.h"
#include "../fcgi/text.h"
#include "appeals.h"

#define DELIVERY_LOCK_COLS                                                                                             \
    "SELECT id, delivery_no, user_id, vendor_id, instance_id, status, latest_version, confirmed_version, "             \
    "appeal_open, appeal_id, rejections "

static db_stmt q_lock_mine = DB_STMT("delivery_lock_buyer", 2, DL__MAX,
    DELIVERY_LOCK_COLS
    "FROM deliveries WHERE delivery_no = ? AND user_id = ? FOR UPDATE");
static db_stmt q_lock_vendor = DB_STMT("delivery_lock_vendor", 2, DL__MAX,
    DELIVERY_LOCK_COLS
    "FROM deliveries WHERE delivery_no = ? AND vendor_id = ? FOR UPDATE");
enum { OWNER_USER, OWNER__MAX };
static db_stmt q_owner = DB_STMT("delivery_owner", 3, OWNER__MAX,
    "SELECT user_id FROM deliveries WHERE delivery_no = ? AND (? = 0 OR vendor_id = ?)");
static db_stmt q_insert = DB_STMT("delivery_insert", 4, 0,
    "INSERT INTO deliveries (delivery_no, instance_id, user_id, vendor_id, status, created_at) "
    "VALUES (?, ?, ?, ?, 'awaiting_requirement', UTC_TIMESTAMP(6))");
/* each new state sets what goes with it: the acceptance clock, the
 * completion time, the count of rejections (the state itself last: later
 * assignments would see it) */
static db_stmt q_move = DB_STMT("delivery_move", 6, 0,
    "UPDATE deliveries SET submitted_at = IF(?, UTC_TIMESTAMP(6), submitted_at), "
    "completed_at = IF(?, UTC_TIMESTAMP(6), completed_at), rejections = rejections + ?, status = ? "
    "WHERE id = ? AND status = ?");
static db_stmt q_history = DB_STMT("delivery_history_add", 8, 0,
    "INSERT INTO delivery_history (delivery_id, type, actor, from_status, to_status, version, note, vendor_key, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))");
static db_stmt q_keyed_note = DB_STMT("delivery_keyed_note", 2, 1,
    "SELECT note FROM delivery_history WHERE delivery_id = ? AND vendor_key = ?");
static db_stmt q_requirement = DB_STMT("delivery_requirement_add", 5, 0,
    "INSERT INTO delivery_requirements (delivery_id, version, title, description, contact, created_at) "
    "VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6))");
static db_stmt q_latest = DB_STMT("delivery_latest_version", 2, 0,
    "UPDATE deliveries SET latest_version = ? WHERE id = ?");
static db_stmt q_confirmed = DB_STMT("delivery_confirmed_version", 2, 0,
    "UPDATE deliveries SET confirmed_version = ? WHERE id = ?");
static db_stmt q_auto_accepted = DB_STMT("delivery_auto_accepted", 1, 0,
    "UPDATE deliveries SET auto_accepted = 1 WHERE id = ?");

db_status delivery_lock(db *d, arena *a, const char *no, long long user_id, long long vendor_id, db_result *row,
                        bool *found)
{
    db_status st = db_exec(d, user_id ? &q_lock_mine : &q_lock_vendor, a,
                           (db_param[]){DB_STR(no), DB_INT(user_id ? user_id : vendor_id)}, 2, row);
    *found = st == DB_OK && row->nrows == 1;
    return st;
}

db_status delivery_owner(db *d, arena *a, const char *no, long long vendor_id, long long *user_id)
{
    db_result r;
    db_status st = db_exec(d, &q_owner, a, (db_param[]){DB_STR(no), DB_INT(vendor_id), DB_INT(vendor_id)}, 3, &r);
    *user_id = st == DB_OK && r.nrows ? db_int(&r, 0, OWNER_USER) : 0;
    return st;
}

bool delivery_frozen(const db_result *row)
{
    return db_int(row, 0, DL_APPEAL_OPEN) != 0;
}

static db_status history_add(db *d, arena *a, long long delivery_id, const delivery_step *s, long long *id)
{
    db_result r;
    db_status st = db_exec(d, &q_history, a,
                           (db_param[]){DB_INT(delivery_id), DB_STR(s->type), DB_STR(shop_actor_name(s->who)),
                                        DB_STR(s->from), DB_STR(s->to), DB_ID(s->version),
                                        DB_STR(s->note ? s->note : ""), DB_STR(s->key)},
                           8, &r);
    if (st == DB_OK && id)
        *id = (long long)r.insert_id;
    return st;
}

db_status delivery_keyed_note(db *d, arena *a, long long delivery_id, const char *key, const char **note)
{
    db_result r;
    db_status st = db_exec(d, &q_keyed_note, a, (db_param[]){DB_INT(delivery_id), DB_STR(key)}, 2, &r);
    *note = st == DB_OK && r.nrows ? db_str(&r, 0, 0) : NULL;
    return st;
}

static db_status step_event(db *d, arena *a, long long vendor_id, long long user_id, long long instance_id,
                            long long delivery_id, const delivery_step *s)
{
    shop_event e = {.vendor_id = vendor_id,
                    .type = arena_printf(a, "delivery.%s", s->type),
                    .who = s->who,
                    .user_id = user_id,
                    .instance_id = instance_id,
                    .delivery_id = delivery_id,
                    .detail = text_utf8_prefix(a, s->detail ? s->detail : s->note, SHOP_DETAIL_MAX)};
    return shop_event_add(d, a, &e);
}

db_status delivery_create(db *d, arena *a, long long instance_id, long long user_id, long long vendor_id, actor who)
{
    db_status st = DB_DUPLICATE;
    db_result r;
    for (int attempt = 0; attempt < 3 && st == DB_DUPLICATE; attempt++) {
        const char *no = shop_code_number(a, "dlv");
        if (!no)
            return DB_ERROR;
        st = db_exec(d, &q_insert, a, (db_param[]){DB_STR(no), DB_INT(instance_id), DB_INT(user_id), DB_INT(vendor_id)},
                     4, &r);
    }
    if (st != DB_OK)
        return st;
    long long id = (long long)r.insert_id;
    delivery_step s = {.type = "created", .who = who, .to = "awaiting_requirement"};
    if ((st = history_add(d, a, id, &s, NULL)) != DB_OK)
        return st;
    return step_event(d, a, vendor_id, user_id, instance_id, id, &s);
}

db_status delivery_apply(db *d, arena *a, const db_result *row, const delivery_step *s, bool *moved,
                         long long *history_id)
{
    *moved = false;
    long long id = db_int(row, 0, DL_ID);
    if (strcmp(db_str(row, 0, DL_STATUS), s->from) != 0)
        return DB_OK;
    /* frozen by an open appeal: only the admin moves it, or a refund ends it */
    bool closing = s->to && strcmp(s->to, "closed") == 0;
    if (s->to && delivery_frozen(row) && s->who != ACTOR_ADMIN && !closing)
        return DB_OK;
    db_status st;
    if (s->to && strcmp(s->to, s->from) != 0) {
        db_result u;
        if ((st = db_exec(
                 d, &q_move, a,
                 (db_param[]){DB_INT(strcmp(s->to, "pending_acceptance") == 0), DB_INT(strcmp(s->to, "completed") == 0),
                              DB_INT(strcmp(s->from, "pending_acceptance") == 0 && strcmp(s->to, "in_service") == 0),
                              DB_STR(s->to), DB_INT(id), DB_STR(s->from)},
                 6, &u)) != DB_OK)
            return st;
        if (u.affected != 1) { /* the row is locked: it cannot have moved */
            log_error("delivery %lld left %s under its lock", id, s->from);
            return DB_ERROR;
        }
    }
    if ((st = history_add(d, a, id, s, history_id)) != DB_OK ||
        (st = step_event(d, a, db_int(row, 0, DL_VENDOR), db_int(row, 0, DL_USER), db_int(row, 0, DL_INSTANCE), id,
                         s)) != DB_OK)
        return st;
    if (strcmp(s->type, "confirmed") == 0 &&
        (st = db_exec(d, &q_confirmed, a, (db_param[]){DB_INT(s->version), DB_INT(id)}, 2, NULL)) != DB_OK)
        return st;
    /* a refund closed a frozen delivery: it decided the appeal as well
     * (an admin deciding for a refund settles the appeal before it) */
    if (closing && delivery_frozen(row)) {
        appeal_decision dec = {
            .decision = "refund", .who = s->who, .note = s->note ? s->note : s->detail, .status = "closed"};
        bool settled;
        if ((st = appeal_settle(d, a, row, &dec, &settled)) != DB_OK)
            return st;
    }
    *moved = true;
    return DB_OK;
}

db_status delivery_record(db *d, arena *a, const db_result *row, const delivery_step *s, long long *history_id)
{
    long long id = db_int(row, 0, DL_ID);
    delivery_step h = *s;
    h.to = NULL;
    db_status st = history_add(d, a, id, &h, history_id);
    if (st != DB_OK)
        return st;
    return step_event(d, a, db_int(row, 0, DL_VENDOR), db_int(row, 0, DL_USER), db_int(row, 0, DL_INSTANCE), id, &h);
}

db_status delivery_requirement(db *d, arena *a, const db_result *row, const char *title, const char *description,
                               const char *contact, long long *version, long long *requirement_id)
{
    *version = 0;
    const char *status = db_str(row, 0, DL_STATUS);
    bool first = strcmp(status, "awaiting_requirement") == 0;
    if ((!first && strcmp(status, "pending_confirmation") != 0) || delivery_frozen(row))
        return DB_OK;
    long long id = db_int(row, 0, DL_ID), next = db_int(row, 0, DL_LATEST) + 1;
    db_result r;
    db_status st = db_exec(d, &q_requirement, a,
                           (db_param[]){DB_INT(id), DB_INT(next), DB_STR(title), DB_STR(description), DB_STR(contact)},
                           5, &r);
    if (st != DB_OK || (st = db_exec(d, &q_latest, a, (db_param[]){DB_INT(next), DB_INT(id)}, 2, NULL)) != DB_OK)
        return st;
    *requirement_id = (long long)r.insert_id;
    delivery_step s = {.type = first ? "requirement_submitted" : "requirement_updated",
                       .who = ACTOR_BUYER,
                       .from = status,
                       .to = "pending_confirmation",
                       .version = next,
                       .note = title,
                       .detail = arena_printf(a, "version %lld", next)};
    bool moved;
    if ((st = delivery_apply(d, a, row, &s, &moved, NULL)) != DB_OK)
        return st;
    *version = next;
    return DB_OK;
}

enum { DUE_NO, DUE_USER, DUE__MAX };
enum { STILL_DUE, STILL__MAX };
/* an open appeal stops the clock: the admin decides instead */
static db_stmt q_still_due = DB_STMT("delivery_still_due", 2, STILL__MAX,
    "SELECT submitted_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY AND appeal_open = 0 FROM deliveries WHERE id = ?");
static db_stmt q_due = DB_STMT("deliveries_due", 1, DUE__MAX,
    "SELECT delivery_no, user_id FROM deliveries WHERE status = 'pending_acceptance' AND appeal_open = 0 "
    "AND submitted_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY ORDER BY submitted_at LIMIT 200");

typedef struct auto_accept {
    db *d;
    arena *a;
    const char *no;
    long long user_id;
    int days;
    bool done;
} auto_accept;

static db_status auto_accept_txn(void *data, bool *commit)
{
    auto_accept *w = data;
    (void)commit;
    db_result row;
    bool found;
    w->done = false;
    db_status st = shop_lock_buyer(w->d, w->a, w->user_id, NULL);
    if (st != DB_OK || (st = delivery_lock(w->d, w->a, w->no, w->user_id, 0, &row, &found)) != DB_OK || !found)
        return st;
    /* under the lock: not rejected and submitted again, nor appealed, since it was picked */
    db_result due;
    if ((st = db_exec(w->d, &q_still_due, w->a, (db_param[]){DB_INT(w->days), DB_INT(db_int(&row, 0, DL_ID))}, 2,
                      &due)) != DB_OK ||
        db_int(&due, 0, STILL_DUE) != 1)
        return st;
    delivery_step s = {.type = "completed",
                       .who = ACTOR_SYSTEM,
                       .from = "pending_acceptance",
                       .to = "completed",
                       .note = arena_printf(w->a, "accepted automatically after %d days", w->days),
                       .detail = "auto"};
    if ((st = delivery_apply(w->d, w->a, &row, &s, &w->done, NULL)) != DB_OK || !w->done)
        return st;
    return db_exec(w->d, &q_auto_accepted, w->a, (db_param[]){DB_INT(db_int(&row, 0, DL_ID))}, 1, NULL);
}

int delivery_auto_accept(db *d, arena *a, int days)
{
    db_result r;
    if (db_exec(d, &q_due, a, (db_param[]){DB_INT(days)}, 1, &r) != DB_OK)
        return -1;
    int done = 0;
    for (size_t i = 0; i < r.nrows; i++) {
        auto_accept w = {d, a, db_str(&r, i, DUE_NO), db_int(&r, i, DUE_USER), days, false};
        if (db_txn(d, auto_accept_txn, &w) != DB_OK)
            return -1;
        done += w.done;
    }
    return done;
}
