/* The payment gateway interface: where to send a buyer to pay, and how to
 * check what the provider tells us back. The built-in sandbox is the one
 * implementation; a real provider is another table of these functions. */
#ifndef MP_GATEWAY_H
#define MP_GATEWAY_H

#include <stdbool.h>

#include "../fcgi/ctx.h"

/* What the provider says happened to one payment. */
typedef struct gw_notice {
    const char *payment_no;
    const char *txn_id; /* the provider's transaction id */
    long long amount_cents;
    bool succeeded; /* false: the buyer cancelled or it failed */
} gw_notice;

typedef struct gateway {
    const char *name; /* also payments.method */
    /* Whether the marketplace is configured to offer it. */
    bool (*enabled)(const config *cfg);
    /* The provider's site, where its checkout page lives: the pay and
     * top-up pages name its origin in their CSP. */
    const char *(*site)(const config *cfg);
    /* The address of the provider's page where the buyer pays. */
    const char *(*checkout_url)(ctx *c, const char *payment_no, long long cents, const char *subject);
    /* Checks the signature of a notice (the return query or the notify
     * body); false for a forged, altered or incomplete one. */
    bool (*verify)(ctx *c, const kv_list *fields, gw_notice *out);
    const char *ack; /* body the provider expects once a notify is handled */
} gateway;

extern const gateway gw_sandbox;

/* Signs fields (sorted by key, "k=v" joined with '&', without "sign") with
 * key; hex HMAC-SHA256 in a. Shared by the sandbox's two sides. */
const char *gw_sign(arena *a, const unsigned char *key, const kv *fields, size_t n);

#endif
