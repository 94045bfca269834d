-- An admin's credit or debit of a buyer's balance: the ledger row it made,
-- who made it and why, and the form it came from, so the same form sent
-- twice changes the balance once (the buyer's row is locked while the
-- form is looked for). The audit log keeps the before and after as well.
CREATE TABLE balance_adjustments (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  user_id      BIGINT UNSIGNED NOT NULL,
  ledger_id    BIGINT UNSIGNED NOT NULL,
  amount_cents BIGINT NOT NULL,                    -- + credit, - debit (as the ledger row)
  admin_user   VARCHAR(64) NOT NULL,
  reason       VARCHAR(500) NOT NULL,
  idem_key     CHAR(32) NOT NULL,
  created_at   DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY balance_adjustments_idem (user_id, idem_key),
  UNIQUE KEY balance_adjustments_ledger (ledger_id),
  CONSTRAINT balance_adjustments_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT balance_adjustments_ledger_fk FOREIGN KEY (ledger_id) REFERENCES ledger (id),
  CONSTRAINT balance_adjustments_nonzero CHECK (amount_cents <> 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
