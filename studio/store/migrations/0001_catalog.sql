-- The catalog: what `vitrina products import` fills and the show sells.
-- Later migrations (0002 shows and rundown, promo codes, chat, moderation
-- log) reference these tables; never edit this file once released, add one.

CREATE TABLE products (
    id           INTEGER PRIMARY KEY,
    handle       TEXT    NOT NULL UNIQUE,           -- Shopify handle, or the WooCommerce SKU / "woo-<ID>"
    title        TEXT    NOT NULL CHECK (title <> ''),
    body_html    TEXT    NOT NULL DEFAULT '',
    vendor       TEXT    NOT NULL DEFAULT '',
    product_type TEXT    NOT NULL DEFAULT '',
    tags         TEXT    NOT NULL DEFAULT '',        -- comma-separated, as the shop writes them
    published    INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
    status       TEXT    NOT NULL DEFAULT 'active',  -- active | draft | archived
    source       TEXT    NOT NULL DEFAULT '',        -- shopify | woocommerce
    created_at   INTEGER NOT NULL,                   -- unix milliseconds
    updated_at   INTEGER NOT NULL
);

-- Money is integer minor units (hundredths of the shop currency), never a
-- float: 19.99 is 1999, and sums stay exact.
CREATE TABLE variants (
    id               INTEGER PRIMARY KEY,
    product_id       INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    sku              TEXT    NOT NULL DEFAULT '',
    options          TEXT    NOT NULL DEFAULT '[]',  -- JSON [{"name":"Size","value":"M"}]
    price_minor      INTEGER NOT NULL CHECK (price_minor >= 0),
    compare_at_minor INTEGER CHECK (compare_at_minor >= 0),  -- NULL: no "was" price
    stock            INTEGER,                                -- NULL: stock not tracked
    image_src        TEXT    NOT NULL DEFAULT '',
    updated_at       INTEGER NOT NULL
);
-- A SKU names one variant in the whole shop; variants without one are told
-- apart by their options inside their product.
CREATE UNIQUE INDEX variants_sku ON variants(sku) WHERE sku <> '';
CREATE INDEX variants_product ON variants(product_id, position);

CREATE TABLE images (
    id         INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    src        TEXT    NOT NULL,                -- the URL or path the file named
    alt        TEXT    NOT NULL DEFAULT '',
    local_path TEXT    NOT NULL DEFAULT '',     -- dataDir/images/<sha256>.<ext>; '' when caching failed
    UNIQUE (product_id, src)
);
