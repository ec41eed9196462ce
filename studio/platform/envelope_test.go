package platform

import (
	"errors"
	"strings"
	"testing"
)

// Every way a frame can be wrong gets its own sentinel, its own code and a
// message that names what to fix.
func TestDecodeRefusesBadFrames(t *testing.T) {
	big := `{"type":"chat.message","id":1,"data":{"text":"` + strings.Repeat("a", MaxViewerFrame) + `"}}`
	cases := []struct {
		name  string
		frame string
		limit int
		want  error
		code  Code
		says  string
	}{
		{"not JSON", `hello?`, 0, ErrMalformed, CodeBadJSON, "want one JSON object"},
		{"truncated", `{"type":"chat.message","id":1,"data":{"text":"hi"`, 0, ErrMalformed, CodeBadJSON, "unexpected end"},
		{"array", `[{"type":"chat.message"}]`, 0, ErrMalformed, CodeBadJSON, "want one JSON object"},
		{"two objects", `{"type":"reaction","id":1,"data":{"kind":"heart"}}{"type":"reaction"}`, 0, ErrMalformed, CodeBadJSON, "more than one JSON value"},
		{"empty", ``, 0, ErrMalformed, CodeBadJSON, "want one JSON object"},
		{"oversized", big, MaxViewerFrame, ErrTooBig, CodeTooBig, "the limit is 8192"},
		{"no type", `{"id":1,"data":{}}`, 0, ErrInvalid, CodeInvalid, "type: required"},
		{"unknown type", `{"type":"chat.mesage","id":1,"data":{"text":"hi"}}`, 0, ErrUnknownType, CodeUnknownType, `"chat.mesage"`},
		{"unknown envelope field", `{"type":"reaction","id":1,"data":{"kind":"heart"},"extra":1}`, 0, ErrInvalid, CodeInvalid, `unknown field "extra"`},
		{"id not a number", `{"type":"reaction","id":"one","data":{"kind":"heart"}}`, 0, ErrInvalid, CodeInvalid, "id: want uint64"},
		{"negative id", `{"type":"reaction","id":-3,"data":{"kind":"heart"}}`, 0, ErrInvalid, CodeInvalid, "id: want uint64"},
		{"data not an object", `{"type":"chat.message","id":1,"data":"hi"}`, 0, ErrInvalid, CodeInvalid, "want an object"},
		{"misspelt field", `{"type":"stock.update","id":1,"data":{"sku":"A","stok":3}}`, 0, ErrInvalid, CodeInvalid, `stock.update: data: unknown field "stok"`},
		{"wrong field type", `{"type":"stock.update","id":1,"data":{"sku":"A","stock":"3"}}`, 0, ErrInvalid, CodeInvalid, "stock: want int"},
		{"negative stock", `{"type":"stock.update","id":1,"data":{"sku":"A","stock":-1}}`, 0, ErrInvalid, CodeInvalid, "stock: -1 is below 0"},
		{"empty chat", `{"type":"chat.message","id":1,"data":{"text":""}}`, 0, ErrInvalid, CodeInvalid, "text: required"},
		{"long chat", `{"type":"chat.message","id":1,"data":{"text":"` + strings.Repeat("ы", MaxChatRunes+1) + `"}}`, 0, ErrInvalid, CodeInvalid, "501 characters, the limit is 500"},
		{"control character", `{"type":"chat.message","id":1,"data":{"text":"a\u0007b"}}`, 0, ErrInvalid, CodeInvalid, "control character U+0007"},
		{"bad viewer", `{"type":"chat.ban","id":1,"data":{"viewer":"bob"}}`, 0, ErrInvalid, CodeInvalid, `"bob" is not a viewer id`},
		{"unknown reaction", `{"type":"reaction","id":1,"data":{"kind":"poop"}}`, 0, ErrInvalid, CodeInvalid, `kind: "poop"`},
		{"claim of nothing", `{"type":"claim","id":1,"data":{"sku":"A","quantity":0}}`, 0, ErrInvalid, CodeInvalid, "quantity: 0 is below 1"},
		{"sale end reason", `{"type":"sale.end","id":1,"data":{"sale_id":"s1","reason":"bored"}}`, 0, ErrInvalid, CodeInvalid, `reason: "bored"`},
		{"bad currency", `{"type":"sale.start","id":1,"data":{"sale_id":"s1","sku":"A","price_minor":100,"currency":"eur","stock":3,"ends_at":1}}`, 0, ErrInvalid, CodeInvalid, "ISO 4217"},
		{"catalog twice", `{"type":"catalog","id":1,"data":{"products":[{"sku":"A","title":"a"},{"sku":"A","title":"b"}]}}`, 0, ErrInvalid, CodeInvalid, `products[1].sku: "A" is listed twice`},
		{"pin mismatch", `{"type":"product.pin","id":1,"data":{"sku":"A","product":{"sku":"B","title":"b"}}}`, 0, ErrInvalid, CodeInvalid, `differs from sku "A"`},
		{"hello without versions", `{"type":"hello","data":{"role":"viewer"}}`, 0, ErrInvalid, CodeInvalid, "versions"},
		{"hello odd role", `{"type":"hello","data":{"versions":["1"],"role":"admin"}}`, 0, ErrInvalid, CodeInvalid, `role: "admin"`},
		{"hello odd nick", `{"type":"hello","data":{"versions":["1"],"role":"viewer","nick":"<script>"}}`, 0, ErrInvalid, CodeInvalid, "nick"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, ev, err := Decode([]byte(c.frame), c.limit)
			if !errors.Is(err, c.want) {
				t.Fatalf("Decode: %v (event %v), want %v", err, ev, c.want)
			}
			if ev != nil {
				t.Errorf("a refused frame decoded to %#v", ev)
			}
			if got := CodeOf(err); got != c.code {
				t.Errorf("code %q, want %q", got, c.code)
			}
			if !strings.Contains(err.Error(), c.says) {
				t.Errorf("error %q does not say %q", err, c.says)
			}
		})
	}
}

func TestDecodeKeepsTheIDOfARefusedMessage(t *testing.T) {
	env, _, err := Decode([]byte(`{"type":"stock.update","id":41,"data":{"sku":"A","stock":-2}}`), 0)
	if err == nil || env.ID != 41 {
		t.Fatalf("got id %d, err %v; want id 41 and an error, so the refusal can name it", env.ID, err)
	}
}

// Every type round-trips: what NewEnvelope makes, Decode reads back equal.
func TestRoundTripEveryType(t *testing.T) {
	events := []Event{
		Hello{Versions: []string{"1"}, Role: RoleViewer, Nick: "Anna K.", ResumeAfter: 7, Epoch: "e1", Session: "s1"},
		Ack{ID: 3, Seq: 9},
		ErrorData{Code: CodeSlowMode, Message: "wait", Ref: 4, RetryAfterMS: 1500},
		ChatMessage{Text: "is it cotton?\nand the size?"},
		ChatDelete{MessageID: 12, Reason: "spam"},
		ChatTimeout{Viewer: "v3", DurationS: 60},
		ChatBan{Viewer: "v3", DeleteMessages: true},
		ChatMode{SlowModeS: 10},
		Catalog{Products: []Product{{SKU: "GZ-PUR-S", Title: "Gauze shirt", PriceMinor: 4900, Currency: "EUR", Stock: Int(12), Number: 1}}},
		ProductPin{SKU: "GZ-PUR-S"},
		ProductUnpin{},
		SaleStart{SaleID: "s1", SKU: "GZ-PUR-S", PriceMinor: 2900, Currency: "EUR", Stock: 20, EndsAt: 1767225900000},
		SaleEnd{SaleID: "s1", Reason: SaleEndSoldOut},
		StockUpdate{SKU: "GZ-PUR-S", Stock: 0},
		PromoDrop{Code: "LIVE15", Discount: "15%", ExpiresAt: 1767225900000},
		Coupon{Text: "Watch 10 minutes to unlock", Code: "STAY10"},
		GiveawayResult{Winner: "anna", Viewer: "v7", Prize: "a scarf"},
		Reaction{Kind: "heart"},
		ViewersCount{Count: 212},
		Claim{SKU: "GZ-PUR-S", Quantity: 2, SaleID: "s1"},
		ClaimResult{Claim: 1210, Accepted: false, Reason: ClaimCodeUsedUp, SKU: "GZ-PUR-S", Left: Int(8)},
	}
	seen := map[Type]bool{}
	for i, ev := range events {
		b, err := Frame(uint64(i+1), ev)
		if err != nil {
			t.Fatalf("%s: %v", ev.Type(), err)
		}
		env, got, err := Decode(b, MaxHostFrame)
		if err != nil {
			t.Fatalf("%s: %v in %s", ev.Type(), err, b)
		}
		if env.ID != uint64(i+1) || env.Type != ev.Type() || env.TS == 0 {
			t.Errorf("%s: envelope %+v", ev.Type(), env)
		}
		if a, b := mustJSON(t, got), mustJSON(t, ev); a != b {
			t.Errorf("%s: decoded %s, sent %s", ev.Type(), a, b)
		}
		seen[ev.Type()] = true
	}
	// Welcome has its own test below; every other type is covered here.
	for _, typ := range Types() {
		if !seen[typ] && typ != TypeWelcome {
			t.Errorf("type %s has no round-trip case", typ)
		}
	}
}

func TestPayload(t *testing.T) {
	env, err := NewEnvelope(5, StockUpdate{SKU: "A", Stock: 2})
	if err != nil {
		t.Fatal(err)
	}
	su, err := Payload[StockUpdate](env)
	if err != nil || su.Stock != 2 {
		t.Fatalf("Payload: %+v, %v", su, err)
	}
	if _, err := NewEnvelope(6, StockUpdate{SKU: "", Stock: 2}); !errors.Is(err, ErrInvalid) {
		t.Errorf("NewEnvelope let an invalid event through: %v", err)
	}
}

func TestNegotiate(t *testing.T) {
	if v, err := Negotiate([]string{"7", "1"}); err != nil || v != "1" {
		t.Errorf("Negotiate(7, 1) = %q, %v; want 1", v, err)
	}
	// The relay prefers 2, whatever order the client lists them in.
	if v, err := Negotiate([]string{"1", "2"}); err != nil || v != "2" {
		t.Errorf("Negotiate(1, 2) = %q, %v; want 2", v, err)
	}
	_, err := Negotiate([]string{"3", "4"})
	if !errors.Is(err, ErrVersion) || CodeOf(err) != CodeVersion || !strings.Contains(err.Error(), `this relay speaks ["2" "1"]`) {
		t.Errorf("Negotiate(3, 4): %v", err)
	}
}

func TestRoutes(t *testing.T) {
	for _, typ := range Types() {
		if _, ok := RouteOf(typ); !ok {
			t.Errorf("%s has no route", typ)
		}
	}
	r, _ := RouteOf(TypeProductPin)
	if r.MaySend(RoleViewer) || !r.MaySend(RoleHost) || r.To != ToViewers {
		t.Errorf("product.pin route %+v", r)
	}
	r, _ = RouteOf(TypeClaim)
	if !r.MaySend(RoleViewer) || r.MaySend(RoleHost) || r.To != ToHost {
		t.Errorf("claim route %+v", r)
	}
	if r, _ := RouteOf(TypeViewersCount); r.MaySend(RoleHost) || r.MaySend(RoleViewer) || !r.Ephemeral {
		t.Errorf("viewers.count route %+v", r)
	}
}
