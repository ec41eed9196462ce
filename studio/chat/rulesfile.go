package chat

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/BurntSushi/toml"
)

// LoadRules reads a rules file; every key it leaves out keeps its default.
func LoadRules(path string) (*Rules, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadRules, err)
	}
	return ParseRules(data)
}

// ParseRules reads a rules file's contents over DefaultRules. Unknown keys
// are errors: a misspelt "enabeld = false" must not leave a rule on.
func ParseRules(data []byte) (*Rules, error) {
	rs := DefaultRules()
	if err := decodeStrict(data, rs); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadRules, err)
	}
	if err := rs.Validate(); err != nil {
		return nil, err
	}
	return rs, nil
}

// decodeStrict decodes a TOML file into v; a key v has no field for is an
// error naming every such key, so a typo is reported rather than ignored.
func decodeStrict(data []byte, v any) error {
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(v)
	if err != nil {
		return err
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		return fmt.Errorf("unknown key %s", strings.Join(keys, ", "))
	}
	return nil
}

// Validate checks actions, thresholds and terms.
func (rs *Rules) Validate() error {
	bad := func(section, why string, args ...any) error {
		return fmt.Errorf("%w: [%s] %s", ErrBadRules, section, fmt.Sprintf(why, args...))
	}
	switches := []struct {
		name string
		s    Switch
	}{
		{"blocked_terms", rs.BlockedTerms.Switch}, {"scam", rs.Scam.Switch}, {"links", rs.Links.Switch},
		{"self_promo", rs.SelfPromo.Switch}, {"phone", rs.Phone.Switch}, {"caps", rs.Caps.Switch},
		{"repeats", rs.Repeats.Switch}, {"emoji_flood", rs.EmojiFlood.Switch}, {"length", rs.Length.Switch},
		{"duplicate", rs.Duplicate.Switch}, {"rate", rs.Rate.Switch}, {"new_user", rs.NewUser.Switch},
	}
	for _, sw := range switches {
		if a := sw.s.Action; a != Allow && a != Hold && a != Block {
			return bad(sw.name, "action %q: want allow, hold or block", a)
		}
	}
	positive := []struct {
		section, key string
		v            float64
	}{
		{"phone", "min_digits", float64(rs.Phone.MinDigits)},
		{"phone", "max_digits", float64(rs.Phone.MaxDigits)},
		{"caps", "min_letters", float64(rs.Caps.MinLetters)},
		{"caps", "ratio", rs.Caps.Ratio},
		{"repeats", "max_run", float64(rs.Repeats.MaxRun)},
		{"repeats", "max_word_repeats", float64(rs.Repeats.MaxWordRepeats)},
		{"repeats", "max_marks", float64(rs.Repeats.MaxMarks)},
		{"emoji_flood", "max", float64(rs.EmojiFlood.Max)},
		{"length", "max_runes", float64(rs.Length.MaxRunes)},
		{"duplicate", "window", float64(rs.Duplicate.Window)},
		{"duplicate", "cross_users", float64(rs.Duplicate.CrossUsers)},
		{"duplicate", "cross_window", float64(rs.Duplicate.CrossWindow)},
		{"rate", "messages", float64(rs.Rate.Messages)},
		{"rate", "per", float64(rs.Rate.Per)},
		{"self_promo", "weak_cues", float64(rs.SelfPromo.WeakCues)},
		{"display", "per_second", rs.Display.PerSecond},
		{"display", "burst", float64(rs.Display.Burst)},
		{"limits", "max_users", float64(rs.Limits.MaxUsers)},
		{"limits", "max_held", float64(rs.Limits.MaxHeld)},
		{"limits", "max_recent", float64(rs.Limits.MaxRecent)},
		{"limits", "interest_window", float64(rs.Limits.InterestWindow)},
		{"limits", "max_interest", float64(rs.Limits.MaxInterest)},
	}
	for _, p := range positive {
		if p.v <= 0 {
			return bad(p.section, "%s must be more than 0", p.key)
		}
	}
	if rs.Caps.Ratio > 1 {
		return bad("caps", "ratio must be at most 1")
	}
	if rs.Rate.Messages > 1000 {
		// Slow mode keeps this many times per user: bound the memory.
		return bad("rate", "messages must be at most 1000")
	}
	if rs.Phone.MinDigits > rs.Phone.MaxDigits {
		return bad("phone", "min_digits is more than max_digits")
	}
	lists := []struct {
		name  string
		terms []string
	}{
		{"blocked_terms", rs.BlockedTerms.Terms}, {"scam", rs.Scam.Extra}, {"self_promo", rs.SelfPromo.Extra},
		{"triage", rs.Triage.Questions}, {"triage", rs.Triage.Want},
	}
	for _, l := range lists {
		for _, t := range l.terms {
			if compilePattern(t, skeletonMode) == nil {
				return bad(l.name, "term %q has nothing to match", t)
			}
		}
	}
	return nil
}
