-- Chat: every message with its moderation decision, moderator actions
-- (the audit log) and per-user loyalty. Filled in by the chat-persistence work.
SELECT 1;
