-- The admin console. The audit log: every admin write appends one row in the same
-- transaction as the write (who, from where, what, the values before and
-- after). Rows are never changed or removed: the triggers refuse it.

CREATE TABLE audit_log (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  admin_user  VARCHAR(64) NOT NULL,               -- the name nginx authenticated, or "cli:<user>" for mp-admin
  ip          VARCHAR(45) NOT NULL,
  request_id  VARCHAR(64) NOT NULL DEFAULT '',
  action      VARCHAR(60) NOT NULL,               -- vendor.suspend, order.refund, …
  target_type VARCHAR(30) NOT NULL,               -- vendor, product, order, …
  target_ref  VARCHAR(64) NOT NULL,               -- the target's slug, number or id
  before_text TEXT NOT NULL,                      -- "field: value" lines; empty for a creation
  after_text  TEXT NOT NULL,
  reason      VARCHAR(500) NOT NULL DEFAULT '',
  created_at  DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY audit_log_admin (admin_user, id),
  KEY audit_log_action (action, id),
  KEY audit_log_target (target_type, target_ref, id),
  KEY audit_log_time (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER audit_log_bu BEFORE UPDATE ON audit_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log_append_only: audit rows are never changed';
CREATE TRIGGER audit_log_bd BEFORE DELETE ON audit_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log_append_only: audit rows are never removed';

-- what the admin pages search and count by
ALTER TABLE orders ADD KEY orders_created (created_at), ADD KEY orders_paid (paid_at), ADD KEY orders_status (status, id);
ALTER TABLE users ADD KEY users_created (created_at);
ALTER TABLE instances ADD KEY instances_status_created (status, created_at);
ALTER TABLE deliveries ADD KEY deliveries_status (status, id);
