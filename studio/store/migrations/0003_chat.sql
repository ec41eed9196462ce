-- Chat: every message with its moderation decision, the ends of held
-- messages, the moderators' actions (the audit log) and purchases by chat
-- users (for loyalty). Times are unix milliseconds. A show is named by the
-- string the engine gives the chat sink (its id); '' is "no show" (tests,
-- `vitrina chat check`).

-- One row per message, the decision in the same row: a flood of 10,000
-- messages a second is one INSERT each, no child rows. Lists are JSON
-- arrays of strings, readable with json_each().
CREATE TABLE chat_messages (
    id              INTEGER PRIMARY KEY,
    show            TEXT    NOT NULL DEFAULT '',
    platform        TEXT    NOT NULL,
    message_id      TEXT    NOT NULL,                 -- the platform's id (or the pipeline's local-N)
    channel         TEXT    NOT NULL DEFAULT '',
    user_id         TEXT    NOT NULL DEFAULT '',
    display         TEXT    NOT NULL DEFAULT '',
    badges          TEXT    NOT NULL DEFAULT '',      -- comma-separated: moderator,subscriber,broadcaster,buyer,first
    loyalty         INTEGER NOT NULL DEFAULT 0,       -- past shows the platform or the store knew of
    text            TEXT    NOT NULL,                 -- as received, at most 64 KiB of it
    text_bytes      INTEGER NOT NULL,                 -- its length as received
    emotes          TEXT    NOT NULL DEFAULT '[]',    -- JSON [{"id":..,"start":..,"end":..}]
    sent_at         INTEGER NOT NULL,
    account_created INTEGER,                          -- NULL: the platform did not say
    action          TEXT    NOT NULL CHECK (action IN ('allow', 'hold', 'block')),
    rules           TEXT    NOT NULL DEFAULT '[]',
    reasons         TEXT    NOT NULL DEFAULT '[]',
    queues          TEXT    NOT NULL DEFAULT '[]',
    products        TEXT    NOT NULL DEFAULT '[]',
    shown           INTEGER NOT NULL DEFAULT 0 CHECK (shown IN (0, 1))
);
CREATE INDEX chat_messages_user ON chat_messages(platform, user_id, show);
CREATE INDEX chat_messages_id ON chat_messages(show, message_id);

-- The end of a held message: approved, denied, or expired from a full queue.
CREATE TABLE chat_resolutions (
    id         INTEGER PRIMARY KEY,
    show       TEXT    NOT NULL DEFAULT '',
    message_id TEXT    NOT NULL,
    verdict    TEXT    NOT NULL CHECK (verdict IN ('approved', 'denied', 'expired')),
    moderator  TEXT    NOT NULL DEFAULT '',
    at         INTEGER NOT NULL
);
CREATE INDEX chat_resolutions_message ON chat_resolutions(show, message_id);

-- The audit log: every moderator action, who did it and when, whether the
-- platform took it, and which action undid it (or which one it undoes).
CREATE TABLE chat_actions (
    id          INTEGER PRIMARY KEY,
    show        TEXT    NOT NULL DEFAULT '',
    at          INTEGER NOT NULL,
    moderator   TEXT    NOT NULL CHECK (moderator <> ''),
    action      TEXT    NOT NULL,                     -- delete, timeout, lift_timeout, ban, unban, pin, unpin, reply, answer, block_term, unblock_term, approve, deny
    platform    TEXT    NOT NULL DEFAULT '',
    user_id     TEXT    NOT NULL DEFAULT '',
    message_id  TEXT    NOT NULL DEFAULT '',
    term        TEXT    NOT NULL DEFAULT '',
    text        TEXT    NOT NULL DEFAULT '',          -- a reply, a pinned answer
    reason      TEXT    NOT NULL DEFAULT '',
    duration_ms INTEGER NOT NULL DEFAULT 0,
    result      TEXT    NOT NULL DEFAULT 'ok',        -- ok, local (no platform call), or the error
    undoes      INTEGER REFERENCES chat_actions(id),
    undone_by   INTEGER REFERENCES chat_actions(id)
);
CREATE INDEX chat_actions_show ON chat_actions(show, at);
CREATE INDEX chat_actions_user ON chat_actions(platform, user_id);

-- Purchases by chat users, one row per order, for the user card's loyalty.
-- The show's claim handling adds them (AddChatPurchase).
CREATE TABLE chat_purchases (
    id       INTEGER PRIMARY KEY,
    show     TEXT    NOT NULL DEFAULT '',
    platform TEXT    NOT NULL,
    user_id  TEXT    NOT NULL,
    sku      TEXT    NOT NULL DEFAULT '',
    quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
    at       INTEGER NOT NULL
);
CREATE INDEX chat_purchases_user ON chat_purchases(platform, user_id);
