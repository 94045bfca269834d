/* What buying does to the database, shared by the order, payment, instance
 * and scheduler flows: display numbers, events, the ledger, fulfilment. */
#ifndef MP_COMMERCE_H
#define MP_COMMERCE_H

#include "../fcgi/db.h"
#include "money.h"

typedef enum { ACTOR_BUYER, ACTOR_VENDOR, ACTOR_ADMIN, ACTOR_SYSTEM, ACTOR_GATEWAY } actor;
const char *shop_actor_name(actor who);

/* An event, appended inside the caller's transaction (db_txn). It is
 * written just before COMMIT, numbered by its vendor's sequence (step 3 of
 * the lock order), so its vendor's feed is gap-free in commit order.
 * Ids of 0 are NULL. */
typedef struct shop_event {
    long long vendor_id;
    const char *type; /* "order.paid", "instance.created", … */
    actor who;
    long long user_id, order_id, instance_id, payment_id, delivery_id;
    const char *detail;
} shop_event;

db_status shop_event_add(db *d, arena *a, const shop_event *e);
/* Characters of an event's detail (events.detail); a longer note is kept
 * whole in its own history row and shortened in the event. */
#define SHOP_DETAIL_MAX 500

/* "20261124" + 10 random digits (orders, payments). NULL if the RNG fails. */
char *shop_number(arena *a);
/* prefix + "-" + 10 random lowercase letters and digits ("ins", "dlv"). */
char *shop_code_number(arena *a, const char *prefix);
#define shop_instance_number(a) shop_code_number(a, "ins")

/* Changes a balance by delta inside the caller's transaction and writes
 * the ledger row. DB_OK with *applied false when a debit would go below
 * zero (nothing changed). */
db_status shop_balance_change(db *d, arena *a, long long user_id, long long delta, const char *kind,
                              long long payment_id, long long order_id, bool *applied);

/* Gives the buyer an open id with the vendor (random, stable, never the
 * internal id) unless they have one. */
db_status shop_open_id_ensure(db *d, arena *a, long long vendor_id, long long user_id);

/* Marks an unpaid order paid and delivers it: a new order creates its
 * instance, a renewal extends one. *paid is false (and nothing changed)
 * when the order was not unpaid any more. Inside the caller's transaction. */
db_status shop_order_paid(db *d, arena *a, long long order_id, const char *method, long long payment_id, actor who,
                          bool *paid);

/* Step 1 of the lock order (db.h): locks the buyer's row for the rest of
 * the transaction and reads the balance (balance may be NULL). Every
 * transaction that changes a buyer's orders, payments, instances or money
 * begins with it. */
db_status shop_lock_buyer(db *d, arena *a, long long user_id, long long *balance);

#endif
