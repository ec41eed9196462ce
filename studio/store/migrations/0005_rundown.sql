-- The rundown of each show: the products in the order the host planned
-- them, as they were when the show started (the show file can change
-- afterwards; the report and the moderators read this copy). position is
-- 1-based; product is the SKU, or the handle of a product without one.
-- planned_ms is 0 when no time was planned. faq is a JSON array of
-- strings, each a question with its answer.

CREATE TABLE show_rundown (
    show_id    INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position > 0),
    product    TEXT    NOT NULL CHECK (product <> ''),
    title      TEXT    NOT NULL DEFAULT '',
    planned_ms INTEGER NOT NULL DEFAULT 0 CHECK (planned_ms >= 0),
    notes      TEXT    NOT NULL DEFAULT '',
    faq        TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(faq) AND json_type(faq) = 'array'),
    PRIMARY KEY (show_id, position),
    UNIQUE (show_id, product)
) WITHOUT ROWID;
