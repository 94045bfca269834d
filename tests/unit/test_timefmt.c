/* Unit tests for fcgi/timefmt.c: UTC from the database shown in the
 * configured zone, ISO 8601 with the zone's offset at that moment. */
#include <string.h>

#include "../../fcgi/timefmt.h"
#include "check.h"

static arena a;

static void shanghai_is_eight_hours_ahead(void)
{
    time_zone_use("Asia/Shanghai");
    CHECK_STR(time_local_iso(&a, "2026-11-25 14:09:36"), "2026-11-25T22:09:36+08:00");
    /* across midnight, a month end and a year end */
    CHECK_STR(time_local_iso(&a, "2026-12-31 20:00:00"), "2027-01-01T04:00:00+08:00");
    CHECK_STR(time_local_iso(&a, "2028-02-28 16:30:00"), "2028-02-29T00:30:00+08:00");
    /* microseconds, as DATETIME(6) gives them, are dropped */
    CHECK_STR(time_local_iso(&a, "2026-11-25 14:09:36.123456"), "2026-11-25T22:09:36+08:00");
    CHECK_STR(time_offset(&a, 1790000000), "+08:00");
}

static void zones_with_summer_time_follow_the_date(void)
{
    time_zone_use("America/New_York");
    CHECK_STR(time_local_iso(&a, "2026-01-15 12:00:00"), "2026-01-15T07:00:00-05:00");
    CHECK_STR(time_local_iso(&a, "2026-07-15 12:00:00"), "2026-07-15T08:00:00-04:00");
    time_zone_use("Asia/Kathmandu");
    CHECK_STR(time_local_iso(&a, "2026-07-15 12:00:00"), "2026-07-15T17:45:00+05:45");
    time_zone_use("UTC");
    CHECK_STR(time_local_iso(&a, "2026-07-15 12:00:00"), "2026-07-15T12:00:00+00:00");
}

static void anything_else_is_refused(void)
{
    time_zone_use("Asia/Shanghai");
    static const char *const bad[] = {
        "",
        "2026-11-25",
        "2026-11-25 14:09",
        "2026-11-25 14:09:3",
        "2026-11-25 14:09:36Z",
        "2026-13-01 00:00:00",
        "2026-00-10 00:00:00",
        "2026-11-32 00:00:00",
        "2026-11-25 24:00:00",
        "2026-11-25 23:60:00",
        "2026/11/25 14:09:36",
        "2026-11-25 14:09:36 ",
        "20261125 140936",
        "2026-1-25 14:09:36",
        "abcd-ef-gh ij:kl:mn",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        const char *got = time_local_iso(&a, bad[i]);
        if (got)
            fprintf(stderr, "accepted \"%s\" as %s\n", bad[i], got);
        CHECK(got == NULL);
    }
    /* the T separator of ISO input is read too */
    CHECK_STR(time_local_iso(&a, "2026-11-25T14:09:36"), "2026-11-25T22:09:36+08:00");
}

int main(void)
{
    arena_init(&a, 4096);
    shanghai_is_eight_hours_ahead();
    zones_with_summer_time_follow_the_date();
    anything_else_is_refused();
    arena_free(&a);
    return check_done("timefmt");
}
