// Package chat is the chat engine of a live selling show: one message model
// for every platform, Unicode normalisation for matching, the moderation
// rules, the triage queues (questions, want-it, mentions, held) and the
// product-interest counters.
//
// The heart is [Pipeline]: a connector hands each [Message] to
// [Pipeline.Process] and gets a [Decision] back (allow, hold or block, the
// rules that fired, the queues the message belongs to). Every message and
// every decision also goes to the pipeline's [Sink], so that a buyer's
// message is never lost even when the pane is rate-limited or the message
// is held.
//
// [Actions] are the moderators' side: delete, timeout, ban, pin with an
// answer, reply, mark answered, block a term, approve and deny, the user
// card and undo. Each goes to its platform through a [Moderator] (the
// connectors implement it), applies locally (the pipeline keeps a banned
// user out of the pane), and is written to an [AuditLog]. [Shortcuts]
// binds them to keys for the pane.
//
// The connectors (platformchat, irc, youtube) and the store (chatstore)
// are sub-packages that import this one; this package imports neither,
// so `vitrina chat check` and the benchmarks run it without SQLite.
package chat
