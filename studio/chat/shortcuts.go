package chat

// Shortcut binds a moderator action to a key in the chat pane, as data so
// the GUI binds them in one loop and the docs print the same table. Keys
// are fyne's key names (fyne.KeyName: "Delete", "T", "Z"), used as is with
// fyne.KeyName(s.Key). The letters follow Twitch's mod view and
// Chatterino where they have one (Del delete, T timeout, B ban, U unban),
// and the first letter of the action elsewhere. Each key acts on the
// selected message (or its author); Shift reverses an action, Ctrl+Z
// undoes the moderator's last undoable one.
type Shortcut struct {
	Action   ActionKind
	Key      string // fyne.KeyName
	Modifier string // "", "Shift" or "Ctrl"
	Help     string
}

// Shortcuts are the chat pane's keys, in the order the help lists them.
var Shortcuts = []Shortcut{
	{ActDelete, "Delete", "", "delete the message on its platform (cannot be undone)"},
	{ActTimeout, "T", "", "time the author out for 10 minutes (DefaultTimeout)"},
	{ActLiftTimeout, "T", "Shift", "lift the author's timeout"},
	{ActBan, "B", "", "ban the author"},
	{ActUnban, "U", "", "unban the author"},
	{ActPin, "P", "", "pin the message, with an answer, to the overlay"},
	{ActUnpin, "P", "Shift", "take the pinned message off the overlay"},
	{ActReply, "R", "", "reply in the chat"},
	{ActApprove, "A", "", "approve a held message"},
	{ActDeny, "D", "", "deny a held message"},
	{ActAnswer, "Q", "", "mark the question answered"},
	{ActBlockTerm, "K", "", "block a term from the message"},
	{ActUnblockTerm, "K", "Shift", "unblock a term added during the show"},
	{ActCard, "C", "", "open the author's user card"},
	{ActUndo, "Z", "Ctrl", "undo your last undoable action"},
}

// ShortcutFor returns the key of an action.
func ShortcutFor(a ActionKind) (Shortcut, bool) {
	for _, s := range Shortcuts {
		if s.Action == a {
			return s, true
		}
	}
	return Shortcut{}, false
}

// String is the key as the help shows it: "Shift+T".
func (s Shortcut) String() string {
	if s.Modifier == "" {
		return s.Key
	}
	return s.Modifier + "+" + s.Key
}
