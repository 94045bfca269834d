/* Password strength, judged by zxcvbn (Debian's libzxcvbn): a password
 * must be at least 8 characters and hard to guess (zxcvbn score 3 of 4,
 * about 10^8 guesses), and the verdict says why one is not. */
#ifndef MP_PASSWORD_H
#define MP_PASSWORD_H

typedef enum {
    PW_OK = 0,
    PW_SHORT,    /* fewer than 8 characters */
    PW_COMMON,   /* mostly a common password or word (l33t included) */
    PW_PERSONAL, /* mostly the account's own email or name */
    PW_REPEAT,   /* repeated characters or chunks: "aaaa", "abcabc" */
    PW_SEQUENCE, /* "abcd", "1234", "9876" */
    PW_KEYBOARD, /* keyboard patterns: "qwerty", "zxcvbn" */
    PW_DATE,     /* dates and years */
    PW_WEAK,     /* guessable for another reason */
    PW__MAX
} pw_verdict;

#define PW_MIN_CHARS 8
#define PW_MIN_SCORE 3

/* Judges password; personal (NULL-terminated, may be NULL) lists words a
 * guesser would try first for this account (email, its local part, the
 * nickname). *score, when not NULL, gets zxcvbn's 0–4. */
pw_verdict pw_check(const char *password, const char *const *personal, int *score);

/* The message catalog key for a verdict: "password.common", … */
const char *pw_verdict_key(pw_verdict v);

#endif
