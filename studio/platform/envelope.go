package platform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Envelope is one message on the wire:
//
//	{"type":"stock.update","id":7,"ts":1767225600000,"data":{"sku":"GZ-PUR-S","stock":3}}
//
// ID is the sender's own, strictly increasing per sender: the client's
// for what it sends, the relay's seq for what the relay sends. Control
// messages and ephemeral events have none. From is set by the relay on
// what it forwards.
type Envelope struct {
	Type Type            `json:"type"`
	ID   uint64          `json:"id,omitempty"`
	TS   int64           `json:"ts,omitempty"` // unix milliseconds, when the sender made it
	From *Sender         `json:"from,omitempty"`
	Data json.RawMessage `json:"data,omitempty"`
}

// Sender is who an event forwarded by the relay came from.
type Sender struct {
	Role   Role   `json:"role"`
	Viewer string `json:"viewer,omitempty"`
	Nick   string `json:"nick,omitempty"`
}

// NewEnvelope checks ev and wraps it with the sender's id and the time.
func NewEnvelope(id uint64, ev Event) (Envelope, error) {
	if err := ev.Validate(); err != nil {
		return Envelope{}, err
	}
	data, err := json.Marshal(ev)
	if err != nil {
		return Envelope{}, fmt.Errorf("%w: %s: %v", ErrInvalid, ev.Type(), err)
	}
	return Envelope{Type: ev.Type(), ID: id, TS: time.Now().UnixMilli(), Data: data}, nil
}

// Encode is the frame for env.
func Encode(env Envelope) ([]byte, error) {
	b, err := json.Marshal(env)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrInvalid, env.Type, err)
	}
	return b, nil
}

// Frame is NewEnvelope then Encode.
func Frame(id uint64, ev Event) ([]byte, error) {
	env, err := NewEnvelope(id, ev)
	if err != nil {
		return nil, err
	}
	return Encode(env)
}

var registry = map[Type]func([]byte) (Event, error){
	TypeHello:          decodeAs[Hello],
	TypeWelcome:        decodeAs[Welcome],
	TypeAck:            decodeAs[Ack],
	TypeError:          decodeAs[ErrorData],
	TypeChatMessage:    decodeAs[ChatMessage],
	TypeChatDelete:     decodeAs[ChatDelete],
	TypeChatTimeout:    decodeAs[ChatTimeout],
	TypeChatBan:        decodeAs[ChatBan],
	TypeChatMode:       decodeAs[ChatMode],
	TypeCatalog:        decodeAs[Catalog],
	TypeProductPin:     decodeAs[ProductPin],
	TypeProductUnpin:   decodeAs[ProductUnpin],
	TypeSaleStart:      decodeAs[SaleStart],
	TypeSaleEnd:        decodeAs[SaleEnd],
	TypeStockUpdate:    decodeAs[StockUpdate],
	TypePromoDrop:      decodeAs[PromoDrop],
	TypeCoupon:         decodeAs[Coupon],
	TypeGiveawayResult: decodeAs[GiveawayResult],
	TypeReaction:       decodeAs[Reaction],
	TypeViewersCount:   decodeAs[ViewersCount],
	TypeClaim:          decodeAs[Claim],
	TypeClaimResult:    decodeAs[ClaimResult],
}

// Types lists every message type, sorted.
func Types() []Type {
	out := make([]Type, 0, len(registry))
	for t := range registry {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// Decode reads one frame as it came off a socket: within limit bytes (0:
// no limit), one JSON object, a known type, and data that validates. The
// error wraps ErrTooBig, ErrMalformed, ErrUnknownType or ErrInvalid and
// says what is wrong; the envelope is returned whenever it parsed, so a
// refusal can name the message's id.
func Decode(frame []byte, limit int) (Envelope, Event, error) {
	var env Envelope
	if limit > 0 && len(frame) > limit {
		return env, nil, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooBig, len(frame), limit)
	}
	if t := bytes.TrimLeft(frame, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return env, nil, fmt.Errorf("%w: want one JSON object, got %s", ErrMalformed, preview(frame))
	}
	if err := strict(frame, &env); err != nil {
		return env, nil, fieldError("", err)
	}
	if env.Type == "" {
		return env, nil, fmt.Errorf("%w: type: required", ErrInvalid)
	}
	dec, ok := registry[env.Type]
	if !ok {
		return env, nil, fmt.Errorf("%w: %q (version %s knows %s)", ErrUnknownType, env.Type, Version, knownTypes())
	}
	ev, err := dec(env.Data)
	if err != nil {
		return env, nil, fieldError(string(env.Type)+": data", err)
	}
	if err := ev.Validate(); err != nil {
		return env, nil, err
	}
	return env, ev, nil
}

// Payload decodes and validates env's data as T, for a client that knows
// what it expects.
func Payload[T Event](env Envelope) (T, error) {
	ev, err := decodeAs[T](env.Data)
	if err != nil {
		var zero T
		return zero, fieldError(string(env.Type)+": data", err)
	}
	if err := ev.Validate(); err != nil {
		var zero T
		return zero, err
	}
	return ev.(T), nil
}

func decodeAs[T Event](data []byte) (Event, error) {
	var v T
	d := bytes.TrimSpace(data)
	if len(d) == 0 || string(d) == "null" {
		return v, nil
	}
	if d[0] != '{' {
		return v, fmt.Errorf("%w: want an object", ErrInvalid)
	}
	if err := strict(d, &v); err != nil {
		return v, err
	}
	return v, nil
}

// strict decodes one value and refuses fields the type does not have: a
// misspelt "stok" is an error, not a stock of 0. New fields come with a
// new protocol version.
func strict(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return fmt.Errorf("%w: more than one JSON value in the frame", ErrMalformed)
	}
	return nil
}

// fieldError turns encoding/json's errors into ours, naming the field.
func fieldError(where string, err error) error {
	prefix := ""
	if where != "" {
		prefix = where + ": "
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, ErrMalformed), errors.Is(err, ErrInvalid):
		return fmt.Errorf("%s%w", prefix, err)
	case errors.As(err, &syn):
		return fmt.Errorf("%w: %sat byte %d: %v", ErrMalformed, prefix, syn.Offset, err)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "value"
		}
		return fmt.Errorf("%w: %s%s: want %s, got %s", ErrInvalid, prefix, field, typ.Type, typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: %sunexpected end of the frame, in the middle of a value", ErrMalformed, prefix)
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return fmt.Errorf("%w: %s%s", ErrInvalid, prefix, strings.TrimPrefix(err.Error(), "json: "))
	}
	return fmt.Errorf("%w: %s%v", ErrMalformed, prefix, err)
}

func knownTypes() string {
	var names []string
	for _, t := range Types() {
		names = append(names, string(t))
	}
	return strings.Join(names, ", ")
}

// preview quotes the start of a frame for an error message.
func preview(b []byte) string {
	const n = 24
	if len(b) > n {
		return fmt.Sprintf("%q…", b[:n])
	}
	return fmt.Sprintf("%q", b)
}
