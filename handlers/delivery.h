/* The delivery of a manual-delivery instance (交付): its state machine,
 * shared by the buyer's pages, the partner API and the scheduler. Every
 * function runs inside the caller's db_txn, after the caller has locked
 * the buyer (step 1 of the lock order); the delivery row is step 2. */
#ifndef MP_DELIVERY_H
#define MP_DELIVERY_H

#include "commerce.h"

#define DELIVERY_NOTE_MAX 2000

/* The delivery's row, locked (FOR UPDATE) for the rest of the transaction. */
enum {
    DL_ID,
    DL_NO,
    DL_USER,
    DL_VENDOR,
    DL_INSTANCE,
    DL_STATUS,
    DL_LATEST,
    DL_CONFIRMED,
    DL_APPEAL_OPEN,
    DL_APPEAL,
    DL_REJECTIONS,
    DL__MAX
};

/* Locks a delivery by number, scoped to a buyer (user_id) or to a vendor
 * (vendor_id); the other id is 0. *found false when there is none. */
db_status delivery_lock(db *d, arena *a, const char *no, long long user_id, long long vendor_id, db_result *row,
                        bool *found);

/* The buyer who owns a vendor's delivery (no lock): the partner API locks
 * that buyer first. 0 when there is no such delivery. vendor_id 0: any
 * vendor's (an admin's). */
db_status delivery_owner(db *d, arena *a, const char *no, long long vendor_id, long long *user_id);

/* Whether an open appeal (申诉) freezes the delivery of a locked row: then
 * no step moves it or edits its requirement but an admin's or a refund's
 * close; progress and admin notes are still recorded (appeals.h). */
bool delivery_frozen(const db_result *row);

/* Creates the delivery of a new manual instance (awaiting_requirement),
 * with its history row and delivery.created event. */
db_status delivery_create(db *d, arena *a, long long instance_id, long long user_id, long long vendor_id, actor who);

/* One step of a delivery locked by delivery_lock. Moves it from `from` to
 * `to` (to NULL: no change of state, a progress note), records the history
 * row (note, version) and appends the event "delivery.<type>" (detail:
 * detail, or the note). *moved is false, and nothing changed, when the
 * delivery is not in `from`, or when it is frozen (delivery_frozen) and
 * the step would move it. A close ("closed", a full refund) of a frozen
 * delivery settles its appeal too. *history_id (may be NULL) names the
 * new history row, for its attachments. */
typedef struct delivery_step {
    const char *type; /* requirement_submitted, confirmed, progress, … */
    actor who;
    const char *from, *to;
    long long version; /* 0: none */
    const char *note;
    const char *detail; /* the event's detail; NULL: the note */
    const char *key;    /* a vendor's key for its progress note; NULL: none */
} delivery_step;

db_status delivery_apply(db *d, arena *a, const db_result *row, const delivery_step *s, bool *moved,
                         long long *history_id);

/* The note recorded on the delivery under a vendor's key: *note is NULL
 * when there is none. */
db_status delivery_keyed_note(db *d, arena *a, long long delivery_id, const char *key, const char **note);

/* Records a step that moves nothing, whatever the state (an appeal, its
 * decision): its history row (from: s->from, to: none) and its event. */
db_status delivery_record(db *d, arena *a, const db_result *row, const delivery_step *s, long long *history_id);

/* A new requirement version from the buyer (awaiting_requirement or
 * pending_confirmation → pending_confirmation). *version is its number,
 * 0 when the delivery may not be edited any more. */
db_status delivery_requirement(db *d, arena *a, const db_result *row, const char *title, const char *description,
                               const char *contact, long long *version, long long *requirement_id);

/* The auto-accept sweep: deliveries waiting on the buyer for longer than
 * days are accepted (completed, marked auto), unless an open appeal
 * freezes them. Returns how many, -1 on a database error. */
int delivery_auto_accept(db *d, arena *a, int days);

#endif
