/* mp-pool: the pool master, or (as the master execs it) a worker. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <mysql.h>

#include "../handlers/handlers.h"
#include "config.h"
#include "log.h"
#include "pool.h"
#include "scheduler.h"
#include "worker.h"
#include "xml.h"

static void usage(void)
{
    fprintf(stderr, "usage: mp-pool [-c config-file]\n"
                    "       mp-pool --check [-c config-file]   load views and routes, then exit\n"
                    "Settings come from the file and from MP_* environment variables (see README).\n");
}

static char *self_path(const char *argv0)
{
    static char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    if (n <= 0)
        return (char *)argv0;
    buf[n] = '\0';
    return buf;
}

int main(int argc, char **argv)
{
    const char *config_path = getenv("MP_CONFIG");
    const char *mode = NULL;
    int listen_fd = -1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
            config_path = argv[++i];
        } else if (strcmp(argv[i], "--worker") == 0 && i + 1 < argc) {
            mode = "worker";
            listen_fd = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--scheduler") == 0 && i + 1 < argc) {
            mode = "scheduler";
            i++; /* the master passes its socket; the scheduler does not serve it */
        } else if (strcmp(argv[i], "--check") == 0) {
            mode = "check";
        } else {
            usage();
            return 2;
        }
    }
    config cfg;
    char err[512];
    if (config_load(&cfg, config_path, err, sizeof(err)) != 0) {
        fprintf(stderr, "mp-pool: %s\n", err);
        return 2;
    }

    if (!mode) {
        log_set_name("mp-pool");
        return pool_run(&cfg, self_path(argv[0]), config_path);
    }

    log_set_name(strcmp(mode, "worker") == 0      ? "mp-worker"
                 : strcmp(mode, "scheduler") == 0 ? "mp-scheduler"
                                                  : "mp-check");
    if (strcmp(mode, "check") != 0)
        prctl(PR_SET_PDEATHSIG, SIGTERM); /* never outlive the master */
    /* a worker's libxml2 memory: one region per request (see xml.h) */
    if (strcmp(mode, "worker") == 0)
        xml_mem_init(0, 0);
    xmlInitParser();
    mysql_library_init(0, NULL, NULL);
    if (strcmp(mode, "scheduler") == 0) {
        prctl(PR_SET_NAME, "mp-scheduler");
        int rc = scheduler_run(&cfg, mp_sweeps, mp_nsweeps);
        mysql_library_end();
        return rc;
    }
    worker w;
    if (worker_init(&w, &cfg, mp_routes, mp_nroutes, err, sizeof(err)) != 0) {
        log_error("cannot start: %s", err);
        return 3;
    }
    int rc = 0;
    if (strcmp(mode, "worker") == 0) {
        /* ps shows "mp-worker" once the views and routes are loaded: until
         * then a child is still "mp-pool" (and a reload's new worker that
         * finds a broken stylesheet exits before it is ever named) */
        prctl(PR_SET_NAME, "mp-worker");
        rc = worker_run(&w, listen_fd);
    }
    worker_free(&w);
    mysql_library_end();
    return rc;
}
