-- Buyers and what they buy: accounts, sessions, orders, payments, the
-- balance ledger, instances (资源实例), free-login tokens and the event log.

CREATE TABLE users (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  email         VARCHAR(254) NOT NULL,          -- lower-cased
  display_name  VARCHAR(100) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,          -- crypt(3) yescrypt "$y$…"
  balance_cents BIGINT NOT NULL DEFAULT 0,      -- changes only with a ledger row
  created_at    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY users_email (email),
  CONSTRAINT users_balance_not_negative CHECK (balance_cents >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
  token_hash  BINARY(32) NOT NULL,
  user_id     BIGINT UNSIGNED NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  expires_at  DATETIME(6) NOT NULL,
  ip          VARCHAR(45) NOT NULL DEFAULT '',
  PRIMARY KEY (token_hash),
  KEY sessions_user (user_id),
  KEY sessions_expiry (expires_at),
  CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE login_failures (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  email      VARCHAR(254) NOT NULL,
  ip         VARCHAR(45) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY login_failures_email (email, created_at),
  KEY login_failures_age (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A stable, opaque id for each buyer as one vendor knows them (free login).
CREATE TABLE vendor_buyers (
  vendor_id  INT UNSIGNED NOT NULL,
  user_id    BIGINT UNSIGNED NOT NULL,
  open_id    CHAR(32) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (vendor_id, user_id),
  UNIQUE KEY vendor_buyers_open_id (open_id),
  CONSTRAINT vendor_buyers_vendor_fk FOREIGN KEY (vendor_id) REFERENCES vendors (id),
  CONSTRAINT vendor_buyers_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE instances (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  instance_no     VARCHAR(20) NOT NULL,
  user_id         BIGINT UNSIGNED NOT NULL,
  vendor_id       INT UNSIGNED NOT NULL,
  product_id      INT UNSIGNED NOT NULL,
  spec_id         INT UNSIGNED NOT NULL,
  order_id        BIGINT UNSIGNED NOT NULL,       -- the order that created it
  delivery_mode   ENUM('auto','manual') NOT NULL,
  status          ENUM('provisioning','active','expired') NOT NULL,
  started_at      DATETIME(6) NOT NULL,
  expires_at      DATETIME(6) NOT NULL,
  -- app info (应用信息), posted by the vendor
  login_url       VARCHAR(500) NULL,
  account         VARCHAR(200) NULL,
  password_enc    VARBINARY(600) NULL,            -- AES-256-GCM: nonce | ciphertext | tag
  free_login_url  VARCHAR(500) NULL,
  provisioned_at  DATETIME(6) NULL,
  created_at      DATETIME(6) NOT NULL,
  updated_at      DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY instances_no (instance_no),
  KEY instances_user (user_id, id),
  KEY instances_user_status (user_id, status, id),
  KEY instances_user_mode (user_id, delivery_mode, id),
  KEY instances_vendor (vendor_id, id),
  KEY instances_vendor_status (vendor_id, status, id),
  KEY instances_expiry (status, expires_at),
  CONSTRAINT instances_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT instances_vendor_fk FOREIGN KEY (vendor_id) REFERENCES vendors (id),
  CONSTRAINT instances_product_fk FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT instances_spec_fk FOREIGN KEY (spec_id) REFERENCES specs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Extra name/value pairs of an instance's app info.
CREATE TABLE instance_fields (
  instance_id BIGINT UNSIGNED NOT NULL,
  position    SMALLINT UNSIGNED NOT NULL,
  name        VARCHAR(100) NOT NULL,
  value       VARCHAR(500) NOT NULL,
  PRIMARY KEY (instance_id, position),
  CONSTRAINT instance_fields_instance_fk FOREIGN KEY (instance_id) REFERENCES instances (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Orders snapshot what was bought and its price when submitted; a renewal
-- names the instance it extends.
CREATE TABLE orders (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  order_no         VARCHAR(24) NOT NULL,
  user_id          BIGINT UNSIGNED NOT NULL,
  vendor_id        INT UNSIGNED NOT NULL,
  kind             ENUM('new','renew') NOT NULL,
  instance_id      BIGINT UNSIGNED NULL,
  product_id       INT UNSIGNED NOT NULL,
  spec_id          INT UNSIGNED NOT NULL,
  period_months    TINYINT UNSIGNED NOT NULL,
  product_name_zh  VARCHAR(200) NOT NULL,
  product_name_en  VARCHAR(200) NOT NULL,
  spec_name_zh     VARCHAR(100) NOT NULL,
  spec_name_en     VARCHAR(100) NOT NULL,
  vendor_name_zh   VARCHAR(200) NOT NULL,
  vendor_name_en   VARCHAR(200) NOT NULL,
  delivery_mode    ENUM('auto','manual') NOT NULL,
  unit_price_cents BIGINT UNSIGNED NOT NULL,
  quantity         SMALLINT UNSIGNED NOT NULL DEFAULT 1,
  total_cents      BIGINT UNSIGNED NOT NULL,
  status           ENUM('unpaid','paid','cancelled','refunded') NOT NULL DEFAULT 'unpaid',
  idem_key         CHAR(32) NOT NULL,
  payment_method   ENUM('balance','gateway') NULL,
  created_at       DATETIME(6) NOT NULL,
  pay_by           DATETIME(6) NOT NULL,            -- unpaid orders are cancelled after this
  paid_at          DATETIME(6) NULL,
  cancelled_at     DATETIME(6) NULL,
  cancel_reason    ENUM('buyer','timeout','admin') NULL,
  refunded_at      DATETIME(6) NULL,
  updated_at       DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY orders_no (order_no),
  UNIQUE KEY orders_idem (user_id, idem_key),
  KEY orders_user (user_id, id),
  KEY orders_user_status (user_id, status, id),
  KEY orders_vendor (vendor_id, id),
  KEY orders_unpaid (status, pay_by),
  KEY orders_instance (instance_id),
  CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT orders_vendor_fk FOREIGN KEY (vendor_id) REFERENCES vendors (id),
  CONSTRAINT orders_instance_fk FOREIGN KEY (instance_id) REFERENCES instances (id),
  CONSTRAINT orders_period CHECK (period_months IN (1, 3, 6, 12, 24, 36)),
  CONSTRAINT orders_total CHECK (total_cents = unit_price_cents * quantity AND total_cents > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE instances ADD CONSTRAINT instances_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);

-- A payment of an order or a balance top-up. Gateway payments are applied
-- at most once: the provider's transaction id is unique.
CREATE TABLE payments (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  payment_no      VARCHAR(24) NOT NULL,
  user_id         BIGINT UNSIGNED NOT NULL,
  purpose         ENUM('order','topup') NOT NULL,
  order_id        BIGINT UNSIGNED NULL,
  amount_cents    BIGINT UNSIGNED NOT NULL,
  method          ENUM('balance','sandbox') NOT NULL,
  status          ENUM('pending','succeeded','failed','cancelled') NOT NULL,
  provider_txn_id VARCHAR(64) NULL,
  outcome         VARCHAR(40) NULL,               -- e.g. credited_to_balance when the order was no longer payable
  created_at      DATETIME(6) NOT NULL,
  completed_at    DATETIME(6) NULL,
  updated_at      DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY payments_no (payment_no),
  UNIQUE KEY payments_provider_txn (method, provider_txn_id),
  KEY payments_user (user_id, id),
  KEY payments_order (order_id),
  KEY payments_pending (status, created_at),
  CONSTRAINT payments_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT payments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id),
  CONSTRAINT payments_amount CHECK (amount_cents > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The balance ledger: the only way a balance changes. For every user,
-- SUM(amount_cents) = users.balance_cents.
CREATE TABLE ledger (
  id                  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  user_id             BIGINT UNSIGNED NOT NULL,
  amount_cents        BIGINT NOT NULL,
  balance_after_cents BIGINT NOT NULL,
  kind                ENUM('topup','payment','refund','credit','adjustment') NOT NULL,
  payment_id          BIGINT UNSIGNED NULL,
  order_id            BIGINT UNSIGNED NULL,
  created_at          DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY ledger_user (user_id, id),
  CONSTRAINT ledger_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT ledger_payment_fk FOREIGN KEY (payment_id) REFERENCES payments (id),
  CONSTRAINT ledger_order_fk FOREIGN KEY (order_id) REFERENCES orders (id),
  CONSTRAINT ledger_nonzero CHECK (amount_cents <> 0),
  CONSTRAINT ledger_balance CHECK (balance_after_cents >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The sandbox gateway's own records, as a real provider would keep them,
-- and the notifications it still has to deliver.
CREATE TABLE sandbox_txns (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  txn_id       VARCHAR(64) NOT NULL,
  payment_no   VARCHAR(24) NOT NULL,
  amount_cents BIGINT UNSIGNED NOT NULL,
  status       ENUM('succeeded','cancelled') NOT NULL,
  notified_at  DATETIME(6) NULL,
  attempts     INT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(6) NOT NULL,
  created_at   DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY sandbox_txns_txn (txn_id),
  UNIQUE KEY sandbox_txns_payment (payment_no),
  KEY sandbox_txns_outbox (notified_at, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE free_login_tokens (
  token_hash  BINARY(32) NOT NULL,
  instance_id BIGINT UNSIGNED NOT NULL,
  user_id     BIGINT UNSIGNED NOT NULL,
  vendor_id   INT UNSIGNED NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  expires_at  DATETIME(6) NOT NULL,
  used_at     DATETIME(6) NULL,
  PRIMARY KEY (token_hash),
  KEY free_login_tokens_expiry (expires_at),
  CONSTRAINT free_login_tokens_instance_fk FOREIGN KEY (instance_id) REFERENCES instances (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What vendors (and buyers' timelines) read: every change of an order,
-- payment, instance or delivery, appended in the same transaction.
CREATE TABLE events (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  vendor_id   INT UNSIGNED NULL,                  -- NULL: the buyer's own (balance top-ups)
  type        VARCHAR(40) NOT NULL,
  payment_id  BIGINT UNSIGNED NULL,
  actor       ENUM('buyer','vendor','admin','system','gateway') NOT NULL,
  user_id     BIGINT UNSIGNED NULL,
  order_id    BIGINT UNSIGNED NULL,
  instance_id BIGINT UNSIGNED NULL,
  detail      VARCHAR(500) NOT NULL DEFAULT '',
  created_at  DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY events_vendor (vendor_id, id),
  KEY events_order (order_id, id),
  KEY events_instance (instance_id, id),
  KEY events_user (user_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
