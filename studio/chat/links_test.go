package chat

import (
	"slices"
	"strconv"
	"testing"
)

func TestFindLinks(t *testing.T) {
	tests := []struct {
		text  string
		hosts []string
		obf   bool
	}{
		{"go to https://example.org/page", []string{"example.org"}, false},
		{"hxxp://evil.biz", []string{"evil.biz"}, false},
		{"www.cheap-replica.top all brands", []string{"www.cheap-replica.top"}, false},
		{"bit.ly/x", []string{"bit.ly"}, false},
		{"shop.example.com/sale", []string{"shop.example.com"}, false},
		{"example .com", []string{"example.com"}, true},
		{"example . com", []string{"example.com"}, true},
		{"example dot com", []string{"example.com"}, true},
		{"example (dot) ru", []string{"example.ru"}, true},
		{"example[.]xyz", []string{"example.xyz"}, true},
		{"example(.)com", []string{"example.com"}, true},
		{"example,com", []string{"example.com"}, true},
		{"пример точка ru", []string{"пpиmep.ru"}, true}, // in the Latin form
		{"ｂｉｔ．ｌｙ／ｘ", []string{"bit.ly"}, false},
		{"bіt.ly/x", []string{"bit.ly"}, false},
		{"mail me at a.b@gmail.com", []string{"gmail.com"}, false},
		{"t.me/drop and wa.me/1555", []string{"t.me", "wa.me"}, false},
		// Not links.
		{"is this link in the description?", nil, false},
		{"it costs 19.99, e.g. cheap", nil, false},
		{"ok.so i bought it", nil, false},
		{"love it. me too", nil, false},
		{"the polka dot top", nil, false},
		{"size 3.5 or 4", nil, false},
		{"loved it. Com-pletely", nil, false},
		{"version 2.0", nil, false},
	}
	for _, tt := range tests {
		n := Normalize(tt.text)
		ls := findLinks(n.Latin)
		var hosts []string
		for _, l := range ls {
			hosts = append(hosts, l.host)
			if l.obfuscated != tt.obf {
				t.Errorf("%q: %s obfuscated=%v, want %v", tt.text, l.host, l.obfuscated, tt.obf)
			}
		}
		if !slices.Equal(hosts, tt.hosts) {
			t.Errorf("findLinks(%q) = %q, want %q", tt.text, hosts, tt.hosts)
		}
	}
}

func TestAllowedHost(t *testing.T) {
	allow := []string{normalizeHost("https://www.Vitrina.shop/"), normalizeHost("example.org")}
	tests := []struct {
		host string
		want bool
	}{
		{"vitrina.shop", true},
		{"www.vitrina.shop", true},
		{"eu.vitrina.shop", true},
		{"vitrina.shop.evil.com", false},
		{"notvitrina.shop", false},
		{"example.org", true},
	}
	for _, tt := range tests {
		if got := allowedHost(tt.host, allow); got != tt.want {
			t.Errorf("allowedHost(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
}

func TestFindPhone(t *testing.T) {
	tests := []struct {
		text string
		want int // digits, 0 for none
	}{
		{"call +44 7700 900123", 12},
		{"звоните 8 (912) 345-67-89", 11},
		{"+7 999 123 45 67", 11},
		{"555-123-4567", 10},
		{"13812345678", 11},
		{"138 1234 5678", 11},
		{"+371 2123 4567", 11},
		{"zvani 21234567", 8},       // a cue lets a Latvian 8-digit number count
		{"whatsapp 612 345 678", 9}, // thousands-shaped, but a cue
		// Not phones.
		{"1 000 000 000 views", 0},
		{"1.000.000.000", 0},
		{"2,000,000,000 views", 0},
		{"612 345 678", 0},
		{"order 2024051234 not here", 0},
		{"+1 for the blue", 0},
		{"12.05.2024", 0},
		{"price 1 299 000", 0},
		{"4111 1111 1111 1111", 0}, // 16 digits: a card, not a phone
	}
	for _, tt := range tests {
		r := &phoneRule{cfg: DefaultRules().Phone}
		n := Normalize(tt.text)
		fired, why := r.check(&checkCtx{norm: n})
		want := ""
		if tt.want > 0 {
			want = "phone number (" + strconv.Itoa(tt.want) + " digits)"
		}
		if fired != (tt.want > 0) || why != want {
			t.Errorf("phone in %q: fired=%v %q, want %q", tt.text, fired, why, want)
		}
	}
}
