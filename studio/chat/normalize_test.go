package chat

import (
	"slices"
	"strings"
	"testing"
)

func TestNormalizeWords(t *testing.T) {
	tests := []struct {
		name, in string
		words    []string
	}{
		{"ascii", "Hello World", []string{"hello", "world"}},
		{"fullwidth", "ｆｒｅｅ ＢＴＣ", []string{"free", "btc"}},
		{"cyrillic look-alikes", "ѕсаm", []string{"scam"}},
		{"greek look-alikes", "ΒΤС", []string{"btc"}},
		{"mathematical bold", "𝐅𝐑𝐄𝐄", []string{"free"}},
		{"circled", "ⓢⓤⓑ", []string{"sub"}},
		{"negative squared", "🅵🆁🅴🅴", []string{"free"}},
		{"small capitals", "ꜰʀᴇᴇ", []string{"free"}},
		{"diacritics", "Ņemu kā jūs", []string{"nemu", "ka", "jus"}},
		{"zero width", "sc\u200bam fr\u200de\u2060e", []string{"scam", "free"}},
		{"bidi controls", "\u202escam\u202c", []string{"scam"}},
		{"soft hyphen", "sc\u00adam", []string{"scam"}},
		{"leetspeak", "fr33 m0n3y sc4m", []string{"free", "money", "scam"}},
		{"leet symbols", "sc@m ca$h fr€€ g!ft wow!!", []string{"scam", "cash", "free", "gift", "wow"}},
		{"numbers keep digits", "size 42 costs 19.99", []string{"size", "42", "costs", "19", "99"}},
		{"quantities keep digits", "10k 5x 2nd", []string{"10k", "5x", "2nd"}},
		{"spaced letters", "f r e e b t c", []string{"freebtc"}},
		{"dotted letters", "s.c.a.m", []string{"scam"}},
		{"two letters stay", "d m me", []string{"d", "m", "me"}},
		{"spelt words stay apart", "C-H-E-C-K  M-Y  C-H-A-N-N-E-L", []string{"check", "my", "channel"}},
		{"apostrophes", "I'll don’t", []string{"ill", "dont"}},
		{"chinese one per char", "加微信abc", []string{"加", "微", "信", "abc"}},
		{"zalgo", "s̸̢̛̟͓c̷̡͉͂a̶̢͚̿m̵̧̛", []string{"scam"}},
		{"money symbols", "make $$$ 💰💰", []string{"make", "$$", "$$"}},
		{"ligature", "ﬁne", []string{"fine"}},
		{"sharp s", "Straße", []string{"strasse"}},
		{"control characters", "ab\x00cd\x1bef", []string{"ab", "cd", "ef"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := Normalize(tt.in)
			if !slices.Equal(n.Words, tt.words) {
				t.Errorf("Normalize(%q).Words = %q, want %q", tt.in, n.Words, tt.words)
			}
		})
	}
}

func TestNormalizeForms(t *testing.T) {
	n := Normalize("  @Anna  Хочу   ЭТО!! fr333ee\tnow ")
	if n.Folded != "@anna хочу это!! fr333ee now" {
		t.Errorf("Folded = %q", n.Folded)
	}
	if !slices.Equal(n.Plain, []string{"хочу", "это", "fr333ee", "now"}) {
		t.Errorf("Plain = %q (mentions out, no look-alike or leet mapping)", n.Plain)
	}
	if !slices.Equal(n.Mentions, []string{"anna"}) {
		t.Errorf("Mentions = %q", n.Mentions)
	}
	if !slices.Contains(n.Squeezed, "fre") {
		t.Errorf("Squeezed = %q, want fr333ee squeezed to fre", n.Squeezed)
	}
}

func TestNormalizeBounds(t *testing.T) {
	long := strings.Repeat("spam ", 20000) // 100 KB
	n := Normalize(long)
	if !n.Truncated || len(n.Folded) > MaxMatchBytes {
		t.Errorf("a 100 KB text: Truncated=%v, Folded %d bytes; want truncated to %d", n.Truncated, len(n.Folded), MaxMatchBytes)
	}
	if n.Shape.Runes != len(long) {
		t.Errorf("Shape.Runes = %d, want %d", n.Shape.Runes, len(long))
	}
	bad := Normalize("ok \xff\xfe scam \xc3")
	if !slices.Equal(bad.Words, []string{"ok", "scam"}) || !strings.Contains(bad.Folded, "\uFFFD") {
		t.Errorf("invalid UTF-8: Words %q Folded %q; want repaired with U+FFFD", bad.Words, bad.Folded)
	}
	// Cutting must not split a rune.
	cut := cutAt(strings.Repeat("я", 2000), MaxMatchBytes+1)
	if !strings.HasSuffix(cut, "я") || len(cut) > MaxMatchBytes+1 {
		t.Errorf("cutAt split a rune: %d bytes", len(cut))
	}
}

func TestShape(t *testing.T) {
	tests := []struct {
		in                               string
		letters, upper, run, emoji, mark int
	}{
		{"HELLO there", 10, 5, 2, 0, 0},
		{"wow!!!!!!", 3, 0, 6, 0, 0},
		{"😍😍😍 ok", 2, 0, 3, 3, 0},
		{"多少钱", 0, 0, 1, 0, 0},
		{"ПРИВЕТ", 6, 6, 1, 0, 0},
		{"z\u0301\u0302\u0303\u0304\u0305", 1, 0, 1, 0, 5},
	}
	for _, tt := range tests {
		sh := Normalize(tt.in).Shape
		if sh.Letters != tt.letters || sh.Upper != tt.upper || sh.MaxRun != tt.run || sh.Emoji != tt.emoji || sh.MaxMarks != tt.mark {
			t.Errorf("Shape(%q) = %+v", tt.in, sh)
		}
	}
}

func TestDisplayText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain ascii is untouched", "hello there", "hello there"},
		{"rtl override removed", "file\u202egpj.exe", "filegpj.exe"},
		{"isolates removed", "a\u2067b\u2069c", "abc"},
		{"zero-width space removed", "sc\u200bam", "scam"},
		{"joiners kept", "👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"},
		{"controls to spaces", "a\nb\tc\x00d", "a b cd"},
		{"invalid utf-8 repaired", "a\xffb", "a\uFFFDb"},
		{"zalgo capped", "z" + strings.Repeat("\u0301", 30), "z" + strings.Repeat("\u0301", displayMaxMarks)},
		{"arabic kept", "كم السعر؟", "كم السعر؟"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DisplayText(tt.in); got != tt.want {
				t.Errorf("DisplayText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	long := DisplayText(strings.Repeat("ab", DisplayMaxRunes))
	if got := len([]rune(long)); got != DisplayMaxRunes+1 || !strings.HasSuffix(long, "…") {
		t.Errorf("long text: %d runes, want %d and an ellipsis", got, DisplayMaxRunes+1)
	}
}
