/* What the admin pages share: who is acting (for the audit log), keyset
 * lists with filters that survive paging, dates an admin types. */
#ifndef MP_ADMIN_H
#define MP_ADMIN_H

#include "../fcgi/ctx.h"
#include "audit.h"

#define ADMIN_PAGE 50 /* rows of an admin list */

/* The admin and address of this request, for audit_add. */
audit_who admin_who(const ctx *c);

/* A newest-first keyset list: *back is whether "before" was asked for;
 * the cursor bounds the ids (id < cursor, or id > cursor fetched oldest
 * first and put back by model_page). */
long long admin_cursor(const ctx *c, bool *back);

/* Sets list/@href: this page's address with its filters and without its
 * cursor, ending in "?" or "&", for the pager's links. */
void admin_list_href(ctx *c, xmlNodePtr list);

/* An admin's date ("YYYY-MM-DD", the configured zone) as the UTC time its
 * day starts, plus days; NULL for NULL. The field was checked by its
 * declaration (routes.c, ADMIN_DATE). */
const char *admin_day_utc(ctx *c, const char *date, int plus_days);

/* A filter value from the query: NULL when absent or empty (binds SQL
 * NULL: "(? IS NULL OR col = ?)"). */
const char *admin_filter(const ctx *c, const char *name);

#endif
