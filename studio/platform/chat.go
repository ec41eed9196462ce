package platform

// ChatMessage is one line of chat. The relay adds who sent it (the
// envelope's from) and its seq, which chat.delete names.
type ChatMessage struct {
	Text    string `json:"text"`
	ReplyTo uint64 `json:"reply_to,omitempty"` // the seq of the message answered
}

func (ChatMessage) Type() Type { return TypeChatMessage }

func (m ChatMessage) Validate() error {
	return checkText(TypeChatMessage, "text", m.Text, 1, MaxChatRunes, true)
}

// ChatDelete removes a message for everyone.
type ChatDelete struct {
	MessageID uint64 `json:"message_id"` // the seq of the chat.message
	Reason    string `json:"reason,omitempty"`
}

func (ChatDelete) Type() Type { return TypeChatDelete }

func (d ChatDelete) Validate() error {
	if d.MessageID == 0 {
		return invalid(TypeChatDelete, "message_id", "required: the seq of the chat.message")
	}
	return checkText(TypeChatDelete, "reason", d.Reason, 0, MaxTextRunes, false)
}

// ChatTimeout keeps a viewer from posting for a while.
type ChatTimeout struct {
	Viewer    string `json:"viewer"`
	DurationS int    `json:"duration_s"`
	Reason    string `json:"reason,omitempty"`
}

func (ChatTimeout) Type() Type { return TypeChatTimeout }

func (c ChatTimeout) Validate() error {
	if err := checkViewer(TypeChatTimeout, "viewer", c.Viewer); err != nil {
		return err
	}
	if err := checkRange(TypeChatTimeout, "duration_s", int64(c.DurationS), 1, MaxTimeout); err != nil {
		return err
	}
	return checkText(TypeChatTimeout, "reason", c.Reason, 0, MaxTextRunes, false)
}

// ChatBan keeps a viewer from posting for the rest of the show, and may
// remove what they wrote.
type ChatBan struct {
	Viewer         string `json:"viewer"`
	Reason         string `json:"reason,omitempty"`
	DeleteMessages bool   `json:"delete_messages,omitempty"`
}

func (ChatBan) Type() Type { return TypeChatBan }

func (b ChatBan) Validate() error {
	if err := checkViewer(TypeChatBan, "viewer", b.Viewer); err != nil {
		return err
	}
	return checkText(TypeChatBan, "reason", b.Reason, 0, MaxTextRunes, false)
}

// ChatMode sets slow mode: at most one chat message per viewer every
// SlowModeS seconds (0 turns it off). The host is never slowed.
type ChatMode struct {
	SlowModeS int `json:"slow_mode_s"`
}

func (ChatMode) Type() Type { return TypeChatMode }

func (m ChatMode) Validate() error {
	return checkRange(TypeChatMode, "slow_mode_s", int64(m.SlowModeS), 0, MaxSlowMode)
}

// Reactions viewers can send.
var ReactionKinds = []string{"heart", "fire", "clap", "laugh", "wow"}

// Reaction is one viewer's tap (Count 0 or 1), or, from the relay, the
// total of one kind over the last moment.
type Reaction struct {
	Kind  string `json:"kind"`
	Count int    `json:"count,omitempty"`
}

func (Reaction) Type() Type { return TypeReaction }

func (r Reaction) Validate() error {
	known := false
	for _, k := range ReactionKinds {
		known = known || k == r.Kind
	}
	if !known || !kindPattern.MatchString(r.Kind) {
		return invalid(TypeReaction, "kind", "%q: want one of %q", r.Kind, ReactionKinds)
	}
	return checkRange(TypeReaction, "count", int64(r.Count), 0, 1e6)
}

// ViewersCount is how many viewers the relay has now.
type ViewersCount struct {
	Count int `json:"count"`
}

func (ViewersCount) Type() Type { return TypeViewersCount }

func (v ViewersCount) Validate() error {
	return checkRange(TypeViewersCount, "count", int64(v.Count), 0, 1e9)
}

// Claim is a viewer's "buy": it goes to the host, which owns the stock and
// answers with stock.update. Code is the promo code the viewer's page
// showed when they bought, if any: the host counts it against the code's
// usage limit.
type Claim struct {
	SKU      string `json:"sku"`
	Quantity int    `json:"quantity"`
	SaleID   string `json:"sale_id,omitempty"`
	Code     string `json:"code,omitempty"`
}

func (Claim) Type() Type { return TypeClaim }

func (c Claim) Validate() error {
	if err := checkSKU(TypeClaim, "sku", c.SKU); err != nil {
		return err
	}
	if err := checkRange(TypeClaim, "quantity", int64(c.Quantity), 1, MaxQuantity); err != nil {
		return err
	}
	if err := checkText(TypeClaim, "sale_id", c.SaleID, 0, 64, false); err != nil {
		return err
	}
	return checkText(TypeClaim, "code", c.Code, 0, 32, false) // as promo.drop's code
}
