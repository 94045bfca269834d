/* Refunds (退款): money back to the buyer's balance for a paid order, in
 * full or in part, exactly once per form. Shared by the admin's refund,
 * the buyer's own refund within the window, and an appeal decided for the
 * buyer. Runs inside the caller's db_txn, which it begins with the lock
 * order's first steps: the buyer's row, then the order's. */
#ifndef MP_REFUND_H
#define MP_REFUND_H

#include "commerce.h"

#define REFUND_REASON_MAX 500

typedef enum {
    REFUND_DONE,     /* refunded now */
    REFUND_REPEAT,   /* this form (idem) was refunded before: nothing more */
    REFUND_NOT_PAID, /* the order is not paid (unpaid, cancelled or refunded in full) */
    REFUND_TOO_MUCH, /* more than what is left to refund */
    REFUND_NO_ORDER,
} refund_outcome;

typedef struct refund_request {
    long long order_id;
    long long cents; /* 0: all that is not refunded yet */
    const char *reason;
    actor who;         /* ACTOR_BUYER, ACTOR_ADMIN or ACTOR_SYSTEM */
    const char *admin; /* the admin's name, or NULL */
    const char *idem;  /* 32 hex digits from the form */
} refund_request;

typedef struct refund_result {
    refund_outcome outcome;
    const char *refund_no;
    long long cents; /* refunded now (or before, for REFUND_REPEAT) */
    bool full;       /* the order is now refunded in full */
    const char *order_no;
    long long user_id, vendor_id;
    long long refunded_before; /* cents refunded before this one */
    const char *status_before;
} refund_result;

/* A full refund ends the service: a new order's instance expires now; a
 * renewal's takes its months back (expired if nothing is left); an open
 * delivery is closed. A partial refund leaves the service as it is. The
 * buyer's balance gets a ledger credit; the vendor gets order.refunded
 * (and instance.expired, delivery.closed, or instance.shortened for a
 * renewal whose earlier months stay). Nothing is written unless the
 * outcome is REFUND_DONE; the caller re-checks its own rules (a buyer's
 * window) under the same locks before it calls this. */
db_status refund_apply(db *d, arena *a, const refund_request *rq, refund_result *out);

#endif
