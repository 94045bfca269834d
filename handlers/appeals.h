/* Appeals (申诉): the buyer asks the platform to step into a delivery
 * whose vendor has left a step idle for more than APPEAL_IDLE_DAYS days,
 * or whose work the buyer has rejected APPEAL_REJECTIONS times. An open
 * appeal freezes the delivery (delivery_frozen) until an admin decides:
 * continue, complete or refund. Every function runs inside the caller's
 * db_txn on a delivery locked by delivery_lock, its buyer locked first. */
#ifndef MP_APPEALS_H
#define MP_APPEALS_H

#include "../fcgi/ctx.h"
#include "delivery.h"
#include "refund.h"

#define APPEAL_IDLE_DAYS 5
#define APPEAL_REJECTIONS 3
#define APPEAL_REASON_MAX 2000

typedef enum {
    APPEAL_IDLE,         /* may appeal: the vendor's step has been idle too long */
    APPEAL_REJECTED,     /* may appeal: rejected APPEAL_REJECTIONS times (since the last appeal) */
    APPEAL_FINISHED,     /* completed or closed: nothing left to appeal */
    APPEAL_ALREADY_OPEN, /* one is open */
    APPEAL_TOO_EARLY,    /* neither ground holds yet */
} appeal_grounds;

static inline bool appeal_allowed(appeal_grounds g)
{
    return g == APPEAL_IDLE || g == APPEAL_REJECTED;
}

/* Whether the delivery may be appealed now. *idle_from (may be NULL) is
 * when it may on the idle ground (UTC text), for a delivery waiting on its
 * vendor; NULL otherwise. Read under the delivery's lock when the answer
 * decides a write. */
db_status appeal_check(db *d, arena *a, long long delivery_id, appeal_grounds *g, const char **idle_from);

/* Opens an appeal on grounds g (appeal_allowed) with the buyer's reason:
 * the appeal row, the freeze, the history row "appealed" and the event
 * delivery.appealed. */
db_status appeal_open(db *d, arena *a, const db_result *row, appeal_grounds g, const char *reason);

typedef struct appeal_decision {
    const char *decision; /* "continue", "complete" or "refund" */
    actor who;            /* ACTOR_ADMIN; a refund from elsewhere: its own */
    const char *admin;    /* the admin's name, or NULL */
    const char *note;
    const char *status; /* the delivery's state now (its row may be older) */
} appeal_decision;

/* Decides the delivery's open appeal: the appeal row, the end of the
 * freeze, the history row "appeal_decided" and the event
 * delivery.appeal_decided ("<decision>: <note>"). *settled is false, and
 * nothing changed, when no appeal is open. */
db_status appeal_settle(db *d, arena *a, const db_result *row, const appeal_decision *dec, bool *settled);

/* An admin's decision on the open appeal of the delivery numbered no, and
 * everything it does: continue (the delivery goes on where it was; a
 * delivery pending acceptance gets its full acceptance period again),
 * complete (the admin completes it) or refund (refund_apply: the rest of
 * the order, which ends the instance and closes the delivery). Locks the
 * buyer, then the delivery. */
typedef enum {
    DECIDE_DONE,
    DECIDE_NO_DELIVERY,
    DECIDE_NOT_OPEN,      /* no open appeal (decided already): nothing changed */
    DECIDE_REFUND_REFUSED /* refund_apply refused (see refund): the caller rolls back */
} decide_outcome;

typedef struct appeal_decide_result {
    decide_outcome outcome;
    long long delivery_id;
    const char *status_before, *status_after;
    long long appeal_id;
    refund_result refund; /* for a refund */
} appeal_decide_result;

db_status appeal_decide(db *d, arena *a, const char *no, const appeal_decision *dec, const char *idem,
                        appeal_decide_result *out);

/* <appeals><appeal id status grounds created decided decision
 * [decided-by refund-no]><reason/><note/></appeal>…</appeals> under
 * parent, newest first; admin adds who decided and the refund. */
db_status appeals_model(ctx *c, xmlNodePtr parent, long long delivery_id, bool admin);

/* Sets the delivery page's offer: @can-appeal ("idle" or "rejections")
 * when the buyer may appeal now, else @appeal-from (when the idle ground
 * will hold) where it applies. */
db_status appeal_offer_model(ctx *c, xmlNodePtr delivery, long long delivery_id);

#endif
