/* Scheduler loop: sweeps on an interval, each under a lease row, SIGTERM stops. */
#include "scheduler.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

/* A sweep's lease (sql/015_sweep_lease.sql): one conditional UPDATE in
 * autocommit takes it when it has expired, or renews it for its holder;
 * one row affected means this scheduler holds it. The holder renews it
 * every round, so a sweep runs on one host at a time and once per round;
 * when the holder dies, another host takes over once the lease expires. */
static db_stmt q_lease_row = DB_STMT("sweep_lease_row", 1, 0, "INSERT IGNORE INTO sweep_lease (name) VALUES (?)");
static db_stmt q_lease = DB_STMT("sweep_lease", 4, 0,
    "UPDATE sweep_lease SET owner = ?, expires_at = UTC_TIMESTAMP(6) + INTERVAL ? SECOND "
    "WHERE name = ? AND (expires_at < UTC_TIMESTAMP(6) OR owner = ?)");
static db_stmt q_release = DB_STMT("sweep_lease_release", 1, 0,
    "UPDATE sweep_lease SET expires_at = '1970-01-01 00:00:00' WHERE owner = ?");

/* A lease lasts three rounds and a margin: the holder renews it long
 * before, even when a round is slowed down (a database failover stalls
 * writes for some seconds). */
#define LEASE_ROUNDS 3
#define LEASE_MARGIN_S 5

/* Every sweep has its lease row (a sweep newer than the migrations). */
static bool lease_rows(db *d, arena *a, const sweep *sweeps, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (db_exec(d, &q_lease_row, a, (db_param[]){DB_STR(sweeps[i].name)}, 1, NULL) != DB_OK)
            return false;
    return true;
}

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

    /* unique across pool hosts: the host's name and this process */
    char host[64] = "";
    if (gethostname(host, sizeof(host)) != 0)
        host[0] = '\0';
    host[sizeof(host) - 1] = '\0';
    char owner[96];
    snprintf(owner, sizeof(owner), "%s:%d", host[0] ? host : "localhost", (int)getpid());
    long long lease_s = (long long)cfg->sweep_interval * LEASE_ROUNDS + LEASE_MARGIN_S;

    db d;
    db_init(&d, cfg);
    arena a;
    arena_init(&a, 0);
    bool rows = false;
    for (;;) {
        if (!rows)
            rows = lease_rows(&d, &a, sweeps, n);
        for (size_t i = 0; rows && i < n; i++) {
            db_result r;
            if (db_exec(&d, &q_lease, &a,
                        (db_param[]){DB_STR(owner), DB_INT(lease_s), DB_STR(sweeps[i].name), DB_STR(owner)}, 4,
                        &r) != DB_OK)
                break; /* database down: try again next round */
            if (r.affected != 1)
                continue; /* another host holds it */
            int done = sweeps[i].run(&d, &a, cfg, &keys);
            if (d.in_txn)
                db_rollback(&d);
            if (done > 0)
                log_info("sweep %s: %d", sweeps[i].name, done);
            arena_reset(&a);
        }
        arena_reset(&a);
        struct timespec wait = {cfg->sweep_interval, 0};
        int sig = sigtimedwait(&stop, NULL, &wait);
        if (sig == SIGTERM || sig == SIGINT)
            break;
    }
    /* another host need not wait for them to expire */
    db_exec(&d, &q_release, &a, (db_param[]){DB_STR(owner)}, 1, NULL);
    db_close(&d);
    arena_free(&a);
    return 0;
}
