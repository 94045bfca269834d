/* Password strength through zxcvbn: its entropy estimate gives the score,
 * its longest recognised part says what makes a weak password weak. */
#include "password.h"

#include <math.h>
#include <string.h>
#include <zxcvbn.h>

#include "text.h"

/* zxcvbn's scores by guesses: < 10^3, 10^6, 10^8, 10^10, beyond. */
static int score_of(double bits)
{
    double log10_guesses = bits * log10(2.0);
    if (log10_guesses < 3)
        return 0;
    if (log10_guesses < 6)
        return 1;
    if (log10_guesses < 8)
        return 2;
    if (log10_guesses < 10)
        return 3;
    return 4;
}

static pw_verdict verdict_of(ZxcTypeMatch_t type)
{
    switch ((int)type & ~MULTIPLE_MATCH) {
    case DICTIONARY_MATCH:
    case DICT_LEET_MATCH:
        return PW_COMMON;
    case USER_MATCH:
    case USER_LEET_MATCH:
        return PW_PERSONAL;
    case REPEATS_MATCH:
        return PW_REPEAT;
    case SEQUENCE_MATCH:
        return PW_SEQUENCE;
    case SPATIAL_MATCH:
        return PW_KEYBOARD;
    case DATE_MATCH:
    case YEAR_MATCH:
        return PW_DATE;
    default:
        return PW_WEAK;
    }
}

pw_verdict pw_check(const char *password, const char *const *personal, int *score)
{
    if (score)
        *score = 0;
    if (text_utf8_len(password, strlen(password)) < PW_MIN_CHARS)
        return PW_SHORT;
    /* zxcvbn wants a mutable-looking array of words; it only reads them */
    const char *words[8] = {NULL};
    for (size_t i = 0; personal && personal[i] && i < 7; i++)
        words[i] = personal[i];
    ZxcMatch_t *info = NULL;
    double bits = ZxcvbnMatch(password, words, &info);
    int s = score_of(bits);
    if (score)
        *score = s;
    pw_verdict v = PW_OK;
    if (s < PW_MIN_SCORE) {
        /* the reason: the longest part zxcvbn recognised as something a
         * guesser tries (not brute force) */
        int longest = 0;
        v = PW_WEAK;
        for (ZxcMatch_t *m = info; m; m = m->Next) {
            pw_verdict mv = verdict_of(m->Type);
            if (mv != PW_WEAK && m->Length > longest) {
                longest = m->Length;
                v = mv;
            }
        }
    }
    ZxcvbnFreeInfo(info);
    return v;
}

const char *pw_verdict_key(pw_verdict v)
{
    static const char *const keys[PW__MAX] = {
        [PW_OK] = "password.ok",
        [PW_SHORT] = "password.short",
        [PW_COMMON] = "password.common",
        [PW_PERSONAL] = "password.personal",
        [PW_REPEAT] = "password.repeat",
        [PW_SEQUENCE] = "password.sequence",
        [PW_KEYBOARD] = "password.keyboard",
        [PW_DATE] = "password.date",
        [PW_WEAK] = "password.weak",
    };
    return (unsigned)v < PW__MAX ? keys[v] : "password.weak";
}
