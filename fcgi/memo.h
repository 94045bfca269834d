/* Results of read-only statements a worker keeps between requests while a
 * version the caller names stays the same (the catalog version, bumped in
 * the same transaction as every catalog change). A fixed table of slots,
 * each holding one statement's result for one set of parameters; a newer
 * version or another key in the same slot replaces it. */
#ifndef MP_MEMO_H
#define MP_MEMO_H

#include "db.h"

enum {
    MEMO_SLOTS = 512,
    MEMO_MAX_BYTES = 64 * 1024 /* larger results are not kept */
};

/* s's result for params p under version: from the table when kept (a copy
 * in arena a), else from the database through db_exec, then kept. */
db_status memo_exec(db *d, const char *version, db_stmt *s, arena *a, const db_param *p, size_t np, db_result *out);

#endif
