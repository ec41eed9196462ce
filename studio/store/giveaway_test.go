package store

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"
)

func TestGiveawayDrawIsStoredForAudit(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	show := startShow(t, db, "s", time.Now().Add(-time.Minute))
	if err := db.AddGiveawayEntrants(ctx, show, "hoodie", []string{"carol", "ann", " ", "bob"}, "buyer"); err != nil {
		t.Fatal(err)
	}
	// ann also commented the keyword: still one entry, source "buyer".
	if err := db.AddGiveawayEntrants(ctx, show, "hoodie", []string{"ann", "dave", "Émile"}, "keyword:WIN"); err != nil {
		t.Fatal(err)
	}
	// Another giveaway's entrants are its own.
	if err := db.AddGiveawayEntrants(ctx, show, "mug", []string{"zed"}, "buyer"); err != nil {
		t.Fatal(err)
	}
	all := []string{"ann", "bob", "carol", "dave", "Émile"}

	won, err := db.DrawGiveaway(ctx, show, "hoodie", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(won) != 2 || won[0] == won[1] || !slices.Contains(all, won[0]) || !slices.Contains(all, won[1]) {
		t.Fatalf("winners %q, want 2 distinct entrants of %q", won, all)
	}
	// A re-draw never picks an earlier winner; asking for more than are
	// left gives everyone left.
	rest, err := db.DrawGiveaway(ctx, show, "hoodie", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(rest) != 3 || slices.Contains(rest, won[0]) || slices.Contains(rest, won[1]) {
		t.Errorf("re-draw winners %q, want the 3 who had not won", rest)
	}
	if _, err := db.DrawGiveaway(ctx, show, "hoodie", 1); !errors.Is(err, ErrNoEntrants) {
		t.Errorf("draw with everyone a winner: %v, want ErrNoEntrants", err)
	}

	draws, err := db.GiveawayDraws(ctx, show)
	if err != nil {
		t.Fatal(err)
	}
	if len(draws) != 2 {
		t.Fatalf("%d draws stored, want 2", len(draws))
	}
	d := draws[0]
	if !slices.Equal(d.Entrants, all) || d.EntrantsSHA256 != EntrantsSHA256(all) || !slices.Equal(d.Winners, won) ||
		d.Giveaway != "hoodie" || time.Since(d.At) > time.Minute {
		t.Errorf("first draw = %+v, want the sorted snapshot of %q, its hash and winners %q", d, all, won)
	}
	if len(draws[1].Entrants) != 3 || !slices.Equal(draws[1].Winners, rest) {
		t.Errorf("second draw = %+v", draws[1])
	}

	// Each change is an event: two entrant additions per giveaway and
	// the draws, with the audit figures in the draw's event.
	evs, _ := db.Events(ctx, show)
	var draw []map[string]any
	for _, ev := range evs {
		var m map[string]any
		if ev.Kind != KindGiveaway || json.Unmarshal(ev.Data, &m) != nil {
			t.Errorf("event %+v", ev)
			continue
		}
		if m["action"] == "draw" {
			draw = append(draw, m)
		}
		if ev.Offset < 59*time.Second {
			t.Errorf("event offset %v, want about a minute into the show", ev.Offset)
		}
	}
	if len(evs) != 5 || len(draw) != 2 || draw[0]["entrants"] != float64(5) || draw[0]["entrants_sha256"] != EntrantsSHA256(all) {
		t.Errorf("%d giveaway events, draws %v", len(evs), draw)
	}
}

func TestGiveawayBadInput(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	show := startShow(t, db, "s", time.Now())
	if _, err := db.DrawGiveaway(ctx, show, "g", 0); !errors.Is(err, ErrBadGiveaway) {
		t.Errorf("0 winners: %v", err)
	}
	if err := db.AddGiveawayEntrants(ctx, show, "", []string{"a"}, "buyer"); !errors.Is(err, ErrBadGiveaway) {
		t.Errorf("no name: %v", err)
	}
	if _, err := db.DrawGiveaway(ctx, show, "empty", 1); !errors.Is(err, ErrNoEntrants) {
		t.Errorf("no entrants: %v", err)
	}
	if err := db.AddGiveawayEntrants(ctx, show+1, "g", []string{"a"}, "buyer"); !errors.Is(err, ErrNoShow) {
		t.Errorf("missing show: %v", err)
	}
	if ds, _ := db.GiveawayDraws(ctx, show); len(ds) != 0 {
		t.Errorf("failed draws stored: %+v", ds)
	}
}

// Every entrant must be equally likely to win, in any place of the list: a
// draw of one from 4, 40,000 times, gives each about 10,000 wins. The
// bound (±500) is almost 6 standard deviations (σ ≈ 87): a fair draw
// fails it about once in 10^8 runs, while a real bias such as a modulo
// skew or an off-by-one in the shuffle misses it by thousands.
func TestDrawIsUniform(t *testing.T) {
	entrants := []string{"a", "b", "c", "d"}
	wins := map[string]int{}
	const trials = 40000
	for range trials {
		w, err := drawFrom(entrants, 1)
		if err != nil {
			t.Fatal(err)
		}
		wins[w[0]]++
	}
	for _, e := range entrants {
		if n := wins[e]; n < 9500 || n > 10500 {
			t.Errorf("%s won %d of %d draws, want about %d", e, n, trials, trials/4)
		}
	}
	if w, _ := drawFrom(entrants, 4); len(w) != 4 || len(map[string]bool{w[0]: true, w[1]: true, w[2]: true, w[3]: true}) != 4 {
		t.Errorf("drawing all 4 gave %q", w)
	}
	if !slices.Equal(entrants, []string{"a", "b", "c", "d"}) {
		t.Error("drawFrom changed its input")
	}
}
