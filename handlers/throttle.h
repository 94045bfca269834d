/* Password guesses slowed down per account and client address, so that
 * guessing gets slow while nobody can keep a buyer out: sign-in and the
 * password change share it. */
#ifndef MP_THROTTLE_H
#define MP_THROTTLE_H

#include "../fcgi/ctx.h"

/* One account's password, tried from this request's client. */
typedef struct throttle {
    const char *email;
    const char *client; /* req_client_key of the request */
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

/* An account's sign-in lock as an admin sees it: the failures counted in
 * the window (from every address), how many addresses they came from, and
 * the longest wait one of those addresses still has before its password
 * is even checked (0: nobody is held back, the account is not locked). */
typedef struct throttle_state {
    long long failures, addresses, wait_seconds;
} throttle_state;
db_status throttle_account(db *d, arena *a, const char *email, throttle_state *out);

/* Forgets an account's failures from every address (an admin's unlock),
 * inside the caller's transaction; *cleared is how many. */
db_status throttle_clear(db *d, arena *a, const char *email, long long *cleared);

/* Seconds to wait after n failures: 0 for the first few, then 1, 2, 4 …
 * up to the cap. */
long long throttle_delay(long long n);

#endif
