package chat

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestParseRules(t *testing.T) {
	rs, err := ParseRules([]byte(`
[blocked_terms]
terms = ["*scam*", "fr?e money"]

[links]
allow = ["vitrina.shop"]

[caps]
enabled = false

[rate]
messages = 3
per = "20s"

[new_user]
first_message = true
action = "block"
`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rs.BlockedTerms.Terms, []string{"*scam*", "fr?e money"}) || rs.BlockedTerms.Action != Block {
		t.Errorf("blocked_terms = %+v", rs.BlockedTerms)
	}
	if rs.Caps.Enabled || rs.Caps.MinLetters != 60 {
		t.Errorf("caps = %+v: off, other keys default", rs.Caps)
	}
	if rs.Rate.Messages != 3 || rs.Rate.Per != 20*time.Second || !rs.Rate.Enabled {
		t.Errorf("rate = %+v", rs.Rate)
	}
	if !rs.NewUser.FirstMessage || rs.NewUser.Action != Block || rs.NewUser.MinAccountAge != 24*time.Hour {
		t.Errorf("new_user = %+v", rs.NewUser)
	}
	if !rs.Scam.Enabled || rs.Display.PerSecond != 20 {
		t.Errorf("sections the file leaves out keep their defaults")
	}
}

func TestParseRulesErrors(t *testing.T) {
	tests := map[string]string{
		"bad toml":       `[caps`,
		"unknown key":    "[caps]\nenabeld = false",
		"unknown table":  "[capz]\nenabled = false",
		"bad action":     "[links]\naction = \"delete\"",
		"bad duration":   "[rate]\nper = \"soon\"",
		"zero threshold": "[caps]\nmin_letters = 0",
		"ratio over 1":   "[caps]\nratio = 1.5",
		"empty term":     "[blocked_terms]\nterms = [\"!!!\"]",
		"huge rate":      "[rate]\nmessages = 100000",
		"wrong type":     "[caps]\nratio = \"high\"",
	}
	for name, file := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseRules([]byte(file)); !errors.Is(err, ErrBadRules) {
				t.Errorf("ParseRules(%q) = %v, want ErrBadRules", file, err)
			}
		})
	}
}

func TestLoadRulesMissingFile(t *testing.T) {
	if _, err := LoadRules(filepath.Join(t.TempDir(), "none.toml")); !errors.Is(err, ErrBadRules) {
		t.Errorf("missing file: %v, want ErrBadRules", err)
	}
}

func TestDefaultRulesValid(t *testing.T) {
	if err := DefaultRules().Validate(); err != nil {
		t.Fatal(err)
	}
	// The documented example must parse as written.
	data, err := os.ReadFile(filepath.Join("testdata", "rules.example.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseRules(data); err != nil {
		t.Errorf("testdata/rules.example.toml: %v", err)
	}
}

func TestParseProducts(t *testing.T) {
	ps, err := ParseProducts([]byte(`
[[product]]
ref = "GZ-PUR-S"
title = "Gauze shirt, purple"
keywords = ["gauze shirt", "gauze"]
number = 12

[[product]]
ref = "LN-DRS"
title = "Linen dress"
number = "7a"
`))
	if err != nil {
		t.Fatal(err)
	}
	want := []Product{
		{Ref: "GZ-PUR-S", Title: "Gauze shirt, purple", Keywords: []string{"gauze shirt", "gauze"}, Number: "12"},
		{Ref: "LN-DRS", Title: "Linen dress", Number: "7a"},
	}
	if len(ps) != 2 || ps[0].Number != want[0].Number || ps[1].Number != want[1].Number || !slices.Equal(ps[0].Keywords, want[0].Keywords) {
		t.Errorf("products = %+v, want %+v", ps, want)
	}
	bad := map[string]string{
		"no ref":      "[[product]]\ntitle = \"x\"",
		"twice":       "[[product]]\nref = \"a\"\n[[product]]\nref = \"a\"",
		"unknown key": "[[product]]\nref = \"a\"\nprice = 3",
		"bad number":  "[[product]]\nref = \"a\"\nnumber = 1.5",
	}
	for name, file := range bad {
		if _, err := ParseProducts([]byte(file)); !errors.Is(err, ErrBadProducts) {
			t.Errorf("%s: %v, want ErrBadProducts", name, err)
		}
	}
}
