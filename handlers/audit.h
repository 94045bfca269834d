/* The admins' audit log: one row per admin write, appended inside the
 * write's own transaction (db_txn), so a write and its row commit or roll
 * back together. Rows are append-only (sql/008_admin_audit.sql). */
#ifndef MP_AUDIT_H
#define MP_AUDIT_H

#include "../fcgi/db.h"

/* Who acted: the admin's name and address (and the request's id). */
typedef struct audit_who {
    const char *admin; /* nginx's authenticated name; "cli:<user>" for mp-admin */
    const char *ip;
    const char *request_id;
} audit_who;

typedef struct audit_entry {
    const char *action;      /* "vendor.suspend", "order.refund", … */
    const char *target_type; /* "vendor", "order", … */
    const char *target_ref;  /* its slug, number or id */
    const char *before;      /* "field: value" lines (audit_fields); NULL or "" for none */
    const char *after;
    const char *reason; /* NULL: none */
} audit_entry;

db_status audit_add(db *d, arena *a, const audit_who *who, const audit_entry *e);

/* "name: value" lines from name, value pairs ended by a NULL name; a NULL
 * value is written as "-". */
const char *audit_fields(arena *a, ...) __attribute__((sentinel));

/* The same lines from one result row: names[i] names column i (NULL:
 * left out); ncols columns. */
const char *audit_row(arena *a, const db_result *r, size_t row, const char *const *names, unsigned ncols);

#endif
