/* Purges the scheduler runs besides those in sweeps.c: partner nonces past
 * the clock window. */
#include "../fcgi/signing.h"
#include "handlers.h"

#define PURGE_BATCH 500  /* rows per DELETE: each is its own short transaction */
#define PURGE_BATCHES 20 /* DELETEs per sweep; what is left waits for the next */
#define PURGE_STR_(x) #x
#define PURGE_STR(x) PURGE_STR_(x)

/* A nonce is refused as replayed only while a request carrying it could
 * still pass the clock check. Its timestamp may run SIGN_SKEW ahead of the
 * server when it is stored and is accepted until SIGN_SKEW behind, so the
 * row must outlive its insertion by twice the skew; after that the stale
 * timestamp alone refuses a replay. On its created_at index. */
static db_stmt q_purge_nonces = DB_STMT("purge_nonces", 1, 0,
    "DELETE FROM partner_nonces WHERE created_at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND LIMIT " PURGE_STR(PURGE_BATCH));

int purge_partner_nonces(db *d, arena *a, const config *cfg, const crypto_keys *keys)
{
    (void)cfg;
    (void)keys;
    int done = 0;
    for (int i = 0; i < PURGE_BATCHES; i++) {
        db_result r;
        /* a minute's margin for clocks of pool hosts that differ from the database's */
        if (db_exec(d, &q_purge_nonces, a, (db_param[]){DB_INT(2 * SIGN_SKEW + 60)}, 1, &r) != DB_OK)
            return -1;
        done += (int)r.affected;
        if (r.affected < PURGE_BATCH)
            break;
    }
    return done;
}
