-- make bench: grows the bench database's catalog by @ADD@ listed products,
-- spread over every category and active vendor, named so that no search
-- term the bench uses matches them (a search then finds the same products
-- in both catalogs, and only the catalog's size differs). Filled in and
-- run by tools/bench.sh as root on var/bench's MariaDB, never elsewhere.
CREATE TEMPORARY TABLE bench_vendors AS
  SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS n, id FROM vendors WHERE status = 'active';
CREATE TEMPORARY TABLE bench_categories AS
  SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS n, id FROM categories;
SET @nv = (SELECT COUNT(*) FROM bench_vendors), @nc = (SELECT COUNT(*) FROM bench_categories);
INSERT INTO products (vendor_id, category_id, name_zh, name_en, summary_zh, summary_en, description_zh,
                      description_en, delivery_mode, free_login, listed, price_from_cents)
SELECT v.id, c.id, CONCAT('样品商品 ', s.seq), CONCAT('Sample product ', s.seq),
       CONCAT('容量测试用的示例商品，编号 ', s.seq, '。'), CONCAT('A sample for capacity tests, number ', s.seq, '.'),
       '', '', IF(s.seq % 5 = 0, 'manual', 'auto'), s.seq % 2, 1, 1000 + s.seq % 5000 * 100
FROM seq_1_to_@ADD@ s
JOIN bench_vendors v ON v.n = s.seq % @nv
JOIN bench_categories c ON c.n = s.seq % @nc;
