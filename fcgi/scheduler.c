/* Scheduler loop: sweeps on an interval, GET_LOCK per sweep, SIGTERM stops. */
#include "scheduler.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "log.h"

enum { LOCK_GOT, LOCK__MAX };
static db_stmt q_lock = DB_STMT("sweep_lock", 1, LOCK__MAX, "SELECT GET_LOCK(?, 0)");
static db_stmt q_unlock = DB_STMT("sweep_unlock", 1, LOCK__MAX, "SELECT RELEASE_LOCK(?)");

int scheduler_run(const config *cfg, const sweep *sweeps, size_t n)
{
    crypto_keys keys;
    if (crypto_keys_init(&keys, cfg->secret_key) != 0) {
        log_error("scheduler: secret_key must be 64 hex digits");
        return 3;
    }
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    sigprocmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGHUP, SIG_IGN);

    db d;
    db_init(&d, cfg);
    arena a;
    arena_init(&a, 0);
    for (;;) {
        for (size_t i = 0; i < n; i++) {
            char name[96];
            snprintf(name, sizeof(name), "mp-sweep-%s", sweeps[i].name);
            db_result r;
            if (db_exec(&d, &q_lock, &a, (db_param[]){DB_STR(name)}, 1, &r) != DB_OK)
                break; /* database down: try again next round */
            if (r.nrows != 1 || db_int(&r, 0, LOCK_GOT) != 1)
                continue; /* another host is running it */
            int done = sweeps[i].run(&d, &a, cfg, &keys);
            if (d.in_txn)
                db_rollback(&d);
            if (done > 0)
                log_info("sweep %s: %d", sweeps[i].name, done);
            db_exec(&d, &q_unlock, &a, (db_param[]){DB_STR(name)}, 1, &r);
            arena_reset(&a);
        }
        arena_reset(&a);
        struct timespec wait = {cfg->sweep_interval, 0};
        int sig = sigtimedwait(&stop, NULL, &wait);
        if (sig == SIGTERM || sig == SIGINT)
            break;
    }
    db_close(&d);
    arena_free(&a);
    return 0;
}
