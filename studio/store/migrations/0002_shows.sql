-- Shows: the live state and timeline of each show. A show is one live
-- session; everything that happens in it is a row of show_events with its
-- wall-clock time and its offset on the recording's timeline, so clips,
-- chapters and the report are computed from this table alone.
-- Times are unix milliseconds, like 0001.

CREATE TABLE shows (
    id         INTEGER PRIMARY KEY,
    title      TEXT    NOT NULL DEFAULT '',
    recording  TEXT    NOT NULL DEFAULT '',   -- the recording's path, '' when none
    started_at INTEGER NOT NULL,
    ended_at   INTEGER                        -- NULL while live (or after a crash)
);
-- FindShow by title takes the newest show of that name.
CREATE INDEX shows_title ON shows(title, started_at);

-- kind is checked in Go (store/events.go), not here: a new kind then needs
-- no table rebuild, which is what a CHECK change costs in SQLite.
CREATE TABLE show_events (
    id        INTEGER PRIMARY KEY,
    show_id   INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
    at        INTEGER NOT NULL,                -- wall clock
    offset_ms INTEGER NOT NULL,                -- from the show's start, on the recording's timeline
    kind      TEXT    NOT NULL CHECK (kind <> ''),
    sku       TEXT    NOT NULL DEFAULT '',
    data      TEXT    CHECK (data IS NULL OR json_valid(data))
);
CREATE INDEX show_events_show ON show_events(show_id, offset_ms, id);

-- The show's own stock of a product (a flash sale's units, a host's
-- correction). Without a row a claim falls back to the catalog's
-- variants.stock, copied here at the first claim so the imported catalog
-- is never changed by a show. The CHECK is the last guard against
-- overselling; Claim refuses before it is reached.
CREATE TABLE show_stock (
    show_id    INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
    sku        TEXT    NOT NULL,
    stock      INTEGER NOT NULL CHECK (stock >= 0),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (show_id, sku)
) WITHOUT ROWID;

-- Accepted claims and purchases only: id is the idempotency key the relay
-- gave (its event id), unique within a show, so a retried claim is found
-- and answered as a duplicate instead of taking stock twice.
CREATE TABLE claims (
    show_id   INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
    id        TEXT    NOT NULL CHECK (id <> ''),
    sku       TEXT    NOT NULL,
    qty       INTEGER NOT NULL CHECK (qty > 0),
    user      TEXT    NOT NULL DEFAULT '',
    purchase  INTEGER NOT NULL CHECK (purchase IN (0, 1)),
    at        INTEGER NOT NULL,
    offset_ms INTEGER NOT NULL,
    PRIMARY KEY (show_id, id)
);

-- Giveaway entrants: one entry per user and giveaway, whatever way they
-- entered (the first source is kept), so a buyer who also comments has no
-- second chance.
CREATE TABLE giveaway_entrants (
    show_id  INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
    giveaway TEXT    NOT NULL,
    user     TEXT    NOT NULL CHECK (user <> ''),
    source   TEXT    NOT NULL DEFAULT '',     -- buyer | keyword:<word> | ...
    added_at INTEGER NOT NULL,
    PRIMARY KEY (show_id, giveaway, user)
) WITHOUT ROWID;

-- The audit of each draw: the eligible entrants as they were (sorted, as
-- JSON), their SHA-256 (of the names joined by "\n") that anyone can
-- recompute from the snapshot, and the winners in the order drawn.
CREATE TABLE giveaway_draws (
    id              INTEGER PRIMARY KEY,
    show_id         INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
    giveaway        TEXT    NOT NULL,
    drawn_at        INTEGER NOT NULL,
    entrant_count   INTEGER NOT NULL,
    entrants_sha256 TEXT    NOT NULL,
    entrants        TEXT    NOT NULL CHECK (json_valid(entrants)),
    winners         TEXT    NOT NULL CHECK (json_valid(winners))
);
CREATE INDEX giveaway_draws_show ON giveaway_draws(show_id, giveaway, id);
