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
// Connectors (platform relay, IRC/Twitch, YouTube), persistence and the
// moderator actions live elsewhere and only meet this package through
// Message, Decision and Sink.
package chat
