/* Log lines: UTC time, process, level, request id, message; one write each. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *log_name = "mp";
static const char *log_request;

void log_set_name(const char *name)
{
    log_name = name;
}

void log_set_request(const char *request_id)
{
    log_request = request_id;
}

__attribute__((format(printf, 2, 0))) static void log_line(const char *level, const char *fmt, va_list ap)
{
    char line[2048];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    int n = (int)strftime(line, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
    n += snprintf(line + n, sizeof(line) - (size_t)n, " %s[%d] %s", log_name, (int)getpid(), level);
    if (log_request && *log_request)
        n += snprintf(line + n, sizeof(line) - (size_t)n, " req=%s", log_request);
    if (n < (int)sizeof(line) - 2) {
        line[n++] = ' ';
        int m = vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
        if (m > 0)
            n += m;
    }
    if (n > (int)sizeof(line) - 2)
        n = (int)sizeof(line) - 2;
    /* a message must not forge a second log line */
    for (int i = 0; i < n; i++)
        if (line[i] == '\n' || line[i] == '\r')
            line[i] = ' ';
    line[n++] = '\n';
    ssize_t w = write(STDERR_FILENO, line, (size_t)n);
    (void)w;
}

void log_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_line("error", fmt, ap);
    va_end(ap);
}

void log_info(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_line("info", fmt, ap);
    va_end(ap);
}
