-- What a buyer meets: sessions that end when idle, sign-in failures
-- counted per account and client address, and each product's support
-- contact (the vendor's is shown when the product has none of its own).

-- (sessions open at the upgrade count as seen now, not as idle since sign-in)
ALTER TABLE sessions
  ADD COLUMN last_seen_at DATETIME(6) NULL AFTER expires_at;
UPDATE sessions SET last_seen_at = UTC_TIMESTAMP(6);
ALTER TABLE sessions
  MODIFY last_seen_at DATETIME(6) NOT NULL,
  ADD KEY sessions_seen (last_seen_at);

ALTER TABLE login_failures
  DROP INDEX login_failures_email,
  ADD KEY login_failures_email_ip (email, ip, created_at);

ALTER TABLE products
  ADD COLUMN support_email VARCHAR(254) NOT NULL DEFAULT '' AFTER free_login,
  ADD COLUMN support_phone VARCHAR(40) NOT NULL DEFAULT '' AFTER support_email;
