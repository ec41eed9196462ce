package chat

import (
	"context"
	"time"
)

// ActionKind names a moderator action; it is what the audit log records
// and what Shortcuts binds to a key.
type ActionKind string

// Moderator actions. The undo of an action is an action of its own, so
// the audit log reads as what happened.
const (
	ActDelete      ActionKind = "delete"       // remove a message on the platform; not undoable
	ActTimeout     ActionKind = "timeout"      // keep a user quiet for a while; undo: lift_timeout
	ActLiftTimeout ActionKind = "lift_timeout" // end a timeout early
	ActBan         ActionKind = "ban"          // keep a user out for good; undo: unban
	ActUnban       ActionKind = "unban"
	ActPin         ActionKind = "pin"   // a message (and the answer) on the overlay; undo: unpin
	ActUnpin       ActionKind = "unpin" // take the pinned message off the overlay
	ActReply       ActionKind = "reply" // post an answer in the chat; not undoable
	ActAnswer      ActionKind = "answer"
	ActUnanswer    ActionKind = "unanswer"     // a question back in the Questions queue
	ActBlockTerm   ActionKind = "block_term"   // add a blocked term from a message; undo: unblock_term
	ActUnblockTerm ActionKind = "unblock_term" // remove a term added during the show
	ActApprove     ActionKind = "approve"      // let a held message into the pane; not undoable
	ActDeny        ActionKind = "deny"         // keep a held message out; not undoable
	ActCard        ActionKind = "card"         // open the user card (read only: not logged)
	ActUndo        ActionKind = "undo"         // undo the moderator's last undoable action
)

// undoOf is the action that undoes each undoable action. A delete, a reply,
// an approve or a deny has no undo: the platform has no "undelete", a
// reply has been read, a held message approved has been seen.
var undoOf = map[ActionKind]ActionKind{
	ActTimeout:   ActLiftTimeout,
	ActBan:       ActUnban,
	ActPin:       ActUnpin,
	ActAnswer:    ActUnanswer,
	ActBlockTerm: ActUnblockTerm,
}

// Undoable reports whether an action can be taken back.
func Undoable(a ActionKind) bool { _, ok := undoOf[a]; return ok }

// UserRef names a chat user on one platform.
type UserRef struct {
	Platform string
	User     string // the platform's stable id: relay viewer id, YouTube channel id, IRC nick
	Display  string // the name shown; IRC and Twitch act by login name
}

// Author is the user who wrote m.
func Author(m Message) UserRef {
	return UserRef{Platform: m.Platform, User: m.User, Display: m.Display}
}

// Moderator is what a connector does for the moderators: every action goes
// to the platform the message came from through this interface. A platform
// that cannot do something returns an error wrapping ErrUnsupported; the
// studio still applies the action locally (the pane hides the message, the
// pipeline blocks the user), and the audit log says it stayed local.
type Moderator interface {
	// Delete removes a message for everyone.
	Delete(ctx context.Context, m Message) error
	// Timeout keeps a user from writing for d.
	Timeout(ctx context.Context, u UserRef, d time.Duration, reason string) error
	// LiftTimeout ends a timeout early.
	LiftTimeout(ctx context.Context, u UserRef) error
	// Ban keeps a user from writing for good.
	Ban(ctx context.Context, u UserRef, reason string) error
	// Unban lifts a ban.
	Unban(ctx context.Context, u UserRef) error
	// Reply posts text in the chat as the channel, answering m.
	Reply(ctx context.Context, text string, replyTo Message) error
}

// Pin is a viewer's message pinned to the program, with the host's answer:
// what the engine draws with overlays.Renderer.PinnedComment.
type Pin struct {
	MessageID string
	Platform  string
	User      string
	Display   string // the author's name as shown
	Text      string // made safe for display (DisplayText)
	Answer    string // may be empty
	By        string // the moderator
	At        time.Time
}

// ActionEvent tells the pane and the engine what an action changed, after
// it was taken: Pin is set for ActPin (the overlay shows it), ActUnpin
// takes it down, ActDelete removes Message from the pane, ActAnswer takes
// it out of the Questions queue, and so on.
type ActionEvent struct {
	ID        int64 // the audit log entry
	Kind      ActionKind
	Moderator string
	Message   Message // the message acted on, when there is one
	User      UserRef
	Pin       *Pin
	Term      string
	Duration  time.Duration
	Time      time.Time
	// Local is true when the platform did not take the action (no
	// connector, or it cannot), so it applies to the studio only.
	Local bool
}

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	ID        int64
	Time      time.Time
	Moderator string
	Action    ActionKind
	Platform  string
	User      string
	MessageID string
	Term      string
	Text      string // a reply, a pinned message's answer
	Reason    string
	Duration  time.Duration
	Result    string // "ok", "local: why", or the platform's error
	Undoes    int64
	UndoneBy  int64
}

// AuditLog keeps every action with the moderator's name and the time. The
// store implements it (studio/chat/chatstore); MemoryAudit is for tests.
// Append with Undoes set must also mark that entry undone, atomically, and
// fail if it was undone already.
type AuditLog interface {
	Append(ctx context.Context, e AuditEntry) (int64, error)
	Entry(ctx context.Context, id int64) (AuditEntry, error)
}
