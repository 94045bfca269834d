-- Partners: vendors' API keys (secrets sealed with the configured key),
-- the nonces of signed requests, and the clock that keeps event ids in
-- commit order so the event feed never skips a row.

CREATE TABLE partner_keys (
  id           INT UNSIGNED NOT NULL AUTO_INCREMENT,
  key_id       VARCHAR(40) NOT NULL,            -- public: sent as X-MP-Key
  vendor_id    INT UNSIGNED NOT NULL,
  secret_enc   VARBINARY(128) NOT NULL,         -- AES-256-GCM: nonce | ciphertext | tag
  status       ENUM('active','revoked') NOT NULL DEFAULT 'active',
  created_at   DATETIME(6) NOT NULL,
  revoked_at   DATETIME(6) NULL,
  last_used_at DATETIME(6) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY partner_keys_key_id (key_id),
  KEY partner_keys_vendor (vendor_id, status),
  CONSTRAINT partner_keys_vendor_fk FOREIGN KEY (vendor_id) REFERENCES vendors (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE partner_nonces (
  key_ref    INT UNSIGNED NOT NULL,
  nonce      VARCHAR(64) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (key_ref, nonce),
  KEY partner_nonces_age (created_at),
  CONSTRAINT partner_nonces_key_fk FOREIGN KEY (key_ref) REFERENCES partner_keys (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every transaction that appends events locks this row first, so event
-- ids are handed out in the order their transactions commit: a reader
-- that has seen id N will never later find a committed id below N.
CREATE TABLE event_clock (
  id    TINYINT UNSIGNED NOT NULL,
  ticks BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT event_clock_one_row CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO event_clock (id, ticks) VALUES (1, 0);

