/* The pool master: binds the FastCGI socket, pre-forks workers (each a fresh
 * exec of the binary, so SIGHUP loads new code and stylesheets), replaces
 * workers that die, and stops gracefully on SIGTERM. */
#ifndef MP_POOL_H
#define MP_POOL_H

#include "config.h"

/* Opens the listening socket described by cfg->listen. -1 with err set. */
int pool_listen(const config *cfg, char *err, size_t errlen);

/* Runs the master until SIGTERM/SIGINT. self is the path of this binary,
 * config_path the file workers are to read (or NULL). */
int pool_run(const config *cfg, const char *self, const char *config_path);

#endif
