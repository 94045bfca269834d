-- Per-vendor event sequences replace the one global clock row. A
-- transaction that appends a vendor's events takes that vendor's row last
-- (just before COMMIT) and keeps it locked until COMMIT, so each vendor's
-- events are numbered 1, 2, 3, … without gaps in the order their
-- transactions commit, while different vendors never wait on each other.
CREATE TABLE vendor_event_seq (
  vendor_id INT UNSIGNED NOT NULL,
  last_seq  BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (vendor_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- NULL for events that belong to no vendor (balance top-ups).
ALTER TABLE events ADD COLUMN seq BIGINT UNSIGNED NULL AFTER vendor_id;

UPDATE events e JOIN (
  SELECT id, ROW_NUMBER() OVER (PARTITION BY vendor_id ORDER BY id) AS n FROM events WHERE vendor_id IS NOT NULL
) numbered ON numbered.id = e.id
SET e.seq = numbered.n;

INSERT INTO vendor_event_seq (vendor_id, last_seq)
SELECT vendor_id, MAX(seq) FROM events WHERE vendor_id IS NOT NULL GROUP BY vendor_id;

ALTER TABLE events DROP KEY events_vendor, ADD UNIQUE KEY events_vendor_seq (vendor_id, seq);

DROP TABLE event_clock;
