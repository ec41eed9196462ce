package platform

import (
	"encoding/json"
	"slices"
	"testing"
)

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDedup(t *testing.T) {
	var d Dedup
	steps := []struct {
		id   uint64
		take bool
	}{
		{1, true}, {2, true}, {2, false}, {1, false}, {5, true}, {3, false}, {0, true}, {6, true}, {6, false},
	}
	for _, s := range steps {
		if got := d.Take(s.id); got != s.take {
			t.Errorf("Take(%d) = %v, want %v", s.id, got, s.take)
		}
	}
	if d.Last() != 6 {
		t.Errorf("Last() = %d, want 6", d.Last())
	}
}

func TestLogAfter(t *testing.T) {
	l := NewLog[string](4)
	if got, ok := l.After(0); !ok || len(got) != 0 {
		t.Errorf("empty log: After(0) = %v, %v", got, ok)
	}
	for _, s := range []string{"a", "b", "c"} {
		l.Append(s)
	}
	cases := []struct {
		after uint64
		want  []string
		ok    bool
	}{
		{0, []string{"a", "b", "c"}, true},
		{1, []string{"b", "c"}, true},
		{3, nil, true},
		{4, nil, false}, // ahead of the log: another run
	}
	for _, c := range cases {
		got, ok := l.After(c.after)
		if ok != c.ok || !slices.Equal(got, c.want) {
			t.Errorf("After(%d) = %v, %v; want %v, %v", c.after, got, ok, c.want, c.ok)
		}
	}
	for _, s := range []string{"d", "e", "f"} { // 6 entries in a ring of 4: a and b are gone
		l.Append(s)
	}
	if l.Oldest() != 3 || l.Head() != 6 {
		t.Fatalf("oldest %d head %d, want 3 and 6", l.Oldest(), l.Head())
	}
	if got, ok := l.After(2); !ok || !slices.Equal(got, []string{"c", "d", "e", "f"}) {
		t.Errorf("After(2) = %v, %v: everything after 2 is still held", got, ok)
	}
	if got, ok := l.After(1); ok {
		t.Errorf("After(1) = %v, ok: entry 2 was dropped, the replay would have a hole", got)
	}
	if v, ok := l.Get(5); !ok || v != "e" {
		t.Errorf("Get(5) = %q, %v", v, ok)
	}
	if _, ok := l.Get(2); ok {
		t.Errorf("Get(2) found a dropped entry")
	}
}

// A client folding the events into its own State ends where the relay's
// does: the pinned product, the sale's stock, the chat without the deleted
// and banned lines.
func TestStateApply(t *testing.T) {
	var s State
	apply := func(id uint64, from *Sender, ev Event) {
		env, err := NewEnvelope(id, ev)
		if err != nil {
			t.Fatal(err)
		}
		env.From = from
		s.Apply(env, ev)
	}
	ann := &Sender{Role: RoleViewer, Viewer: "v1", Nick: "ann"}
	bob := &Sender{Role: RoleViewer, Viewer: "v2", Nick: "bob"}
	apply(1, nil, Catalog{Products: []Product{{SKU: "A", Title: "Apron", Stock: Int(9)}, {SKU: "B", Title: "Bag"}}})
	apply(2, nil, ProductPin{SKU: "B"})
	apply(3, nil, SaleStart{SaleID: "s1", SKU: "A", PriceMinor: 100, Stock: 5, EndsAt: 1})
	apply(4, nil, StockUpdate{SKU: "A", Stock: 4})
	apply(5, ann, ChatMessage{Text: "hi"})
	apply(6, bob, ChatMessage{Text: "spam"})
	apply(7, ann, ChatMessage{Text: "cotton?"})
	apply(8, nil, ChatDelete{MessageID: 5})
	apply(9, nil, ChatBan{Viewer: "v2", DeleteMessages: true})
	apply(10, nil, ProductPin{SKU: "C", Product: &Product{SKU: "C", Title: "Cap"}})
	if s.Pinned != "C" || len(s.Catalog) != 3 {
		t.Errorf("pinned %q, catalog %d; want C and 3", s.Pinned, len(s.Catalog))
	}
	if n, ok := s.Stock("A"); !ok || n != 4 || s.Sale.Stock != 4 || *s.Catalog[0].Stock != 4 {
		t.Errorf("stock of A: %d %v (sale %d)", n, ok, s.Sale.Stock)
	}
	if len(s.Chat) != 1 || s.Chat[0].ID != 7 {
		t.Errorf("chat %v, want only message 7", s.Chat)
	}
	apply(11, nil, SaleEnd{SaleID: "s1", Reason: SaleEndTime})
	apply(12, nil, ProductUnpin{SKU: "B"}) // not the pinned one: nothing changes
	if s.Sale != nil || s.Pinned != "C" {
		t.Errorf("sale %v pinned %q", s.Sale, s.Pinned)
	}
}
