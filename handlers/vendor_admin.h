/* What admins do to a vendor's standing and its partner API keys, shared
 * by the console's pages (admin_vendors.c) and mp-admin (tools/admin.c):
 * each call is one transaction with its audit row. A key's secret is
 * returned in the clear exactly once, to the caller that issued it; it is
 * stored sealed and never written to the audit log (which names the key
 * by its key_id). */
#ifndef MP_VENDOR_ADMIN_H
#define MP_VENDOR_ADMIN_H

#include "../fcgi/crypto.h"
#include "../fcgi/db.h"
#include "audit.h"

#define VENDOR_KEYS_MAX 2     /* active keys a vendor holds at most */
#define VENDOR_REASON_MAX 500 /* characters of a reason (audit_log.reason) */

typedef enum {
    VENDOR_DONE = 0,
    VENDOR_NO_VENDOR,     /* no such vendor */
    VENDOR_NO_KEY,        /* no such active key (of that vendor) */
    VENDOR_TOO_MANY_KEYS, /* the vendor already holds VENDOR_KEYS_MAX active keys */
    VENDOR_UNCHANGED,     /* already in the status asked for */
} vendor_outcome;

typedef struct vendor_key_result {
    vendor_outcome outcome;
    long long vendor_id;
    const char *slug;    /* the vendor's */
    const char *key_id;  /* the new key's (issue, rotate) */
    const char *secret;  /* its secret, in the clear: shown once, never kept */
    const char *revoked; /* the key taken out of use (revoke, rotate) */
} vendor_key_result;

/* A new key for the vendor slug, unless it holds VENDOR_KEYS_MAX active
 * ones. reason may be NULL. All strings in a. */
db_status vendor_key_issue(db *d, arena *a, const crypto_keys *keys, const audit_who *who, const char *slug,
                           const char *reason, vendor_key_result *out);

/* A new key in place of the active key key_id, which is revoked in the
 * same transaction. slug NULL: whichever vendor holds key_id. */
db_status vendor_key_rotate(db *d, arena *a, const crypto_keys *keys, const audit_who *who, const char *slug,
                            const char *key_id, const char *reason, vendor_key_result *out);

/* Revokes the active key key_id (of the vendor slug; NULL: whichever). */
db_status vendor_key_revoke(db *d, arena *a, const audit_who *who, const char *slug, const char *key_id,
                            const char *reason, vendor_key_result *out);

/* A vendor's keys, newest first, at most limit: times are UTC
 * "YYYY-MM-DD hh:mm:ss" (NULL: never used, not revoked). */
enum { VK_KEY_ID, VK_STATUS, VK_CREATED, VK_LAST_USED, VK_REVOKED, VK__MAX };
db_status vendor_keys_list(db *d, arena *a, long long vendor_id, long long limit, db_result *out);

/* Suspends (suspend true) or reinstates the vendor slug, with the reason
 * (required by the callers). A suspended vendor's products leave the
 * public catalog and its keys stop working; its buyers keep what they
 * bought. */
db_status vendor_set_status(db *d, arena *a, const audit_who *who, const char *slug, bool suspend, const char *reason,
                            vendor_outcome *out);

#endif
