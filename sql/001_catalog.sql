-- Catalog: vendors, categories, products, specs (规格) and their price per period.
-- Every table is InnoDB utf8mb4; money is integer cents (CNY); times are UTC.

CREATE TABLE vendors (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT,
  slug          VARCHAR(64)  NOT NULL,
  name_zh       VARCHAR(200) NOT NULL,
  name_en       VARCHAR(200) NOT NULL,
  website       VARCHAR(500) NOT NULL DEFAULT '',
  support_email VARCHAR(254) NOT NULL DEFAULT '',
  status        ENUM('active','suspended') NOT NULL DEFAULT 'active',
  created_at    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY vendors_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE categories (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT,
  slug        VARCHAR(64)  NOT NULL,
  name_zh     VARCHAR(100) NOT NULL,
  name_en     VARCHAR(100) NOT NULL,
  position    INT NOT NULL DEFAULT 0,
  created_at  DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at  DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY categories_slug (slug),
  KEY categories_position (position, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- price_from_cents is the lowest active price of the product, kept by the
-- triggers below, so category pages sort by price on an index (keyset).
CREATE TABLE products (
  id               INT UNSIGNED NOT NULL AUTO_INCREMENT,
  vendor_id        INT UNSIGNED NOT NULL,
  category_id      INT UNSIGNED NOT NULL,
  name_zh          VARCHAR(200) NOT NULL,
  name_en          VARCHAR(200) NOT NULL,
  summary_zh       VARCHAR(500) NOT NULL DEFAULT '',
  summary_en       VARCHAR(500) NOT NULL DEFAULT '',
  description_zh   TEXT NOT NULL,
  description_en   TEXT NOT NULL,
  delivery_mode    ENUM('auto','manual') NOT NULL,
  free_login       TINYINT(1) NOT NULL DEFAULT 0,
  listed           TINYINT(1) NOT NULL DEFAULT 1,
  price_from_cents BIGINT UNSIGNED NOT NULL DEFAULT 0,
  created_at       DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at       DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  KEY products_vendor (vendor_id, id),
  KEY products_category_newest (category_id, listed, id),
  KEY products_category_price (category_id, listed, price_from_cents, id),
  KEY products_listed_newest (listed, id),
  CONSTRAINT products_vendor_fk FOREIGN KEY (vendor_id) REFERENCES vendors (id),
  CONSTRAINT products_category_fk FOREIGN KEY (category_id) REFERENCES categories (id),
  CONSTRAINT products_free_login_bool CHECK (free_login IN (0, 1)),
  CONSTRAINT products_listed_bool CHECK (listed IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE specs (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT,
  product_id  INT UNSIGNED NOT NULL,
  name_zh     VARCHAR(100) NOT NULL,
  name_en     VARCHAR(100) NOT NULL,
  features_zh VARCHAR(500) NOT NULL DEFAULT '',
  features_en VARCHAR(500) NOT NULL DEFAULT '',
  position    INT NOT NULL DEFAULT 0,
  active      TINYINT(1) NOT NULL DEFAULT 1,
  created_at  DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at  DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  KEY specs_product (product_id, position, id),
  CONSTRAINT specs_product_fk FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT specs_active_bool CHECK (active IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE prices (
  spec_id       INT UNSIGNED NOT NULL,
  period_months TINYINT UNSIGNED NOT NULL,
  price_cents   BIGINT UNSIGNED NOT NULL,
  updated_at    DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (spec_id, period_months),
  CONSTRAINT prices_spec_fk FOREIGN KEY (spec_id) REFERENCES specs (id),
  CONSTRAINT prices_period CHECK (period_months IN (1, 3, 6, 12, 24, 36)),
  CONSTRAINT prices_positive CHECK (price_cents > 0 AND price_cents <= 100000000000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row: bumped on every catalog change, it gives the public feed its
-- ETag and Last-Modified without reading the catalog.
CREATE TABLE catalog_meta (
  id         TINYINT UNSIGNED NOT NULL,
  version    BIGINT UNSIGNED NOT NULL,
  changed_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT catalog_meta_one_row CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO catalog_meta (id, version, changed_at) VALUES (1, 1, UTC_TIMESTAMP(6));

CREATE TRIGGER vendors_ai AFTER INSERT ON vendors FOR EACH ROW
  UPDATE catalog_meta SET version = version + 1, changed_at = UTC_TIMESTAMP(6) WHERE id = 1;
CREATE TRIGGER vendors_au AFTER UPDATE ON vendors FOR EACH ROW
  UPDATE catalog_meta SET version = version + 1, changed_at = UTC_TIMESTAMP(6) WHERE id = 1;
CREATE TRIGGER categories_ai AFTER INSERT ON categories FOR EACH ROW
  UPDATE catalog_meta SET version = version + 1, changed_at = UTC_TIMESTAMP(6) WHERE id = 1;
CREATE TRIGGER categories_au AFTER UPDATE ON categories FOR EACH ROW
  UPDATE catalog_meta SET version = version + 1, changed_at = UTC_TIMESTAMP(6) WHERE id = 1;
CREATE TRIGGER categories_ad AFTER DELETE ON categories FOR EACH ROW
  UPDATE catalog_meta SET version = version + 1, changed_at = UTC_TIMESTAMP(6) WHERE id = 1;
CREATE TRIGGER products_ai AFTER INSERT ON products FOR EACH ROW
  UPDATE catalog_meta SET version = version + 1, changed_at = UTC_TIMESTAMP(6) WHERE id = 1;
CREATE TRIGGER products_au AFTER UPDATE ON products FOR EACH ROW
  UPDATE catalog_meta SET version = version + 1, changed_at = UTC_TIMESTAMP(6) WHERE id = 1;
CREATE TRIGGER specs_ai AFTER INSERT ON specs FOR EACH ROW
  UPDATE catalog_meta SET version = version + 1, changed_at = UTC_TIMESTAMP(6) WHERE id = 1;

-- A spec's activity and its prices decide the product's "from" price.
CREATE TRIGGER specs_au AFTER UPDATE ON specs FOR EACH ROW
  UPDATE products SET price_from_cents = COALESCE(
    (SELECT MIN(pr.price_cents) FROM prices pr JOIN specs s ON s.id = pr.spec_id
      WHERE s.product_id = NEW.product_id AND s.active = 1), 0)
  WHERE id = NEW.product_id;
CREATE TRIGGER prices_ai AFTER INSERT ON prices FOR EACH ROW
  UPDATE products SET price_from_cents = COALESCE(
    (SELECT MIN(pr.price_cents) FROM prices pr JOIN specs s ON s.id = pr.spec_id
      WHERE s.product_id = products.id AND s.active = 1), 0)
  WHERE id = (SELECT product_id FROM specs WHERE id = NEW.spec_id);
CREATE TRIGGER prices_au AFTER UPDATE ON prices FOR EACH ROW
  UPDATE products SET price_from_cents = COALESCE(
    (SELECT MIN(pr.price_cents) FROM prices pr JOIN specs s ON s.id = pr.spec_id
      WHERE s.product_id = products.id AND s.active = 1), 0)
  WHERE id = (SELECT product_id FROM specs WHERE id = NEW.spec_id);
CREATE TRIGGER prices_ad AFTER DELETE ON prices FOR EACH ROW
  UPDATE products SET price_from_cents = COALESCE(
    (SELECT MIN(pr.price_cents) FROM prices pr JOIN specs s ON s.id = pr.spec_id
      WHERE s.product_id = products.id AND s.active = 1), 0)
  WHERE id = (SELECT product_id FROM specs WHERE id = OLD.spec_id);
