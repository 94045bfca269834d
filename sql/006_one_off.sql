-- One-off services (一次性): a service delivered by people may be sold once
-- instead of by months. period_months = 0 stands for "once" wherever a
-- period is kept (prices, orders), so a spec's once price is one more row
-- of prices under the same key (spec_id, period_months) and "only offered
-- spec × period pairs can be chosen" holds as before. An instance bought
-- once has no expiry (expires_at NULL) and cannot be renewed.

-- Prices: once (0) besides the months, and only for manual products. A
-- CHECK cannot look at the product, so triggers refuse a once price on an
-- automatically delivered product, and a product with once prices turning
-- automatic.
ALTER TABLE prices
  DROP CONSTRAINT prices_period,
  ADD CONSTRAINT prices_period CHECK (period_months IN (0, 1, 3, 6, 12, 24, 36));

CREATE TRIGGER prices_bi_once BEFORE INSERT ON prices FOR EACH ROW
BEGIN
  IF NEW.period_months = 0 AND NOT EXISTS (
      SELECT 1 FROM specs s JOIN products p ON p.id = s.product_id
      WHERE s.id = NEW.spec_id AND p.delivery_mode = 'manual') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'prices_once_manual: only manual products are sold once';
  END IF;
END;

CREATE TRIGGER prices_bu_once BEFORE UPDATE ON prices FOR EACH ROW
BEGIN
  IF NEW.period_months = 0 AND NOT EXISTS (
      SELECT 1 FROM specs s JOIN products p ON p.id = s.product_id
      WHERE s.id = NEW.spec_id AND p.delivery_mode = 'manual') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'prices_once_manual: only manual products are sold once';
  END IF;
END;

CREATE TRIGGER products_bu_once BEFORE UPDATE ON products FOR EACH ROW
BEGIN
  IF NEW.delivery_mode <> 'manual' AND EXISTS (
      SELECT 1 FROM specs s JOIN prices pr ON pr.spec_id = s.id
      WHERE s.product_id = NEW.id AND pr.period_months = 0) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'prices_once_manual: a product sold once stays manual';
  END IF;
END;

-- Orders snapshot the period as before: a once order is a new purchase of
-- a manual product (a renewal always buys months).
ALTER TABLE orders
  DROP CONSTRAINT orders_period,
  ADD CONSTRAINT orders_period CHECK (period_months IN (0, 1, 3, 6, 12, 24, 36)),
  ADD CONSTRAINT orders_once CHECK (period_months <> 0 OR (kind = 'new' AND delivery_mode = 'manual'));

-- Instances: no expiry for a one-off service; only manual ones are sold
-- once. The expiry sweep's condition (expires_at < now) is never true of
-- NULL, so such an instance never expires.
ALTER TABLE instances
  MODIFY expires_at DATETIME(6) NULL,
  ADD CONSTRAINT instances_once CHECK (expires_at IS NOT NULL OR delivery_mode = 'manual');
