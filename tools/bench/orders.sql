-- make bench: orders @FROM@ to @TO@ of the bench's buyer (user @USER@), for
-- the product @PRODUCT@ at its first price: three paid to one cancelled by the
-- buyer (none unpaid, so the scheduler has nothing to cancel while the
-- bench runs), newer with each number. Filled in and run by tools/bench.sh
-- as root on var/bench's MariaDB, never elsewhere.
INSERT INTO orders (order_no, user_id, vendor_id, kind, product_id, spec_id, period_months, product_name_zh,
                    product_name_en, spec_name_zh, spec_name_en, vendor_name_zh, vendor_name_en, delivery_mode,
                    unit_price_cents, quantity, total_cents, status, idem_key, payment_method, created_at, pay_by,
                    paid_at, cancelled_at, cancel_reason)
SELECT CONCAT('9', LPAD(s.seq, 17, '0')), @USER@, x.vendor_id, 'new', x.product_id, x.spec_id, x.period_months,
       x.product_zh, x.product_en, x.spec_zh, x.spec_en, x.vendor_zh, x.vendor_en, x.delivery_mode, x.price_cents, 1,
       x.price_cents, IF(s.seq % 4 = 0, 'cancelled', 'paid'), MD5(CONCAT('bench-', s.seq)),
       IF(s.seq % 4 = 0, NULL, 'balance'), x.t0 + INTERVAL s.seq SECOND, x.t0 + INTERVAL s.seq + 1800 SECOND,
       IF(s.seq % 4 = 0, NULL, x.t0 + INTERVAL s.seq + 60 SECOND),
       IF(s.seq % 4 = 0, x.t0 + INTERVAL s.seq + 120 SECOND, NULL), IF(s.seq % 4 = 0, 'buyer', NULL)
FROM seq_@FROM@_to_@TO@ s
JOIN (SELECT p.id AS product_id, p.vendor_id, p.name_zh AS product_zh, p.name_en AS product_en, p.delivery_mode,
             sp.id AS spec_id, sp.name_zh AS spec_zh, sp.name_en AS spec_en, v.name_zh AS vendor_zh,
             v.name_en AS vendor_en, pr.period_months, pr.price_cents,
             UTC_TIMESTAMP(6) - INTERVAL 30 DAY AS t0
      FROM products p JOIN vendors v ON v.id = p.vendor_id JOIN specs sp ON sp.product_id = p.id
      JOIN prices pr ON pr.spec_id = sp.id
      WHERE p.id = @PRODUCT@ AND sp.active = 1
      ORDER BY sp.position, sp.id, pr.period_months LIMIT 1) x;
