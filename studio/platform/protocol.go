// Package platform is the relay protocol of docs/platform-protocol.md: the
// JSON messages the studio (the host) and the viewers exchange with a
// shopping platform's relay over one WebSocket each, their validation, the
// event ids that make delivery idempotent and the bounded log a relay
// replays after a reconnect. The relay server is in platform/relay; a
// client needs only this package.
//
// A client's life, in brief:
//
//	c, err := platform.Dial(ctx, "ws://127.0.0.1:8080/show/events", platform.DialOptions{
//		Token: token, Hello: platform.Hello{Role: platform.RoleHost, ResumeAfter: lastSeq, Epoch: epoch}})
//	// c.Welcome.LastID: the last of our ids the relay has; resend the rest.
//	err = c.Send(ctx, 42, platform.ProductPin{SKU: "GZ-PUR-S"}) // acked with {"id":42,"seq":…}
//	env, ev, err := c.Read(ctx) // chat, claims, reactions, acks, errors
package platform

import "strconv"

// Version is the newest protocol version this package speaks; Versions
// lists every one it can, preferred first. Version 2 is version 1,
// claim.result, a claim's code and a coupon's watch_seconds; a version 1
// client never sees a claim.result, nor those fields (versions.go).
const Version = "2"

// Versions are the protocol versions this package can speak, preferred
// first.
var Versions = []string{Version, "1"}

// Limits of version 1 (and 2). A frame over its sender's limit closes the socket
// with 1009; the other limits are checked per message and answered with an
// error message.
const (
	MaxHostFrame   = 64 << 10 // bytes in one frame from the host
	MaxViewerFrame = 8 << 10  // bytes in one frame from a viewer
	MaxChatRunes   = 500      // characters in a chat message
	MaxNickRunes   = 32       // characters in a nickname
	MaxTextRunes   = 200      // characters in other free text (reasons, coupon text, prizes)
	MaxCatalog     = 500      // products in one catalog message
	MaxTimeout     = 86400    // seconds a chat.timeout may last
	MaxSlowMode    = 3600     // seconds between one viewer's chat messages
	MaxQuantity    = 10       // items in one claim
)

// Type names a message. Events carry a show's happenings; hello, welcome,
// ack and error are the conversation around them.
type Type string

// Message types of version 1.
const (
	TypeHello   Type = "hello"   // client → relay, first message
	TypeWelcome Type = "welcome" // relay → client, answer to hello
	TypeAck     Type = "ack"     // relay → client: an event was taken
	TypeError   Type = "error"   // relay → client: a message was refused

	TypeChatMessage    Type = "chat.message"
	TypeChatDelete     Type = "chat.delete"
	TypeChatTimeout    Type = "chat.timeout"
	TypeChatBan        Type = "chat.ban"
	TypeChatMode       Type = "chat.mode"
	TypeCatalog        Type = "catalog"
	TypeProductPin     Type = "product.pin"
	TypeProductUnpin   Type = "product.unpin"
	TypeSaleStart      Type = "sale.start"
	TypeSaleEnd        Type = "sale.end"
	TypeStockUpdate    Type = "stock.update"
	TypePromoDrop      Type = "promo.drop"
	TypeCoupon         Type = "coupon"
	TypeGiveawayResult Type = "giveaway.result"
	TypeReaction       Type = "reaction"
	TypeViewersCount   Type = "viewers.count"
	TypeClaim          Type = "claim"
	TypeClaimResult    Type = "claim.result" // version 2
)

// Role is who is at the other end of a socket.
type Role string

// Roles. The host is the studio, authenticated with the Bearer token on
// the upgrade; viewers are anonymous with a nickname; the relay itself
// originates viewer counts and reaction totals.
const (
	RoleHost   Role = "host"
	RoleViewer Role = "viewer"
	RoleRelay  Role = "relay"
)

// Audience is who receives an event the relay takes.
type Audience int

// Audiences.
const (
	ToNobody   Audience = iota // control messages: answered, not forwarded
	ToAll                      // the host and every viewer, the sender included
	ToViewers                  // every viewer
	ToHost                     // the host only
	ToClaimant                 // the viewer who made the claim it names (claim.result)
)

// Route says who may send a type, who gets it, and whether the relay logs
// it for replay. Ephemeral events (reaction totals, viewer counts, claim
// results) carry no id and are not replayed: a late client gets the
// current figures in the welcome's state instead.
type Route struct {
	Host, Viewer bool // may send it
	To           Audience
	Ephemeral    bool
	Since        string // the first version with this type; "" is "1"
}

var routes = map[Type]Route{
	TypeChatMessage:    {Host: true, Viewer: true, To: ToAll},
	TypeChatDelete:     {Host: true, To: ToAll},
	TypeChatTimeout:    {Host: true, To: ToAll},
	TypeChatBan:        {Host: true, To: ToAll},
	TypeChatMode:       {Host: true, To: ToAll},
	TypeCatalog:        {Host: true, To: ToViewers},
	TypeProductPin:     {Host: true, To: ToViewers},
	TypeProductUnpin:   {Host: true, To: ToViewers},
	TypeSaleStart:      {Host: true, To: ToViewers},
	TypeSaleEnd:        {Host: true, To: ToViewers},
	TypeStockUpdate:    {Host: true, To: ToViewers},
	TypePromoDrop:      {Host: true, To: ToViewers},
	TypeCoupon:         {Host: true, To: ToViewers},
	TypeGiveawayResult: {Host: true, To: ToViewers},
	TypeReaction:       {Viewer: true, To: ToAll, Ephemeral: true},
	TypeViewersCount:   {To: ToAll, Ephemeral: true},
	TypeClaim:          {Viewer: true, To: ToHost},
	TypeClaimResult:    {Host: true, To: ToClaimant, Ephemeral: true, Since: "2"},
	TypeHello:          {Host: true, Viewer: true},
	TypeWelcome:        {},
	TypeAck:            {},
	TypeError:          {},
}

// RouteOf returns the route of a type, and false for a type version 1 does
// not know.
func RouteOf(t Type) (Route, bool) {
	r, ok := routes[t]
	return r, ok
}

// MaySend says whether a role may send a type to the relay.
func (r Route) MaySend(role Role) bool {
	switch role {
	case RoleHost:
		return r.Host
	case RoleViewer:
		return r.Viewer
	}
	return false
}

// In says whether a version has the route's type: a client that
// negotiated an older one neither sends nor gets it.
func (r Route) In(version string) bool {
	return r.Since == "" || versionNumber(version) >= versionNumber(r.Since)
}

func versionNumber(v string) int {
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0
	}
	return n
}

// Negotiate picks the version both sides speak: the first of ours (in our
// order of preference) that the client offered.
func Negotiate(offered []string) (string, error) {
	for _, v := range Versions {
		for _, o := range offered {
			if o == v {
				return v, nil
			}
		}
	}
	return "", wrapf(ErrVersion, "none of %q is spoken here (this relay speaks %q)", offered, Versions)
}
