package chat

import "testing"

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		p, s string
		want bool
	}{
		{"scam", "scam", true},
		{"*scam*", "scammer", true},
		{"*scam*", "bigscam", true},
		{"*scam*", "sca", false},
		{"fr?e", "free", true},
		{"fr?e", "frae", true},
		{"fr?e", "fre", false},
		{"fr?e", "freee", false},
		{"крипт*", "криптовалюта", true},
		{"крипт*", "крип", false},
		{"?", "я", true},
		{"a*b*c", "aXXbYYc", true},
		{"a*b*c", "aXXbYY", false},
		{"*", "", true},
	}
	for _, tt := range tests {
		if got := globMatch(tt.p, tt.s); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tt.p, tt.s, got, tt.want)
		}
	}
}

// TestTerms checks blocked-term matching end to end: the term and the
// message both normalised, wildcards, phrases, and the squeezed form.
func TestTerms(t *testing.T) {
	tests := []struct {
		term, text string
		want       bool
	}{
		{"*scam*", "this is a SCAM", true},
		{"*scam*", "total scammers", true},
		{"*scam*", "ѕсаm", true},
		{"*scam*", "5c4m", true},
		{"*scam*", "s c a m", true},
		{"*scam*", "scaaaam", true},
		{"*scam*", "sc\u200bam", true},
		{"*scam*", "scan", false},
		{"fr?e", "free", true},
		{"fr?e", "FR33", true},
		{"fr?e", "three", false},
		{"free money", "FREE   money!!!", true},
		{"free money", "free, the money", false},
		{"double * btc", "double your btc", true},
		{"double * btc", "double all of your btc", true},
		{"double * btc", "double one two three four btc", false},
		{"кредит*", "КРЕДИТЫ тут", true},
		{"кредит*", "kpeдит", true}, // Latin look-alikes in a Russian word
		{"加微信", "请加微信", true},
		{"加微信", "加 微 信", true},
		{"plonk", "plonk", true},
		{"plonk", "plonked", false},
	}
	for _, tt := range tests {
		ts := newTermSet()
		if !ts.add(tt.term, 0) {
			t.Fatalf("term %q did not compile", tt.term)
		}
		n := Normalize(tt.text)
		got := len(ts.find(&n, nil)) > 0
		if got != tt.want {
			t.Errorf("term %q in %q: %v, want %v (words %q)", tt.term, tt.text, got, tt.want, n.Words)
		}
	}
}

func TestCompilePatternEmpty(t *testing.T) {
	for _, p := range []string{"", "   ", "*", "* *", "!!!"} {
		if toks := compilePattern(p, skeletonMode); toks != nil {
			t.Errorf("compilePattern(%q) = %v, want nil", p, toks)
		}
	}
}
