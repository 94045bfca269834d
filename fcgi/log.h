/* One line per event on stderr (the pool points stderr at its log file). */
#ifndef MP_LOG_H
#define MP_LOG_H

void log_set_name(const char *name);
/* The request id of the request being served, or NULL between requests. */
void log_set_request(const char *request_id);
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
