package chat

import (
	"slices"
	"time"
)

// Switch turns a rule on or off and says what it does when it fires:
// "block", "hold", or "allow" (record the rule in the decision but let the
// message through: a dry run for a new rule).
type Switch struct {
	Enabled bool   `toml:"enabled"`
	Action  Action `toml:"action"`
}

func (s Switch) action() Action { return s.Action }

// Rules is a show's moderation config, as read from a rules file (see
// docs/chat-moderation.md). DefaultRules gives the values used for every
// key a file leaves out.
type Rules struct {
	BlockedTerms TermsConfig     `toml:"blocked_terms"`
	Scam         SpamConfig      `toml:"scam"`
	Links        LinksConfig     `toml:"links"`
	SelfPromo    SpamConfig      `toml:"self_promo"`
	Phone        PhoneConfig     `toml:"phone"`
	Caps         CapsConfig      `toml:"caps"`
	Repeats      RepeatsConfig   `toml:"repeats"`
	EmojiFlood   EmojiConfig     `toml:"emoji_flood"`
	Length       LengthConfig    `toml:"length"`
	Duplicate    DuplicateConfig `toml:"duplicate"`
	Rate         RateConfig      `toml:"rate"`
	NewUser      NewUserConfig   `toml:"new_user"`
	Triage       TriageConfig    `toml:"triage"`
	Display      DisplayConfig   `toml:"display"`
	Limits       LimitsConfig    `toml:"limits"`
}

// TermsConfig: blocked terms, matched after normalisation. A term is one
// or more words; inside a word '*' is any run of characters and '?' one
// character; a standalone '*' is up to three words.
type TermsConfig struct {
	Switch
	Terms []string `toml:"terms"`
}

// SpamConfig: the built-in multilingual phrase lists, plus the show's own.
type SpamConfig struct {
	Switch
	Extra []string `toml:"extra"` // more phrases, in the terms syntax
	// WeakCues (self_promo only): how many weak cues ("subscribe",
	// "channel", "visit") together count as self-promotion.
	WeakCues int `toml:"weak_cues"`
}

// LinksConfig: any link to a domain outside Allow fires. Allow matches the
// domain and its subdomains.
type LinksConfig struct {
	Switch
	Allow []string `toml:"allow"`
}

// PhoneConfig: phone numbers, national or international formats.
type PhoneConfig struct {
	Switch
	MinDigits int `toml:"min_digits"`
	MaxDigits int `toml:"max_digits"`
}

// CapsConfig: a message with at least MinLetters letters that have case,
// Ratio or more of them capitals.
type CapsConfig struct {
	Switch
	MinLetters int     `toml:"min_letters"`
	Ratio      float64 `toml:"ratio"`
}

// RepeatsConfig: one character repeated MaxRun times in a row, one word
// MaxWordRepeats times, or a stack of MaxMarks combining marks (zalgo).
type RepeatsConfig struct {
	Switch
	MaxRun         int `toml:"max_run"`
	MaxWordRepeats int `toml:"max_word_repeats"`
	MaxMarks       int `toml:"max_marks"`
}

// EmojiConfig: more than Max emoji (platform emotes included).
type EmojiConfig struct {
	Switch
	Max int `toml:"max"`
}

// LengthConfig: more than MaxRunes characters.
type LengthConfig struct {
	Switch
	MaxRunes int `toml:"max_runes"`
}

// DuplicateConfig: the same user sending the same text again within
// Window, or CrossUsers different users sending the same text of at least
// MinRunes characters within CrossWindow (a copy-paste raid; short ones
// like "+1" and "sold" are how a crowd buys, so they never count).
type DuplicateConfig struct {
	Switch
	Window      time.Duration `toml:"window"`
	CrossUsers  int           `toml:"cross_users"`
	CrossWindow time.Duration `toml:"cross_window"`
	MinRunes    int           `toml:"min_runes"`
}

// RateConfig: slow mode, at most Messages per user in any Per.
type RateConfig struct {
	Switch
	Messages int           `toml:"messages"`
	Per      time.Duration `toml:"per"`
}

// NewUserConfig: accounts younger than MinAccountAge (when the platform
// says), and, with FirstMessage, every user's first message in the show
// unless they were seen in a past show.
type NewUserConfig struct {
	Switch
	MinAccountAge time.Duration `toml:"min_account_age"`
	FirstMessage  bool          `toml:"first_message"`
}

// TriageConfig: who the host is and extra words for the queues.
type TriageConfig struct {
	Hosts     []string `toml:"hosts"`     // @names that count as mentions of the host
	Questions []string `toml:"questions"` // extra question phrases
	Want      []string `toml:"want"`      // extra want-it phrases
}

// DisplayConfig: the pane shows at most PerSecond allowed messages a
// second (bursts up to Burst); the rest are counted, and stored.
type DisplayConfig struct {
	PerSecond float64 `toml:"per_second"`
	Burst     int     `toml:"burst"`
}

// LimitsConfig bounds memory under a flood.
type LimitsConfig struct {
	MaxUsers       int           `toml:"max_users"`       // per-user state kept, least recently seen dropped
	MaxHeld        int           `toml:"max_held"`        // held queue; the oldest expires (it stays stored)
	MaxRecent      int           `toml:"max_recent"`      // texts remembered for cross-user duplicates
	InterestWindow time.Duration `toml:"interest_window"` // product mentions kept this long
	MaxInterest    int           `toml:"max_interest"`    // mentions kept per product
}

// DefaultRules are the rules when a show has no rules file, and the
// values for every key a file leaves out.
func DefaultRules() *Rules {
	on := func(a Action) Switch { return Switch{Enabled: true, Action: a} }
	return &Rules{
		// A copy: decoding a file into the result must not write into the
		// package's list.
		BlockedTerms: TermsConfig{Switch: on(Block), Terms: slices.Clone(defaultBlockedTerms)},
		Scam:         SpamConfig{Switch: on(Block)},
		Links:        LinksConfig{Switch: on(Hold)},
		SelfPromo:    SpamConfig{Switch: on(Hold), WeakCues: 2},
		Phone:        PhoneConfig{Switch: on(Hold), MinDigits: 9, MaxDigits: 15},
		Caps:         CapsConfig{Switch: on(Hold), MinLetters: 60, Ratio: 0.8},
		Repeats:      RepeatsConfig{Switch: on(Hold), MaxRun: 20, MaxWordRepeats: 10, MaxMarks: 8},
		EmojiFlood:   EmojiConfig{Switch: on(Hold), Max: 20},
		Length:       LengthConfig{Switch: on(Hold), MaxRunes: 500},
		Duplicate: DuplicateConfig{Switch: on(Hold), Window: 30 * time.Second,
			CrossUsers: 3, CrossWindow: time.Minute, MinRunes: 20},
		Rate:    RateConfig{Switch: on(Hold), Messages: 5, Per: 10 * time.Second},
		NewUser: NewUserConfig{Switch: on(Hold), MinAccountAge: 24 * time.Hour},
		Display: DisplayConfig{PerSecond: 20, Burst: 40},
		Limits: LimitsConfig{MaxUsers: 20000, MaxHeld: 5000, MaxRecent: 20000,
			InterestWindow: 5 * time.Minute, MaxInterest: 5000},
	}
}

// defaultBlockedTerms are threats of self-harm and violence, the abuse no
// show wants on air in any language; everything else is the show's call.
var defaultBlockedTerms = []string{
	"kys", "kill yourself", "kill urself", "i will kill you",
	"убей себя", "убейся", "сдохни", "mátate", "suicídate",
	"nogalini sevi", "去死", "杀了你",
}
