package store

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"
	"time"
)

func TestRundownRoundTrip(t *testing.T) {
	ctx := context.Background()
	db, err := OpenDir(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	id, err := db.StartShow(ctx, "Gzhel evening", "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	want := []RundownEntry{
		{Position: 1, Product: "MUG-BLU", Title: "Blue mug", Planned: 5 * time.Minute,
			Notes: "Dishwasher safe; the glaze is lead-free.", FAQ: []string{"Microwave? Yes.", "Gift box? Ask in chat."}},
		{Position: 2, Product: "gzhel-hoodie", Title: "Гжель худи", Planned: 150 * time.Second, FAQ: []string{}},
		{Position: 3, Product: "KET-01", Title: "Kettle", FAQ: []string{}},
	}
	if err := db.SetRundown(ctx, id, want); err != nil {
		t.Fatal(err)
	}
	got, err := db.Rundown(ctx, id)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("rundown read back\n got %+v, %v\nwant %+v", got, err, want)
	}
	// Written again (the show restarted): replaced, not appended.
	if err := db.SetRundown(ctx, id, want[2:]); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Rundown(ctx, id); len(got) != 1 || got[0].Product != "KET-01" || got[0].Position != 1 {
		t.Errorf("rewritten rundown %+v", got)
	}
	// Another show has its own (empty) rundown.
	other, _ := db.StartShow(ctx, "other", "", time.Now())
	if got, err := db.Rundown(ctx, other); err != nil || len(got) != 0 {
		t.Errorf("other show's rundown %+v, %v", got, err)
	}
	if err := db.SetRundown(ctx, 999, want); !errors.Is(err, ErrNoShow) {
		t.Errorf("rundown of a missing show: %v, want ErrNoShow", err)
	}
	dup := []RundownEntry{{Product: "A"}, {Product: "A"}}
	if err := db.SetRundown(ctx, id, dup); !errors.Is(err, ErrBadRundown) {
		t.Errorf("a product twice: %v, want ErrBadRundown", err)
	}
	if got, _ := db.Rundown(ctx, id); len(got) != 1 {
		t.Errorf("a refused rundown changed the stored one: %+v", got)
	}
}

// A data directory written by a build that knew migrations 0001-0004 opens
// with its shows intact and gets the rundown table.
func TestRundownMigratesFromVersion4(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	old, err := sql.Open("sqlite", dsn(path, q))
	if err != nil {
		t.Fatal(err)
	}
	all, err := loadMigrations(migrationsFS)
	if err != nil {
		t.Fatal(err)
	}
	v4 := fstest.MapFS{}
	for _, m := range all[:4] {
		v4["migrations/"+m.name] = &fstest.MapFile{Data: []byte(m.sql)}
	}
	if err := migrate(ctx, old, v4); err != nil {
		t.Fatal(err)
	}
	if _, err := old.ExecContext(ctx, "INSERT INTO shows(id, title, started_at) VALUES (7, 'last week', 1700000000000)"); err != nil {
		t.Fatal(err)
	}
	old.Close()

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(ctx); v < 5 {
		t.Fatalf("schema version %d after opening, want at least 5", v)
	}
	s, err := db.FindShow(ctx, "last week")
	if err != nil || s.ID != 7 {
		t.Fatalf("the old show: %+v, %v", s, err)
	}
	if got, err := db.Rundown(ctx, 7); err != nil || len(got) != 0 {
		t.Errorf("an old show's rundown: %+v, %v; want none", got, err)
	}
	if err := db.SetRundown(ctx, 7, []RundownEntry{{Product: "MUG-BLU", Planned: time.Minute}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Rundown(ctx, 7); len(got) != 1 || got[0].Planned != time.Minute {
		t.Errorf("rundown after migration: %+v", got)
	}
}
