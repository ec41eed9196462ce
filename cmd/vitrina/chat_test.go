package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// chatCheck runs `vitrina chat check ARGS` with stdin and returns the exit
// code, the stdout lines and stderr.
func chatCheck(t *testing.T, stdin string, args ...string) (int, []string, string) {
	t.Helper()
	code, out, errs := runVitrina(t, []string{"VITRINA_DATA=" + t.TempDir()}, strings.NewReader(stdin), append([]string{"chat", "check"}, args...)...)
	var lines []string
	if s := strings.TrimSuffix(out, "\n"); s != "" {
		lines = strings.Split(s, "\n")
	}
	return code, lines, errs
}

type chatLine struct {
	Text   string   `json:"text"`
	Action string   `json:"action"`
	Rules  []string `json:"rules"`
	Queues []string `json:"queues"`
}

func decodeChatLines(t *testing.T, lines []string) []chatLine {
	t.Helper()
	out := make([]chatLine, len(lines))
	for i, l := range lines {
		dec := json.NewDecoder(strings.NewReader(l))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&out[i]); err != nil {
			t.Fatalf("line %d %q: %v", i+1, l, err)
		}
	}
	return out
}

func TestChatCheckOutput(t *testing.T) {
	in := "hello\nhow much is it?\nsend 0.1 ETH get 1 ETH back\nlook bit.ly/x\n<3 +1\r\n\n\xff\xfeok"
	code, lines, stderr := chatCheck(t, in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// The exact shape DESIGN.md promises, key order included.
	want := []string{
		`{"text":"hello","action":"allow","rules":[],"queues":[]}`,
		`{"text":"how much is it?","action":"allow","rules":[],"queues":["question"]}`,
		`{"text":"send 0.1 ETH get 1 ETH back","action":"block","rules":["scam"],"queues":[]}`,
		`{"text":"look bit.ly/x","action":"hold","rules":["links"],"queues":["held"]}`,
		`{"text":"<3 +1","action":"allow","rules":[],"queues":["want"]}`,
		`{"text":"","action":"allow","rules":[],"queues":[]}`,
		`{"text":"\ufffd\ufffdok","action":"allow","rules":[],"queues":[]}`,
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d: %q", len(lines), len(want), lines)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i+1, lines[i], want[i])
		}
	}
}

func TestChatCheckUsers(t *testing.T) {
	// user<TAB>text: slow mode counts per user (5 in 10 s by default; one
	// line is one second).
	var in strings.Builder
	for i := 0; i < 6; i++ {
		in.WriteString("olga\tmessage number " + string(rune('a'+i)) + "\n")
	}
	in.WriteString("ivan\tmessage number z\n")
	code, lines, stderr := chatCheck(t, in.String())
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got := decodeChatLines(t, lines)
	if got[4].Action != "allow" || got[5].Action != "hold" || got[5].Rules[0] != "rate" || got[6].Action != "allow" {
		t.Errorf("slow mode per user: %+v", got)
	}
	if got[0].Text != "message number a" {
		t.Errorf("text must not include the user: %q", got[0].Text)
	}
}

func TestChatCheckRulesAndProducts(t *testing.T) {
	dir := t.TempDir()
	rules := filepath.Join(dir, "rules.toml")
	os.WriteFile(rules, []byte("[blocked_terms]\nterms = [\"*plonk*\"]\n[links]\nallow = [\"vitrina.shop\"]\n[triage]\nhosts = [\"anna\"]\n"), 0o644)
	products := filepath.Join(dir, "products.toml")
	os.WriteFile(products, []byte("[[product]]\nref = \"GZ-PUR-S\"\nkeywords = [\"gauze shirt\"]\nnumber = 12\n"), 0o644)
	in := "PL0NKERS\nvitrina.shop/gauze\n12\n@anna the gauze shirt in blue?\n"
	code, lines, stderr := chatCheck(t, in, "--rules", rules, "--products", products)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got := decodeChatLines(t, lines)
	if got[0].Action != "block" || got[0].Rules[0] != "blocked_terms" {
		t.Errorf("custom term: %+v", got[0])
	}
	if got[1].Action != "allow" {
		t.Errorf("allowed domain: %+v", got[1])
	}
	if strings.Join(got[2].Queues, ",") != "want" {
		t.Errorf("lot number: %+v", got[2])
	}
	if strings.Join(got[3].Queues, ",") != "question,mention" {
		t.Errorf("question to the host: %+v", got[3])
	}
}

func TestChatCheckBadInput(t *testing.T) {
	big := strings.Repeat("spam ", 64<<10/5)
	code, lines, stderr := chatCheck(t, big+"\n"+strings.Repeat("x", 3<<20)+"\nok\n")
	if code != 0 || len(lines) != 3 {
		t.Fatalf("exit %d, %d lines: %s", code, len(lines), stderr)
	}
	got := decodeChatLines(t, lines)
	if got[0].Action != "hold" || got[1].Action != "hold" || got[2].Text != "ok" {
		t.Errorf("long lines: %s %s %q", got[0].Action, got[1].Action, got[2].Text)
	}
}

func TestChatCheckUsageErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("[caps]\nenabeld = false\n"), 0o644)
	cases := [][]string{
		{"chat"},
		{"chat", "frob"},
		{"chat", "check", "--nope"},
		{"chat", "check", "extra"},
		{"chat", "check", "--rules", bad},
		{"chat", "check", "--rules", filepath.Join(dir, "missing.toml")},
		{"chat", "check", "--products", bad},
	}
	for _, args := range cases {
		code, _, stderr := vitrina(t, args...)
		// The last line: libraries linked into the binary may log before
		// main runs (fyne does under LANG=C).
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		if last := lines[len(lines)-1]; code != 2 || !strings.HasPrefix(last, "vitrina: ") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a one-line error", args, code, stderr)
		}
	}
}
