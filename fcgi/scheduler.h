/* The scheduler process: runs the periodic sweeps, each under a lease row
 * in the database so that of several pool hosts one runs it each round. */
#ifndef MP_SCHEDULER_H
#define MP_SCHEDULER_H

#include "crypto.h"
#include "db.h"

typedef struct sweep {
    const char *name;
    /* Returns how many rows it handled, or -1 on a database failure. */
    int (*run)(db *d, arena *a, const config *cfg, const crypto_keys *keys);
} sweep;

/* Runs every sweep each cfg->sweep_interval seconds until SIGTERM. */
int scheduler_run(const config *cfg, const sweep *sweeps, size_t n);

#endif
