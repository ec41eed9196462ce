package show

import (
	"errors"
	"strings"
	"testing"
)

// A promo cue's usage limit is kept; a negative one is refused, naming the
// cue and the field.
func TestPromoLimit(t *testing.T) {
	cue := "\n[[cue]]\nat = \"10s\"\ndo = \"promo\"\ncode = \"FIRST50\"\ndiscount = \"-15%\"\nvalid = \"10m\"\n"
	f, err := Load(writeShow(t, goodShow+cue+"limit = 50\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c := f.Cues[len(f.Cues)-1]; c.Do != "promo" || c.Limit != 50 {
		t.Errorf("the promo cue %+v, want limit 50", c)
	}
	if f, err := Load(writeShow(t, goodShow+cue)); err != nil || f.Cues[len(f.Cues)-1].Limit != 0 {
		t.Errorf("a promo without a limit: %v, want none (0)", err)
	}
	_, err = Load(writeShow(t, goodShow+cue+"limit = -1\n"))
	if !errors.Is(err, ErrBadShow) || !strings.Contains(err.Error(), "cue[1]: promo limit -1") {
		t.Errorf("a negative limit: %v, want ErrBadShow naming cue[1]'s promo limit", err)
	}
}
