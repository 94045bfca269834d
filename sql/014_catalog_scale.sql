-- The catalog at scale: category counts kept by the database, and a search
-- index of our own, so the home, category and search pages cost the same
-- with a hundred products or a hundred thousand.
--
-- Both are InnoDB rows written by triggers in the writer's own transaction.
-- On Galera the triggers fire on the node that takes the write and the rows
-- they write replicate like any other, so every node holds the same counts
-- and the same index (a Mroonga table, its own engine, would not replicate).

-- Products on sale per category: listed, from an active vendor (ON_SALE in
-- handlers/catalog.c). A row per category, so writers in different
-- categories never wait on each other's counter.
CREATE TABLE category_counts (
  category_id INT UNSIGNED NOT NULL,
  on_sale     INT NOT NULL DEFAULT 0,
  PRIMARY KEY (category_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The search index: the terms of each product's names and summaries (both
-- languages), and of each category's names.
--
-- Terms. Text is lower-cased and cut into runs of Han characters and runs
-- of ASCII letters and digits; anything else (punctuation, spaces, emoji,
-- other scripts) separates runs. A Han run gives, at each character, the
-- bigram starting there, or that character alone at the end of the run
-- (云记账: 云记, 记账, 账), so every Han character starts a term and a
-- one-character query matches by prefix. A letter run gives the word (its
-- first 32 characters); a query word matches by prefix.
--
-- weight: where a product has the term, 4 in its names, 1 in its summaries,
-- 5 in both; a category's term counts 2 for each of its products.
--
-- search_norm and search_terms_json below and search_patterns in
-- handlers/catalog.c cut text the same way: change them together, and
-- rebuild the index (a product's terms are deleted by computing them again
-- from its old text).
CREATE TABLE search_terms (
  term       VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  product_id INT UNSIGNED NOT NULL,
  weight     TINYINT UNSIGNED NOT NULL,
  PRIMARY KEY (term, product_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE category_terms (
  term        VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  category_id INT UNSIGNED NOT NULL,
  PRIMARY KEY (term, category_id),
  KEY category_terms_category (category_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Runs of Han or of [a-z0-9], separated by one space: whatever is neither
-- Han nor an ASCII letter or digit becomes a space, then ASCII letters
-- are lowered. Han is the CJK Unified Ideographs blocks named by code
-- point, not \p{Han}, whose meaning changed between PCRE2 versions (10.40
-- counts 、 and 。 in): every node cuts text the same way whatever its
-- library, and so does search_patterns in handlers/catalog.c for a query.
-- The binary collation keeps the classes exact (a caseless [A-Za-z] would
-- let in letters such as U+212A KELVIN SIGN).
CREATE FUNCTION search_norm(t TEXT CHARACTER SET utf8mb4)
  RETURNS VARCHAR(2100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DETERMINISTIC
  RETURN TRIM(REGEXP_REPLACE(REGEXP_REPLACE(LOWER(REGEXP_REPLACE(t COLLATE utf8mb4_bin,
    '[^\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}\\x{F900}-\\x{FAFF}\\x{20000}-\\x{323AF}A-Za-z0-9]+', ' ')),
    '([\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}\\x{F900}-\\x{FAFF}\\x{20000}-\\x{323AF}])(?=[a-z0-9])', '\\1 '),
    '([a-z0-9])(?=[\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}\\x{F900}-\\x{FAFF}\\x{20000}-\\x{323AF}])', '\\1 '));

-- The terms of text t, as a JSON array for JSON_TABLE (its strings hold
-- only Han and [a-z0-9]: nothing to escape), duplicates and all. Each Han
-- character followed by another becomes their bigram, a Han character at
-- the end of its run stays alone, a word is cut to 32 characters. Text
-- without terms gives [""].
CREATE FUNCTION search_terms_json(t TEXT CHARACTER SET utf8mb4)
  RETURNS TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DETERMINISTIC
  RETURN CONCAT('["', REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(search_norm(t),
    '([\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}\\x{F900}-\\x{FAFF}\\x{20000}-\\x{323AF}])(?=([\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}\\x{F900}-\\x{FAFF}\\x{20000}-\\x{323AF}]))', '\\1\\2 '),
    '([a-z0-9]{32})[a-z0-9]+', '\\1'), ' ', '","'), '"]');

-- A product's terms of text t, weighing w; a term met twice merges its
-- weights.
CREATE PROCEDURE search_add_terms(pid INT UNSIGNED, t TEXT CHARACTER SET utf8mb4, w TINYINT UNSIGNED)
  INSERT INTO search_terms (term, product_id, weight)
  SELECT j.term, pid, w
  FROM JSON_TABLE(search_terms_json(t), '$[*]' COLUMNS (term VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$')) j
  WHERE j.term <> ''
  ON DUPLICATE KEY UPDATE weight = search_terms.weight | VALUES(weight);

-- The same terms deleted, each by its key, so the table needs no second
-- index. Names and summaries share terms: a product's terms are dropped for
-- both texts before any is added again.
CREATE PROCEDURE search_drop_terms(pid INT UNSIGNED, t TEXT CHARACTER SET utf8mb4)
  DELETE s FROM search_terms s
  JOIN JSON_TABLE(search_terms_json(t), '$[*]' COLUMNS (term VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$')) j
    ON s.term = j.term AND s.product_id = pid;

CREATE PROCEDURE search_index_category(cid INT UNSIGNED, t TEXT CHARACTER SET utf8mb4)
BEGIN
  DELETE FROM category_terms WHERE category_id = cid;
  INSERT IGNORE INTO category_terms (term, category_id)
  SELECT j.term, cid
  FROM JSON_TABLE(search_terms_json(t), '$[*]' COLUMNS (term VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$')) j
  WHERE j.term <> '';
END;

-- One product more (delta 1) or fewer (-1) on sale in category cid, if it
-- is listed and its vendor active. INSERT … SELECT reads the vendor's row
-- with a shared lock (REPEATABLE READ): a listing waits for a suspension of
-- its vendor in flight, and sees it.
CREATE PROCEDURE category_count_add(cid INT UNSIGNED, vid INT UNSIGNED, is_listed TINYINT, delta INT)
BEGIN
  IF is_listed = 1 THEN
    INSERT INTO category_counts (category_id, on_sale)
      SELECT cid, delta FROM vendors WHERE id = vid AND status = 'active'
    ON DUPLICATE KEY UPDATE on_sale = category_counts.on_sale + VALUES(on_sale);
  END IF;
END;

CREATE TRIGGER products_ai_scale AFTER INSERT ON products FOR EACH ROW
BEGIN
  CALL category_count_add(NEW.category_id, NEW.vendor_id, NEW.listed, 1);
  CALL search_add_terms(NEW.id, CONCAT_WS(' ', NEW.name_zh, NEW.name_en), 4);
  CALL search_add_terms(NEW.id, CONCAT_WS(' ', NEW.summary_zh, NEW.summary_en), 1);
END;

-- Most updates of a product (its price_from_cents, kept by the triggers of
-- specs and prices; its description) change neither its count nor its terms.
CREATE TRIGGER products_au_scale AFTER UPDATE ON products FOR EACH ROW
BEGIN
  IF NOT (OLD.listed <=> NEW.listed AND OLD.category_id <=> NEW.category_id AND OLD.vendor_id <=> NEW.vendor_id) THEN
    CALL category_count_add(OLD.category_id, OLD.vendor_id, OLD.listed, -1);
    CALL category_count_add(NEW.category_id, NEW.vendor_id, NEW.listed, 1);
  END IF;
  IF NOT (OLD.name_zh <=> NEW.name_zh AND OLD.name_en <=> NEW.name_en
          AND OLD.summary_zh <=> NEW.summary_zh AND OLD.summary_en <=> NEW.summary_en) THEN
    CALL search_drop_terms(OLD.id, CONCAT_WS(' ', OLD.name_zh, OLD.name_en));
    CALL search_drop_terms(OLD.id, CONCAT_WS(' ', OLD.summary_zh, OLD.summary_en));
    CALL search_add_terms(NEW.id, CONCAT_WS(' ', NEW.name_zh, NEW.name_en), 4);
    CALL search_add_terms(NEW.id, CONCAT_WS(' ', NEW.summary_zh, NEW.summary_en), 1);
  END IF;
END;

CREATE TRIGGER products_ad_scale AFTER DELETE ON products FOR EACH ROW
BEGIN
  CALL category_count_add(OLD.category_id, OLD.vendor_id, OLD.listed, -1);
  CALL search_drop_terms(OLD.id, CONCAT_WS(' ', OLD.name_zh, OLD.name_en));
  CALL search_drop_terms(OLD.id, CONCAT_WS(' ', OLD.summary_zh, OLD.summary_en));
END;

-- A suspension takes the vendor's listed products out of their categories'
-- counts, a reinstatement puts them back. INSERT … SELECT reads the
-- products with shared locks: a listing of one of them not yet committed is
-- waited for, not missed.
CREATE TRIGGER vendors_au_scale AFTER UPDATE ON vendors FOR EACH ROW
BEGIN
  IF (OLD.status = 'active') <> (NEW.status = 'active') THEN
    INSERT INTO category_counts (category_id, on_sale)
      SELECT p.category_id, IF(NEW.status = 'active', 1, -1) * COUNT(*) FROM products p
      WHERE p.vendor_id = NEW.id AND p.listed = 1 GROUP BY p.category_id
    ON DUPLICATE KEY UPDATE on_sale = category_counts.on_sale + VALUES(on_sale);
  END IF;
END;

CREATE TRIGGER categories_ai_scale AFTER INSERT ON categories FOR EACH ROW
BEGIN
  INSERT IGNORE INTO category_counts (category_id, on_sale) VALUES (NEW.id, 0);
  CALL search_index_category(NEW.id, CONCAT_WS(' ', NEW.name_zh, NEW.name_en));
END;

CREATE TRIGGER categories_au_scale AFTER UPDATE ON categories FOR EACH ROW
BEGIN
  IF NOT (OLD.name_zh <=> NEW.name_zh AND OLD.name_en <=> NEW.name_en) THEN
    CALL search_index_category(NEW.id, CONCAT_WS(' ', NEW.name_zh, NEW.name_en));
  END IF;
END;

CREATE TRIGGER categories_ad_scale AFTER DELETE ON categories FOR EACH ROW
BEGIN
  DELETE FROM category_counts WHERE category_id = OLD.id;
  DELETE FROM category_terms WHERE category_id = OLD.id;
END;

-- Backfill, through the triggers' own procedures, in one transaction.
-- Migrations run before the pool serves (tools/stack.sh), so no write
-- races these.
START TRANSACTION;
INSERT INTO category_counts (category_id, on_sale)
  SELECT c.id, COUNT(p.id) FROM categories c
  LEFT JOIN (products p JOIN vendors v ON v.id = p.vendor_id AND v.status = 'active')
    ON p.category_id = c.id AND p.listed = 1
  GROUP BY c.id
ON DUPLICATE KEY UPDATE on_sale = VALUES(on_sale);

BEGIN NOT ATOMIC
  FOR p IN (SELECT id, name_zh, name_en, summary_zh, summary_en FROM products) DO
    CALL search_add_terms(p.id, CONCAT_WS(' ', p.name_zh, p.name_en), 4);
    CALL search_add_terms(p.id, CONCAT_WS(' ', p.summary_zh, p.summary_en), 1);
  END FOR;
  FOR c IN (SELECT id, name_zh, name_en FROM categories) DO
    CALL search_index_category(c.id, CONCAT_WS(' ', c.name_zh, c.name_en));
  END FOR;
END;
COMMIT;
