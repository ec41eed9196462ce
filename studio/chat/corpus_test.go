package chat

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

type labelled struct {
	line int
	spam bool
	text string
}

func readCorpus(t *testing.T, path string) []labelled {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		label, text, ok := strings.Cut(line, "\t")
		if !ok || (label != "spam" && label != "ham") {
			t.Fatalf("%s:%d: want spam|ham<TAB>text, got %q", path, n, line)
		}
		out = append(out, labelled{n, label == "spam", text})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// corpusScore runs a corpus through a fresh pipeline, one user per line and
// one second between lines, as a chat would carry them.
type corpusScore struct {
	spam, ham, caughtSpam, caughtHam int
	missed, falseAlarms              []string
}

func (s corpusScore) recall() float64  { return float64(s.caughtSpam) / float64(s.spam) }
func (s corpusScore) hamRate() float64 { return float64(s.caughtHam) / float64(s.ham) }
func (s corpusScore) precision() float64 {
	return float64(s.caughtSpam) / float64(s.caughtSpam+s.caughtHam)
}

func scoreCorpus(t *testing.T, rows []labelled) corpusScore {
	t.Helper()
	rules, err := LoadRules(filepath.Join("testdata", "corpus", "rules.toml"))
	if err != nil {
		t.Fatal(err)
	}
	p := New(Config{Rules: rules})
	start := time.Date(2025, 5, 1, 19, 0, 0, 0, time.UTC)
	var s corpusScore
	for i, r := range rows {
		d := p.Process(Message{Platform: PlatformLocal, User: "viewer" + strconv.Itoa(i), Text: r.text,
			Time: start.Add(time.Duration(i) * time.Second)})
		caught := d.Action != Allow
		why := strconv.Itoa(r.line) + ": " + strconv.Quote(r.text) + " " + string(d.Action) + " " + strings.Join(d.Reasons, "; ")
		switch {
		case r.spam && caught:
			s.spam++
			s.caughtSpam++
		case r.spam:
			s.spam++
			s.missed = append(s.missed, why)
		case caught:
			s.ham++
			s.caughtHam++
			s.falseAlarms = append(s.falseAlarms, why)
		default:
			s.ham++
		}
	}
	return s
}

// TestCorpus measures the rules on the labelled corpus and asserts the
// issue's targets: at least 90% of spam held or blocked, at most 3% of ham.
//
// train.tsv is what the rules were first tuned on; dev.tsv, dev2.tsv and
// heldout.tsv were the held-out splits of rounds 1 to 3 (each measured
// blind once, at 86.4%, 84.0% and 83.8% recall, then used for the next
// round: see their headers). heldout2.tsv was written before round 4
// changed anything and measured blind before (77.9%) and after it
// (95.3%): it is the split that says how the rules generalise, and no
// rule was written for a message of it.
func TestCorpus(t *testing.T) {
	splits := []struct {
		name      string
		minRecall float64
	}{
		{"train", 0.90}, {"dev", 0.90}, {"dev2", 0.90}, {"heldout", 0.90}, {"heldout2", 0.90},
	}
	for _, split := range splits {
		t.Run(split.name, func(t *testing.T) {
			rows := readCorpus(t, filepath.Join("testdata", "corpus", split.name+".tsv"))
			s := scoreCorpus(t, rows)
			t.Logf("%s: %d messages (%d spam, %d ham): spam held or blocked %d/%d = %.1f%% (recall), ham held or blocked %d/%d = %.1f%%, precision %.1f%%",
				split.name, len(rows), s.spam, s.ham, s.caughtSpam, s.spam, 100*s.recall(), s.caughtHam, s.ham, 100*s.hamRate(), 100*s.precision())
			for _, m := range s.missed {
				t.Logf("missed spam %s", m)
			}
			for _, m := range s.falseAlarms {
				t.Logf("held ham %s", m)
			}
			if s.recall() < 0.90 {
				t.Logf("%s: spam recall %.1f%% is BELOW the issue's 90%% target", split.name, 100*s.recall())
			}
			if s.recall() < split.minRecall {
				t.Errorf("%s: spam recall %.1f%%, want at least %.0f%%", split.name, 100*s.recall(), 100*split.minRecall)
			}
			if s.hamRate() > 0.03 {
				t.Errorf("%s: %.1f%% of ham held or blocked, want at most 3%%", split.name, 100*s.hamRate())
			}
		})
	}
}
