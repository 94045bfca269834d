-- The delivery center (交付中心): a manual-delivery instance carries one
-- delivery, which moves through
--   awaiting_requirement → pending_confirmation → in_service
--   → pending_acceptance → completed   (and pending_acceptance → in_service
--   when the buyer rejects the work).
-- Every submission of the buyer's requirement is kept as a numbered
-- version; the vendor confirms one. Every transition and progress note is
-- a history row. Attachments live here too, in chunks, so more pool hosts
-- need no shared disk.
CREATE TABLE deliveries (
  id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  delivery_no       VARCHAR(20) NOT NULL,
  instance_id       BIGINT UNSIGNED NOT NULL,
  user_id           BIGINT UNSIGNED NOT NULL,
  vendor_id         INT UNSIGNED NOT NULL,
  status            ENUM('awaiting_requirement','pending_confirmation','in_service','pending_acceptance','completed')
                    NOT NULL,
  latest_version    INT UNSIGNED NOT NULL DEFAULT 0,
  confirmed_version INT UNSIGNED NULL,
  rejections        INT UNSIGNED NOT NULL DEFAULT 0,
  auto_accepted     TINYINT(1) NOT NULL DEFAULT 0,
  submitted_at      DATETIME(6) NULL,               -- entered pending_acceptance: the auto-accept clock
  completed_at      DATETIME(6) NULL,
  created_at        DATETIME(6) NOT NULL,
  updated_at        DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY deliveries_no (delivery_no),
  UNIQUE KEY deliveries_instance (instance_id),
  KEY deliveries_user (user_id, id),
  KEY deliveries_user_status (user_id, status, id),
  KEY deliveries_vendor (vendor_id, id),
  KEY deliveries_vendor_status (vendor_id, status, id),
  KEY deliveries_acceptance (status, submitted_at),
  CONSTRAINT deliveries_instance_fk FOREIGN KEY (instance_id) REFERENCES instances (id),
  CONSTRAINT deliveries_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT deliveries_vendor_fk FOREIGN KEY (vendor_id) REFERENCES vendors (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE delivery_requirements (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  delivery_id BIGINT UNSIGNED NOT NULL,
  version     INT UNSIGNED NOT NULL,
  title       VARCHAR(100) NOT NULL,
  description TEXT NOT NULL,
  contact     VARCHAR(100) NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY delivery_requirements_version (delivery_id, version),
  CONSTRAINT delivery_requirements_delivery_fk FOREIGN KEY (delivery_id) REFERENCES deliveries (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE delivery_history (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  delivery_id BIGINT UNSIGNED NOT NULL,
  type        VARCHAR(40) NOT NULL,                 -- created, requirement_submitted, … (as the events)
  actor       ENUM('buyer','vendor','admin','system') NOT NULL,
  from_status VARCHAR(30) NULL,
  to_status   VARCHAR(30) NULL,
  version     INT UNSIGNED NULL,
  note        TEXT NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY delivery_history_delivery (delivery_id, id),
  CONSTRAINT delivery_history_delivery_fk FOREIGN KEY (delivery_id) REFERENCES deliveries (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A file belongs to its delivery; requirement versions and history rows
-- (progress notes, submissions) point at the files they carry, so a file
-- kept from one version to the next is stored once.
CREATE TABLE attachments (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  delivery_id  BIGINT UNSIGNED NOT NULL,
  uploaded_by  ENUM('buyer','vendor') NOT NULL,
  name         VARCHAR(255) NOT NULL,
  content_type VARCHAR(100) NOT NULL,
  size_bytes   BIGINT UNSIGNED NOT NULL,
  sha256       BINARY(32) NOT NULL,
  created_at   DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY attachments_delivery (delivery_id, id),
  CONSTRAINT attachments_delivery_fk FOREIGN KEY (delivery_id) REFERENCES deliveries (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE attachment_chunks (
  attachment_id BIGINT UNSIGNED NOT NULL,
  seq           INT UNSIGNED NOT NULL,              -- 0, 1, 2, … of at most 1 MiB each
  data          MEDIUMBLOB NOT NULL,
  PRIMARY KEY (attachment_id, seq),
  CONSTRAINT attachment_chunks_attachment_fk FOREIGN KEY (attachment_id) REFERENCES attachments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE requirement_attachments (
  requirement_id BIGINT UNSIGNED NOT NULL,
  attachment_id  BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (requirement_id, attachment_id),
  CONSTRAINT requirement_attachments_requirement_fk FOREIGN KEY (requirement_id) REFERENCES delivery_requirements (id),
  CONSTRAINT requirement_attachments_attachment_fk FOREIGN KEY (attachment_id) REFERENCES attachments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE history_attachments (
  history_id    BIGINT UNSIGNED NOT NULL,
  attachment_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (history_id, attachment_id),
  CONSTRAINT history_attachments_history_fk FOREIGN KEY (history_id) REFERENCES delivery_history (id),
  CONSTRAINT history_attachments_attachment_fk FOREIGN KEY (attachment_id) REFERENCES attachments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE events ADD COLUMN delivery_id BIGINT UNSIGNED NULL AFTER instance_id,
  ADD KEY events_delivery (delivery_id, id);

-- Manual instances bought before the delivery center await their requirement.
INSERT INTO deliveries (delivery_no, instance_id, user_id, vendor_id, status, created_at)
SELECT CONCAT('dlv-', LOWER(SUBSTRING(REPLACE(i.instance_no, 'ins-', ''), 1, 10))), i.id, i.user_id, i.vendor_id,
       'awaiting_requirement', UTC_TIMESTAMP(6)
FROM instances i WHERE i.delivery_mode = 'manual';

INSERT INTO delivery_history (delivery_id, type, actor, to_status, note, created_at)
SELECT d.id, 'created', 'system', 'awaiting_requirement', '', UTC_TIMESTAMP(6) FROM deliveries d;
