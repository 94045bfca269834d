/* Times as pages show them: stored in UTC, shown in the configured zone
 * (the C library's zone database), written as ISO 8601 with the offset. */
#ifndef MP_TIMEFMT_H
#define MP_TIMEFMT_H

#include <time.h>

#include "arena.h"

/* Makes zone (a name in the zone database, "Asia/Shanghai") the zone of
 * every conversion in this process. */
void time_zone_use(const char *zone);

/* "YYYY-MM-DD hh:mm:ss[.ffffff]" in UTC (as the database gives it) as
 * "YYYY-MM-DDThh:mm:ss+08:00" in the zone; NULL when utc is not such a
 * time. */
const char *time_local_iso(arena *a, const char *utc);

/* The zone's offset at t: "+08:00", "-04:00", "+05:45". */
const char *time_offset(arena *a, time_t t);

#endif
