-- A vendor's own key for a progress note (POST .../progress with
-- <progress key="…">): the same key on the same delivery is the same note,
-- so a partner that resends after a 503 or a lost answer, not knowing
-- whether its first try committed, records the note once. NULL for every
-- other history row (a UNIQUE index lets NULLs repeat).
ALTER TABLE delivery_history
  ADD COLUMN vendor_key VARCHAR(64) NULL AFTER note,
  ADD UNIQUE KEY delivery_history_vendor_key (delivery_id, vendor_key);
