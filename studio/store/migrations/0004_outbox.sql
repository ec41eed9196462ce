-- The platform client's outbox: every event the studio sends the relay is
-- kept here, with the id it carries on the wire, until the relay acks it,
-- so nothing is lost across a relay restart, a network cut or a studio
-- crash. The cursor is where the studio stopped reading the relay's events.

CREATE TABLE platform_outbox (
    room       TEXT    NOT NULL,            -- the relay's events URL, without credentials
    id         INTEGER NOT NULL CHECK (id > 0), -- the sender id on the wire
    frame      BLOB    NOT NULL,            -- the encoded envelope, sent as is
    created_at INTEGER NOT NULL,            -- unix milliseconds
    acked_at   INTEGER,                     -- NULL until the relay took it
    PRIMARY KEY (room, id)
) WITHOUT ROWID;

CREATE INDEX platform_outbox_pending ON platform_outbox (room, id) WHERE acked_at IS NULL;

CREATE TABLE platform_cursor (
    room    TEXT    PRIMARY KEY,
    epoch   TEXT    NOT NULL,
    seq     INTEGER NOT NULL,
    next_id INTEGER NOT NULL DEFAULT 1      -- ids below it are used: a relay that remembers more raises it
);
