/* Password guesses slowed down per account and client address, so that
 * guessing gets slow while nobody can keep a buyer out: sign-in and the
 * password change share it. */
#ifndef MP_THROTTLE_H
#define MP_THROTTLE_H

#include "../fcgi/ctx.h"

/* One account's password, tried from this request's client. */
typedef struct throttle {
    const char *email;
    const char *client;   /* req_client_key of the request */
} throttle;

void throttle_init(ctx *c, throttle *t, const char *email);

/* Seconds the client must still wait before its password is even checked
 * (0: go ahead). */
db_status throttle_wait(ctx *c, const throttle *t, long long *seconds);

/* Records a wrong password; clears the client's record after a right one. */
db_status throttle_failed(ctx *c, const throttle *t);
db_status throttle_passed(ctx *c, const throttle *t);

/* The page's 429: the wait in the model and the Retry-After header. */
int throttle_refuse(ctx *c, long long seconds);

/* Seconds to wait after n failures: 0 for the first few, then 1, 2, 4 …
 * up to the cap. */
long long throttle_delay(long long n);

#endif
