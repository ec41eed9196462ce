package show

import (
	"errors"
	"strings"
	"testing"
	"time"
)

const rundownTables = `
[[rundown]]
product = "MUG-BLU"
minutes = 5
notes = "Dishwasher safe; the glaze is lead-free."
faq = ["Microwave safe? Yes.", "Gift box? Ask in chat."]

[[rundown]]
product = "gzhel-hoodie"
minutes = 2.5

[[rundown]]
product = "KET-01"
`

func TestRundownParsesInOrderWithMinutesNotesAndFAQ(t *testing.T) {
	f, err := Load(writeShow(t, goodShow+rundownTables))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Rundown) != 3 {
		t.Fatalf("%d rundown entries, want 3", len(f.Rundown))
	}
	r := f.Rundown
	if r[0].Product != "MUG-BLU" || r[1].Product != "gzhel-hoodie" || r[2].Product != "KET-01" {
		t.Errorf("order %q %q %q", r[0].Product, r[1].Product, r[2].Product)
	}
	if r[0].Planned() != 5*time.Minute || r[1].Planned() != 150*time.Second || r[2].Planned() != 0 {
		t.Errorf("planned %v %v %v, want 5m 2m30s 0", r[0].Planned(), r[1].Planned(), r[2].Planned())
	}
	if !strings.Contains(r[0].Notes, "lead-free") || len(r[0].FAQ) != 2 || r[0].FAQ[1] != "Gift box? Ask in chat." {
		t.Errorf("notes %q, faq %q", r[0].Notes, r[0].FAQ)
	}
}

// A show file without [[rundown]] loads as before: the rundown is then
// the catalog's order, which the catalog gives.
func TestNoRundownIsNoError(t *testing.T) {
	f, err := Load(writeShow(t, goodShow))
	if err != nil || len(f.Rundown) != 0 {
		t.Fatalf("rundown %v, err %v", f.Rundown, err)
	}
}

func TestRundownErrorsNameTheEntryAndField(t *testing.T) {
	for _, c := range []struct{ table, want string }{
		{`notes = "x"`, `rundown[0]: product is required`},
		{"product = \"A\"\nminutes = 0", `rundown[0] ("A"): minutes 0`},
		{"product = \"A\"\nminutes = -3", `rundown[0] ("A"): minutes -3`},
		{"product = \"A\"\nminutes = nan", `rundown[0] ("A"): minutes NaN`},
		{"product = \"A\"\nminutes = \"5m\"", `line`},
		{"product = \"A\"\nfaq = [\"ok?\", \" \"]", `rundown[0] ("A"): faq[1] is empty`},
		{"product = \"A\"\nfaq = [{q = \"x\"}]", `rundown`},
		{"product = \"A\"\nnote = \"typo\"", `unknown key rundown.note`},
		{"product = \"A\"\nnotes = \"" + strings.Repeat("n", MaxRundownNotes+1) + "\"", `rundown[0] ("A"): notes: at most 4000`},
		{"product = \"A\"\n[[rundown]]\nproduct = \"B\"\n[[rundown]]\nproduct = \"A\"", `rundown[2] ("A"): product is listed twice (first at rundown[0])`},
	} {
		_, err := Load(writeShow(t, goodShow+"\n[[rundown]]\n"+c.table+"\n"))
		if err == nil || !errors.Is(err, ErrBadShow) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want an ErrBadShow naming %q", c.table, err, c.want)
		}
	}
}

func TestCouponCodeAndWatchCondition(t *testing.T) {
	cue := func(body string) string { return goodShow + "\n[[cue]]\nat = \"1s\"\ndo = \"coupon\"\n" + body + "\n" }
	f, err := Load(writeShow(t, cue("text = \"Watch 10 minutes to unlock\"\ncode = \"STAY10\"\nwatch_minutes = 10")))
	if err != nil {
		t.Fatal(err)
	}
	last := func(f *File) Cue { return f.Cues[len(f.Cues)-1] }
	if c := last(f); c.Code != "STAY10" || c.WatchDur != 10*time.Minute {
		t.Errorf("code %q, watch %v; want STAY10 after 10m", c.Code, c.WatchDur)
	}
	// A plain coupon, as before.
	if f, err = Load(writeShow(t, cue("text = \"10% off today\""))); err != nil || last(f).WatchDur != 0 {
		t.Fatalf("plain coupon: %v", err)
	}
	for _, c := range []struct{ body, want string }{
		{"text = \"x\"\ncode = \"C\"\nwatch_minutes = -1", "watch_minutes -1"},
		{"text = \"x\"\nwatch_minutes = 5", "watch_minutes needs code"},
		{"text = \"x\"\ncode = \"" + strings.Repeat("C", 33) + "\"", "coupon code"},
	} {
		_, err := Load(writeShow(t, cue(c.body)))
		if err == nil || !errors.Is(err, ErrBadShow) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.body, err, c.want)
		}
	}
}

// An entry's chat keywords load trimmed; one that is empty, has no letter,
// is too long or one too many is an error naming the entry and the keyword.
func TestRundownKeywords(t *testing.T) {
	f, err := Load(writeShow(t, goodShow+"\n[[rundown]]\nproduct = \"MUG-BLU\"\nkeywords = [\"blue mug \", \"синяя кружка\", \"蓝色杯子\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Rundown[0].Keywords; len(got) != 3 || got[0] != "blue mug" || got[1] != "синяя кружка" || got[2] != "蓝色杯子" {
		t.Errorf("keywords %q", got)
	}
	many := strings.TrimSuffix(strings.Repeat(`"mug", `, MaxKeywords+1), ", ")
	for _, c := range []struct{ table, want string }{
		{"product = \"A\"\nkeywords = [\"mug\", \"  \"]", `rundown[0] ("A"): keywords[1] is empty`},
		{"product = \"A\"\nkeywords = [\"#12\"]", `rundown[0] ("A"): keywords[0] "#12" has no letter`},
		{"product = \"A\"\nkeywords = [\"" + strings.Repeat("k", 101) + "\"]", `rundown[0] ("A"): keywords[0]: at most 100 characters`},
		{"product = \"A\"\nkeywords = [" + many + "]", `rundown[0] ("A"): keywords: 21, at most 20`},
		{"product = \"A\"\nkeywords = \"blue mug\"", `rundown`},
	} {
		_, err := Load(writeShow(t, goodShow+"\n[[rundown]]\n"+c.table+"\n"))
		if err == nil || !errors.Is(err, ErrBadShow) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want an ErrBadShow naming %q", c.table, err, c.want)
		}
	}
}
