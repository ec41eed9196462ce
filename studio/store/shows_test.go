package store

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"
)

func startShow(t *testing.T, db *DB, title string, at time.Time) int64 {
	t.Helper()
	id, err := db.StartShow(context.Background(), title, "/rec/"+title+".mkv", at)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestStartEndAndListShows(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	t0 := time.UnixMilli(1_700_000_000_123)
	a := startShow(t, db, "Monday drop", t0)
	b := startShow(t, db, "Tuesday drop", t0.Add(time.Hour))

	if err := db.EndShow(ctx, a, t0.Add(30*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := db.EndShow(ctx, a, t0.Add(31*time.Minute)); !errors.Is(err, ErrShowEnded) {
		t.Errorf("ending a show twice: %v, want ErrShowEnded", err)
	}
	if err := db.EndShow(ctx, 999, t0); !errors.Is(err, ErrNoShow) {
		t.Errorf("ending a missing show: %v, want ErrNoShow", err)
	}

	shows, err := db.Shows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(shows) != 2 || shows[0].ID != b || shows[1].ID != a {
		t.Fatalf("Shows = %+v, want the two shows newest first", shows)
	}
	got := shows[1]
	if got.Title != "Monday drop" || got.Recording != "/rec/Monday drop.mkv" || !got.StartedAt.Equal(t0) ||
		!got.EndedAt.Equal(t0.Add(30*time.Minute)) || got.Live() {
		t.Errorf("show a = %+v", got)
	}
	if !shows[0].Live() || !shows[0].EndedAt.IsZero() {
		t.Errorf("show b has not ended, but reads %+v", shows[0])
	}
}

func TestFindShowByIDLatestOrTitle(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	if _, err := db.FindShow(ctx, "latest"); !errors.Is(err, ErrNoShow) || !errors.Is(err, ErrNotFound) {
		t.Errorf("latest of no shows: %v, want ErrNoShow (an ErrNotFound)", err)
	}
	t0 := time.UnixMilli(1_700_000_000_000)
	weekly1 := startShow(t, db, "Weekly", t0)
	weekly2 := startShow(t, db, "Weekly", t0.Add(7*24*time.Hour))
	other := startShow(t, db, "Other", t0.Add(time.Hour))
	startShow(t, db, "", t0.Add(time.Hour)) // "" names no show, even an untitled one
	// A show titled like an id: the id wins, and the title still finds
	// the show when no show has that id.
	digits := startShow(t, db, "2", t0.Add(2*time.Hour))
	byNum := startShow(t, db, "777", t0.Add(3*time.Hour))

	for _, c := range []struct {
		ref  string
		want int64
	}{
		{"latest", weekly2},
		{"Weekly", weekly2},
		{"Other", other},
		{strconv.FormatInt(weekly1, 10), weekly1},
		{"2", 2},
		{"777", byNum},
	} {
		s, err := db.FindShow(ctx, c.ref)
		if err != nil || s.ID != c.want {
			t.Errorf("FindShow(%q) = %d, %v; want %d", c.ref, s.ID, err, c.want)
		}
	}
	if digits == 2 {
		t.Fatal("the test needs show 2 to be another show than the one titled \"2\"")
	}
	for _, ref := range []string{"weekly", "", "99"} {
		if _, err := db.FindShow(ctx, ref); !errors.Is(err, ErrNoShow) {
			t.Errorf("FindShow(%q): %v, want ErrNoShow", ref, err)
		}
	}
}
