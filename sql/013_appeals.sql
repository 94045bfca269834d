-- Appeals (申诉): a buyer whose vendor has left a step idle for more than
-- 5 days, or who has rejected the work three times, asks the platform to
-- step in. An open appeal freezes its delivery (no acceptance, automatic
-- or by the buyer, no confirmation or submission by the vendor) until an
-- admin decides: continue (the delivery goes on where it was), complete
-- (the admin completes it) or refund (the order is refunded in full and
-- the delivery closed). A delivery has at most one open appeal; once one
-- is decided, another may follow on new grounds.
CREATE TABLE delivery_appeals (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  delivery_id      BIGINT UNSIGNED NOT NULL,
  user_id          BIGINT UNSIGNED NOT NULL,
  grounds          ENUM('idle','rejections') NOT NULL,
  status_at        VARCHAR(30) NOT NULL,            -- the delivery's state when appealed
  rejections_at    INT UNSIGNED NOT NULL,           -- its rejections then: a later appeal on these grounds needs 3 more
  reason           TEXT NOT NULL,
  status           ENUM('open','decided') NOT NULL,
  open_delivery_id BIGINT UNSIGNED NULL,            -- delivery_id while open, NULL once decided: one open appeal each
  decision         ENUM('continue','complete','refund') NULL,
  decided_actor    ENUM('buyer','admin','system') NULL,
  decided_by       VARCHAR(64) NULL,                -- the admin's name
  decision_note    TEXT NULL,
  refund_no        VARCHAR(24) NULL,
  created_at       DATETIME(6) NOT NULL,
  decided_at       DATETIME(6) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY delivery_appeals_open (open_delivery_id),
  KEY delivery_appeals_delivery (delivery_id, id),
  KEY delivery_appeals_status (status, id),
  CONSTRAINT delivery_appeals_delivery_fk FOREIGN KEY (delivery_id) REFERENCES deliveries (id),
  CONSTRAINT delivery_appeals_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT delivery_appeals_decided CHECK ((status = 'open') = (decision IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- the delivery's latest appeal, and whether it is open (the freeze, read
-- under the delivery's own lock; the admin's "appealed" filter)
ALTER TABLE deliveries
  ADD COLUMN appeal_id BIGINT UNSIGNED NULL AFTER auto_accepted,
  ADD COLUMN appeal_open TINYINT(1) NOT NULL DEFAULT 0 AFTER appeal_id,
  ADD KEY deliveries_appeal_open (appeal_open, id),
  DROP KEY deliveries_acceptance,
  ADD KEY deliveries_acceptance (status, appeal_open, submitted_at);
