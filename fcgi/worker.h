/* A pool worker: loads views and routes once, then serves FastCGI requests
 * from the shared listening socket until told to stop. */
#ifndef MP_WORKER_H
#define MP_WORKER_H

#include "ctx.h"

/* Loads everything a worker holds for its life. 0, or -1 with err set. */
int worker_init(worker *w, const config *cfg, const route *routes, size_t nroutes, char *err, size_t errlen);
void worker_free(worker *w);

/* Serves until SIGTERM; returns the process exit status. */
int worker_run(worker *w, int listen_fd);

#endif
