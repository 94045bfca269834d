/* Appends admin actions to the audit log. */
#include "audit.h"

#include <stdarg.h>
#include <string.h>

#include "../fcgi/text.h"

/* what a column holds, and what is kept of a longer value */
/* characters: at most 4 bytes each in a TEXT column of 65,535 bytes */
#define AUDIT_TEXT_MAX 16000
#define AUDIT_REASON_MAX 500

static db_stmt q_audit = DB_STMT("audit_insert", 9, 0,
    "INSERT INTO audit_log (admin_user, ip, request_id, action, target_type, target_ref, before_text, after_text, "
    "reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))");

static const char *fit(arena *a, const char *s, size_t max)
{
    if (!s)
        return "";
    return strlen(s) > max ? text_utf8_prefix(a, s, max) : s;
}

db_status audit_add(db *d, arena *a, const audit_who *who, const audit_entry *e)
{
    return db_exec(d, &q_audit, a,
                   (db_param[]){DB_STR(fit(a, who->admin, 64)), DB_STR(fit(a, who->ip, 45)),
                                DB_STR(fit(a, who->request_id, 64)), DB_STR(e->action), DB_STR(e->target_type),
                                DB_STR(fit(a, e->target_ref, 64)), DB_STR(fit(a, e->before, AUDIT_TEXT_MAX)),
                                DB_STR(fit(a, e->after, AUDIT_TEXT_MAX)), DB_STR(fit(a, e->reason, AUDIT_REASON_MAX))},
                   9, NULL);
}

static const char *add_line(arena *a, const char *text, const char *name, const char *value)
{
    return arena_printf(a, "%s%s%s: %s", text, *text ? "\n" : "", name, value ? value : "-");
}

const char *audit_fields(arena *a, ...)
{
    va_list ap;
    va_start(ap, a);
    const char *text = "";
    for (const char *name; (name = va_arg(ap, const char *));) {
        const char *value = va_arg(ap, const char *);
        text = add_line(a, text, name, value);
    }
    va_end(ap);
    return text;
}

const char *audit_row(arena *a, const db_result *r, size_t row, const char *const *names, unsigned ncols)
{
    const char *text = "";
    for (unsigned i = 0; i < ncols && i < r->ncols; i++)
        if (names[i])
            text = add_line(a, text, names[i], db_str(r, row, i));
    return text;
}
