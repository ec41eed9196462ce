-- Promo codes a show dropped, with their usage limit and expiry, and each
-- redemption: a claim that carried the code. A redemption is written in the
-- claim's own transaction, so the count a limit is checked against is
-- exact and a retried claim (same id) never redeems twice.

CREATE TABLE show_promos (
    show_id    INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
    code       TEXT    NOT NULL CHECK (code <> ''),
    discount   TEXT    NOT NULL DEFAULT '',
    max_uses   INTEGER CHECK (max_uses IS NULL OR max_uses > 0), -- NULL: no limit
    expires_at INTEGER,                                          -- unix ms; NULL: while the show runs
    dropped_at INTEGER NOT NULL,
    PRIMARY KEY (show_id, code)
) WITHOUT ROWID;

CREATE TABLE redemptions (
    show_id   INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
    claim_id  TEXT    NOT NULL,
    code      TEXT    NOT NULL,
    sku       TEXT    NOT NULL,
    qty       INTEGER NOT NULL CHECK (qty > 0),
    at        INTEGER NOT NULL,
    offset_ms INTEGER NOT NULL,
    PRIMARY KEY (show_id, claim_id)
);

CREATE INDEX redemptions_code ON redemptions (show_id, code);
