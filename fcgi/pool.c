/* Pool master: socket, worker processes, the scheduler process, signals. */
#include "pool.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#define POOL_MAX 1100      /* two generations of the largest pool, plus schedulers */
#define POOL_STOP_GRACE 30 /* seconds in-flight requests get on SIGTERM */

typedef enum { KIND_WORKER, KIND_SCHEDULER } child_kind;

typedef struct child {
    pid_t pid;
    child_kind kind;
    unsigned generation;
    time_t started;
} child;

/* The master's signals stay blocked and are taken with sigtimedwait; the
 * handler only makes sure SIGCHLD is queued rather than discarded. */
static void on_signal(int sig)
{
    (void)sig;
}

static bool is_loopback(const struct in_addr *a)
{
    return (ntohl(a->s_addr) >> 24) == 127;
}

int pool_listen(const config *cfg, char *err, size_t errlen)
{
    int fd = -1;
    if (strncmp(cfg->listen, "unix:", 5) == 0) {
        const char *path = cfg->listen + 5;
        struct sockaddr_un sa = {.sun_family = AF_UNIX};
        if (strlen(path) >= sizeof(sa.sun_path)) {
            snprintf(err, errlen, "listen: socket path longer than %zu bytes", sizeof(sa.sun_path) - 1);
            return -1;
        }
        strcpy(sa.sun_path, path);
        fd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (fd < 0)
            goto fail;
        unlink(path);
        /* 0660 from the start: nobody but the owner and nginx's group may
         * ever connect, not even between bind and chmod */
        mode_t old = umask(0117);
        int rc = bind(fd, (struct sockaddr *)&sa, sizeof(sa));
        umask(old);
        if (rc != 0)
            goto fail;
        if (cfg->listen_group[0] && geteuid() == 0) {
            struct group *g = getgrnam(cfg->listen_group);
            if (!g) {
                snprintf(err, errlen, "listen_group: no group \"%s\"", cfg->listen_group);
                close(fd);
                return -1;
            }
            if (chown(path, (uid_t)-1, g->gr_gid) != 0)
                goto fail;
        }
    } else {
        char host[64];
        const char *colon = strrchr(cfg->listen, ':');
        if (!colon || (size_t)(colon - cfg->listen) >= sizeof(host)) {
            snprintf(err, errlen, "listen: expected unix:/path or 127.0.0.1:port");
            return -1;
        }
        memcpy(host, cfg->listen, (size_t)(colon - cfg->listen));
        host[colon - cfg->listen] = '\0';
        struct sockaddr_in sa = {.sin_family = AF_INET};
        int port = atoi(colon + 1);
        if (inet_pton(AF_INET, host, &sa.sin_addr) != 1 || port <= 0 || port > 65535) {
            snprintf(err, errlen, "listen: \"%s\" is not an IPv4 address and port", cfg->listen);
            return -1;
        }
        /* libfcgi's record parser must only ever hear nginx */
        if (!is_loopback(&sa.sin_addr)) {
            snprintf(err, errlen, "listen: %s is not a loopback address; use a unix socket or 127.0.0.1", host);
            return -1;
        }
        sa.sin_port = htons((uint16_t)port);
        fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            goto fail;
        int on = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
        if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0)
            goto fail;
    }
    if (listen(fd, 256) != 0)
        goto fail;
    /* workers ppoll, then accept; whoever loses the race gets EAGAIN */
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
fail:
    snprintf(err, errlen, "listen %s: %s", cfg->listen, strerror(errno));
    if (fd >= 0)
        close(fd);
    return -1;
}

static pid_t spawn(const char *self, const char *config_path, const char *mode, int listen_fd)
{
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    char fdarg[16];
    snprintf(fdarg, sizeof(fdarg), "%d", listen_fd);
    if (config_path)
        execl(self, self, mode, fdarg, "-c", config_path, (char *)NULL);
    else
        execl(self, self, mode, fdarg, (char *)NULL);
    log_error("exec %s: %s", self, strerror(errno));
    _exit(127);
}

static int check_new_code(const char *self, const char *config_path)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (config_path)
            execl(self, self, "--check", "-c", config_path, (char *)NULL);
        else
            execl(self, self, "--check", (char *)NULL);
        _exit(127);
    }
    int status = 1;
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* The worker count a reload brings: `workers` as the file and environment
 * say now (the new generation is spawned at that size, the old one drains
 * and exits), or the current count when the configuration no longer loads.
 * The rest of the master's settings (listen, pid_file) need a restart. */
static int reload_workers(const char *config_path, int current)
{
    config fresh;
    char err[256];
    if (config_load(&fresh, config_path, err, sizeof(err)) != 0) {
        log_error("reload: %s; keeping %d workers", err, current);
        return current;
    }
    if (fresh.workers != current)
        log_info("reload: workers %d -> %d", current, fresh.workers);
    if (getenv("MP_WORKERS"))
        log_info("reload: workers comes from MP_WORKERS in the environment, not the file");
    return fresh.workers;
}

int pool_run(const config *cfg, const char *self, const char *config_path)
{
    char err[256];
    int fd = pool_listen(cfg, err, sizeof(err));
    if (fd < 0) {
        log_error("%s", err);
        return 1;
    }
    if (cfg->pid_file[0]) {
        FILE *f = fopen(cfg->pid_file, "w");
        if (f) {
            fprintf(f, "%d\n", (int)getpid());
            fclose(f);
        }
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGCHLD, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGHUP);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, NULL);

    static child kids[POOL_MAX + 1];
    size_t nkids = 0;
    unsigned generation = 1;
    int nworkers = cfg->workers;
    for (int i = 0; i < nworkers; i++)
        kids[nkids++] = (child){spawn(self, config_path, "--worker", fd), KIND_WORKER, generation, time(NULL)};
    kids[nkids++] = (child){spawn(self, config_path, "--scheduler", fd), KIND_SCHEDULER, generation, time(NULL)};
    log_info("pool listening on %s with %d workers", cfg->listen, nworkers);

    time_t respawn_not_before = 0;
    bool got_hup = false;
    for (;;) {
        struct timespec tick = {1, 0};
        int sig = sigtimedwait(&block, NULL, &tick);
        if (sig == SIGTERM || sig == SIGINT)
            break;
        if (sig == SIGHUP)
            got_hup = true;

        int status;
        pid_t pid;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
            for (size_t i = 0; i < nkids; i++) {
                if (kids[i].pid != pid)
                    continue;
                bool current = kids[i].generation == generation;
                if (current)
                    log_error("%s %d exited (%s %d); replacing it",
                              kids[i].kind == KIND_WORKER ? "worker" : "scheduler", (int)pid,
                              WIFSIGNALED(status) ? "signal" : "status",
                              WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
                if (current && time(NULL) - kids[i].started < 1)
                    respawn_not_before = time(NULL) + 1; /* dying at start: do not spin */
                kids[i].pid = current ? 0 : -1;
                break;
            }
        }
        /* forget the old generation's children once they are gone */
        size_t keep = 0;
        for (size_t i = 0; i < nkids; i++)
            if (kids[i].pid != -1)
                kids[keep++] = kids[i];
        nkids = keep;

        if (got_hup) {
            got_hup = false;
            if (check_new_code(self, config_path) != 0) {
                log_error("reload refused: the new code or stylesheets do not load; old workers keep serving");
            } else {
                int want = reload_workers(config_path, nworkers);
                if (nkids + (size_t)want + 1 > POOL_MAX) {
                    log_error("reload refused: older generations are still finishing their requests; "
                              "send SIGHUP again in a moment");
                    continue;
                }
                nworkers = want;
                generation++;
                size_t old = nkids;
                for (int i = 0; i < nworkers && nkids < POOL_MAX; i++)
                    kids[nkids++] = (child){spawn(self, config_path, "--worker", fd), KIND_WORKER, generation,
                                            time(NULL)};
                kids[nkids++] = (child){spawn(self, config_path, "--scheduler", fd), KIND_SCHEDULER, generation,
                                        time(NULL)};
                /* old workers finish what they are serving, then exit */
                for (size_t i = 0; i < old; i++)
                    if (kids[i].pid > 0)
                        kill(kids[i].pid, SIGTERM);
                    else if (kids[i].pid == 0)
                        kids[i].pid = -1;
                log_info("reloaded: generation %u with %d workers", generation, nworkers);
            }
        }
        if (time(NULL) >= respawn_not_before)
            for (size_t i = 0; i < nkids; i++)
                if (kids[i].pid == 0 && kids[i].generation == generation) {
                    kids[i].pid = spawn(self, config_path, kids[i].kind == KIND_WORKER ? "--worker" : "--scheduler",
                                        fd);
                    kids[i].started = time(NULL);
                }
    }

    log_info("stopping: waiting for in-flight requests");
    for (size_t i = 0; i < nkids; i++)
        if (kids[i].pid > 0)
            kill(kids[i].pid, SIGTERM);
    time_t deadline = time(NULL) + POOL_STOP_GRACE;
    size_t alive = nkids;
    while (alive > 0) {
        int status;
        pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid < 0 && errno == ECHILD)
            break;
        if (pid > 0) {
            alive--;
            continue;
        }
        if (time(NULL) > deadline) {
            for (size_t i = 0; i < nkids; i++)
                if (kids[i].pid > 0)
                    kill(kids[i].pid, SIGKILL);
            deadline = time(NULL) + 5;
        }
        struct timespec ts = {0, 50 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    if (strncmp(cfg->listen, "unix:", 5) == 0)
        unlink(cfg->listen + 5);
    if (cfg->pid_file[0])
        unlink(cfg->pid_file);
    close(fd);
    log_info("stopped");
    return 0;
}
