/* Worker loop: epoll (one worker woken per connection) on the listening
 * socket, or ppoll on the connection nginx keeps open; FastCGI via libfcgi;
 * one arena and one libxml2 region per request. */
#include "worker.h"

#include <errno.h>
#include <fcgiapp.h>
#include <libxml/catalog.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "dispatch.h"
#include "log.h"
#include "timefmt.h"
#include "xml.h"

static volatile sig_atomic_t worker_stop;

static void on_term(int sig)
{
    (void)sig;
    worker_stop = 1;
}

int worker_init(worker *w, const config *cfg, const route *routes, size_t nroutes, char *err, size_t errlen)
{
    memset(w, 0, sizeof(*w));
    w->cfg = *cfg;
    if (crypto_keys_init(&w->keys, cfg->secret_key) != 0) {
        snprintf(err, errlen, "secret_key must be 64 hex digits (openssl rand -hex 32)");
        return -1;
    }
    time_zone_use(cfg->time_zone);
    db_init(&w->db, &w->cfg);
    char dir[512];
    snprintf(dir, sizeof(dir), "%s/xslt", cfg->root);
    w->views = views_load(dir, err, errlen);
    if (!w->views)
        return -1;
    snprintf(dir, sizeof(dir), "%s/xslt/schemas", cfg->root);
    w->schemas = xmlin_load(dir, err, errlen);
    if (!w->schemas)
        return -1;
    /* nothing a request does resolves through the XML catalogs (no DTDs,
     * no document()): none is consulted from here on, so a catalog file
     * is never loaded lazily into a request's libxml2 region */
    xmlCatalogSetDefaults(XML_CATA_ALLOW_NONE);
    w->router = router_new(routes, nroutes, err, errlen);
    if (!w->router)
        return -1;
    w->routes = routes;
    w->nroutes = nroutes;
    for (size_t i = 0; i < nroutes; i++)
        if (routes[i].view && !views_find(w->views, routes[i].view)) {
            snprintf(err, errlen, "route %s: no stylesheet %s.xsl", routes[i].pattern, routes[i].view);
            return -1;
        }
    return 0;
}

void worker_free(worker *w)
{
    db_close(&w->db);
    router_free(w->router);
    views_free(w->views);
    xmlin_free(w->schemas);
    w->schemas = NULL;
    w->router = NULL;
    w->views = NULL;
}

static const char *reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 413:
        return "Payload Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

/* The body as the dispatcher reads it, once it knows the route takes one:
 * up to n bytes from nginx's FCGI_STDIN records, 0 at their end. */
static long read_stdin(void *state, char *buf, size_t n)
{
    FCGX_Stream *in = state;
    int want = n > 65536 ? 65536 : (int)n;
    int got = FCGX_GetStr(buf, want, in);
    if (got < 0 || (got == 0 && FCGX_GetError(in) != 0))
        return -1;
    return got;
}

static bool put_stream(void *out, const void *p, size_t n)
{
    for (size_t off = 0; off < n;) {
        int want = n - off > 65536 ? 65536 : (int)(n - off);
        if (FCGX_PutStr((const char *)p + off, want, out) != want)
            return false;
        off += (size_t)want;
    }
    return true;
}

static void serve(worker *w, FCGX_Request *fr, arena *a)
{
    ctx c;
    memset(&c, 0, sizeof(c));
    c.w = w;
    c.a = a;
    req_status st = req_from_env(&c.rq, a, fr->envp);
    log_set_request(c.rq.request_id);
    req_reader in = {read_stdin, fr->in};
    dispatch(&c, st, &in);

    /* libfcgi's own printf lacks %zu and friends: format here, write once */
    char *head = arena_printf(a, "Status: %d %s\r\n", c.status, reason(c.status));
    if (c.content_type)
        head = arena_printf(a, "%sContent-Type: %s\r\n", head, c.content_type);
    bool streamed = c.stream && c.status == 200 && !c.body;
    if (c.body || streamed)
        head = arena_printf(a, "%sContent-Length: %zu\r\n", head, streamed ? c.stream_len : c.body_len);
    for (header *h = c.headers; h; h = h->next)
        head = arena_printf(a, "%s%s: %s\r\n", head, h->name, h->value);
    FCGX_PutS(head, fr->out);
    FCGX_PutS("\r\n", fr->out);
    if (c.body && c.body_len && strcmp(c.rq.method, "HEAD") != 0)
        FCGX_PutStr(c.body, (int)c.body_len, fr->out);
    /* a download: chunk by chunk; one that fails midway ends short of its
     * Content-Length, so the client sees a broken transfer, never a file
     * that looks whole */
    if (streamed && strcmp(c.rq.method, "HEAD") != 0 && !c.stream(&c, put_stream, fr->out))
        log_error("%s: the download ended short of its length", c.rq.path);
    log_set_request(NULL);
}

int worker_run(worker *w, int listen_fd)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    /* SIGTERM is held while a request runs and let in only while waiting
     * in ppoll, so an in-flight request always finishes. */
    sigset_t block, waitmask;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigprocmask(SIG_BLOCK, &block, &waitmask);
    sigdelset(&waitmask, SIGTERM);
    sigdelset(&waitmask, SIGINT);

    if (FCGX_Init() != 0) {
        log_error("FCGX_Init failed");
        return 1;
    }
    FCGX_Request fr;
    FCGX_InitRequest(&fr, listen_fd, 0);
    arena a;
    arena_init(&a, 64 * 1024);
    /* the workers wait on one listening socket: with EPOLLEXCLUSIVE a new
     * connection wakes one of them, not all (the others would only find
     * it taken); ppoll where epoll cannot do that */
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event want = {.events = EPOLLIN | EPOLLEXCLUSIVE, .data.fd = listen_fd};
    if (ep >= 0 && epoll_ctl(ep, EPOLL_CTL_ADD, listen_fd, &want) != 0) {
        close(ep);
        ep = -1;
    }

    while (!worker_stop) {
        /* libfcgi keeps nginx's connection in ipcFd between requests when
         * nginx asked to keep it (fastcgi_keep_conn); wait on that one */
        int n;
        if (fr.ipcFd < 0 && ep >= 0) {
            struct epoll_event got;
            n = epoll_pwait(ep, &got, 1, -1, &waitmask);
        } else {
            struct pollfd pfd = {.fd = fr.ipcFd >= 0 ? fr.ipcFd : listen_fd, .events = POLLIN};
            n = ppoll(&pfd, 1, NULL, &waitmask);
        }
        if (n < 0) {
            if (errno != EINTR) {
                log_error("waiting for a request: %s", strerror(errno));
                break;
            }
            continue;
        }
        if (worker_stop)
            break;
        /* the listening socket is non-blocking: another worker may have
         * taken the connection, and then this fails with EAGAIN */
        if (FCGX_Accept_r(&fr) < 0)
            continue;
        xml_mem_begin();
        serve(w, &fr, &a);
        FCGX_Finish_r(&fr);
        arena_reset(&a); /* releases the request's documents, then */
        xml_mem_end();   /* their memory goes at once */
    }
    FCGX_Free(&fr, 1);
    arena_free(&a);
    if (ep >= 0)
        close(ep);
    return 0;
}
