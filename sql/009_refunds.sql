-- Refunds: an admin's (full or partial) or a buyer's own within the
-- refund window. Each is a row here, a ledger credit and an event; an
-- order's refunded amount never passes its total. The same form sent
-- twice (its idem key) refunds once.

ALTER TABLE orders
  ADD COLUMN refunded_cents BIGINT UNSIGNED NOT NULL DEFAULT 0 AFTER total_cents,
  ADD CONSTRAINT orders_refund_bounded CHECK (refunded_cents <= total_cents);

CREATE TABLE refunds (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  refund_no    VARCHAR(24) NOT NULL,
  order_id     BIGINT UNSIGNED NOT NULL,
  user_id      BIGINT UNSIGNED NOT NULL,
  vendor_id    INT UNSIGNED NOT NULL,
  amount_cents BIGINT UNSIGNED NOT NULL,
  full         TINYINT(1) NOT NULL,                -- this refund brought the order to its total
  actor        ENUM('buyer','admin','system') NOT NULL,
  admin_user   VARCHAR(64) NULL,
  reason       VARCHAR(500) NOT NULL,
  idem_key     CHAR(32) NOT NULL,
  created_at   DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY refunds_no (refund_no),
  UNIQUE KEY refunds_idem (order_id, idem_key),
  KEY refunds_time (created_at),
  CONSTRAINT refunds_order_fk FOREIGN KEY (order_id) REFERENCES orders (id),
  CONSTRAINT refunds_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT refunds_amount CHECK (amount_cents > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- a delivery whose order was refunded in full before it was completed
ALTER TABLE deliveries
  MODIFY status ENUM('awaiting_requirement','pending_confirmation','in_service','pending_acceptance','completed',
                     'closed') NOT NULL;
