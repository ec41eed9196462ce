package chat

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzProcess feeds arbitrary text through the whole pipeline. The seed
// corpus is in testdata/fuzz/FuzzProcess; run it for a minute with
//
//	go test -run XXX -fuzz FuzzProcess -fuzztime 60s -fuzzminimizetime 2s ./studio/chat/
//
// (without -fuzzminimizetime the fuzzer spends up to a minute shrinking
// each new 64 KB input and reports 0 execs/s meanwhile).
func FuzzProcess(f *testing.F) {
	for _, s := range benchTexts {
		f.Add(s, "viewer", false)
	}
	f.Add("", "", true)
	f.Add("\xff\xfe\u202e@anna #12 +1 bit.ly/x", "mod", true)
	sink := &CountingSink{}
	p := New(Config{Sink: sink, Products: triageProducts})
	var n int
	f.Fuzz(func(t *testing.T, text, user string, buyer bool) {
		n++
		d := p.Process(Message{User: user, Text: text, Badges: Badges{Buyer: buyer}, Time: t0.Add(time.Duration(n) * time.Millisecond)})
		switch d.Action {
		case Allow, Hold, Block:
		default:
			t.Fatalf("action %q", d.Action)
		}
		if d.Action != Allow && (len(d.Rules) == 0 || d.Shown) {
			t.Fatalf("%s with rules %v, shown %v: a held or blocked message names its rule and is not shown", d.Action, d.Rules, d.Shown)
		}
		if len(d.Rules) != len(d.Reasons) {
			t.Fatalf("rules %v, reasons %v", d.Rules, d.Reasons)
		}
		if d.ID == "" {
			t.Fatal("no id")
		}
		if !utf8.ValidString(d.Display) || strings.ContainsAny(d.Display, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\x00") {
			t.Fatalf("unsafe display %q", d.Display)
		}
		if d.Action == Hold != d.InQueue(QueueHeld) {
			t.Fatalf("hold and the held queue disagree: %s %v", d.Action, d.Queues)
		}
		nm := Normalize(text)
		for _, w := range nm.Words {
			if w == "" {
				t.Fatalf("empty token in %q", nm.Words)
			}
		}
		if !utf8.ValidString(nm.Folded) || len(nm.Folded) > 20*MaxMatchBytes {
			t.Fatalf("folded form: valid %v, %d bytes", utf8.ValidString(nm.Folded), len(nm.Folded))
		}
	})
}
