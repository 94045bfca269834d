/* Unit tests for fcgi/password.c: zxcvbn's judgement, and the reason a
 * weak password is refused for. */
#include <string.h>

#include "../../fcgi/password.h"
#include "check.h"

static const char *const who[] = {"zhang.wei@example.com", "zhang.wei", "张伟", NULL};

#define VERDICT(pw, want)                                                                                              \
    do {                                                                                                               \
        pw_verdict v_ = pw_check((pw), who, NULL);                                                                     \
        if (v_ != (want))                                                                                              \
            fprintf(stderr, "\"%s\": %s, want %s\n", (pw), pw_verdict_key(v_), pw_verdict_key(want));                  \
        CHECK(v_ == (want));                                                                                           \
    } while (0)

static void weak_passwords_say_why(void)
{
    VERDICT("", PW_SHORT);
    VERDICT("Ab1!xZ9", PW_SHORT);      /* 7 characters, however random */
    VERDICT("密码很长了吗", PW_SHORT); /* characters, not bytes: 6 */
    VERDICT("secret123", PW_COMMON);
    VERDICT("password1", PW_COMMON);
    VERDICT("P@ssw0rd!", PW_COMMON); /* l33t spelling of a common one */
    VERDICT("12345678", PW_COMMON);
    VERDICT("zhang.wei2026", PW_PERSONAL);
    VERDICT("abcdefgh", PW_SEQUENCE);
    VERDICT("19900101", PW_DATE);
    VERDICT("zxcvbnm,./", PW_KEYBOARD);
}

static void strong_passwords_pass(void)
{
    int score = -1;
    CHECK(pw_check("correct horse battery staple", who, &score) == PW_OK);
    CHECK(score >= PW_MIN_SCORE);
    VERDICT("sk7Vq2Lm", PW_OK);
    VERDICT("Lp7-Rq2-Zw9", PW_OK);
    VERDICT("云市场买家密码2026", PW_OK);
    /* no personal words: the same check */
    CHECK(pw_check("correct horse battery staple", NULL, NULL) == PW_OK);
}

static void the_personal_words_count(void)
{
    /* a word strong on its own is weak when it is the buyer's own name */
    static const char *const other[] = {"li.na@example.com", "li.na", NULL};
    static const char *const own[] = {"quokkafrog@example.com", "quokkafrog", NULL};
    CHECK(pw_check("quokkafrog77", other, NULL) == PW_OK);
    CHECK(pw_check("quokkafrog77", own, NULL) == PW_PERSONAL);
}

static void every_verdict_has_a_message_key(void)
{
    for (int v = 0; v < PW__MAX; v++)
        CHECK(strncmp(pw_verdict_key((pw_verdict)v), "password.", 9) == 0);
    CHECK_STR(pw_verdict_key(PW_COMMON), "password.common");
    CHECK_STR(pw_verdict_key((pw_verdict)99), "password.weak");
}

int main(void)
{
    weak_passwords_say_why();
    strong_passwords_pass();
    the_personal_words_count();
    every_verdict_has_a_message_key();
    return check_done("password");
}
