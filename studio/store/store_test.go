package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"
)

func openTemp(t *testing.T) *DB {
	t.Helper()
	db, err := OpenDir(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestOpenSetsWALForeignKeysAndBusyTimeout(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	for _, pool := range []*sql.DB{db.w, db.r} {
		var mode string
		var fk, busy int
		if err := pool.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if err := pool.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if err := pool.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy); err != nil {
			t.Fatal(err)
		}
		if mode != "wal" || fk != 1 || busy != busyTimeoutMS {
			t.Errorf("journal_mode=%s foreign_keys=%d busy_timeout=%d; want wal, 1, %d", mode, fk, busy, busyTimeoutMS)
		}
	}
	// Readers must not write: a write there would race the one writer.
	if _, err := db.r.ExecContext(ctx, "DELETE FROM products"); err == nil {
		t.Error("a write on the reader pool succeeded; readers should be query_only")
	}
	// Foreign keys are enforced: a variant of no product is refused.
	err := db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO variants(product_id, position, price_minor, updated_at) VALUES (999, 1, 100, 0)")
		return err
	})
	if err == nil {
		t.Error("inserting a variant of a missing product succeeded; foreign keys are off")
	}
}

func TestMigrationsAreIdempotent(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	want, err := loadMigrations(migrationsFS)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		db, err := OpenDir(ctx, dir)
		if err != nil {
			t.Fatalf("open #%d: %v", i+1, err)
		}
		v, err := db.SchemaVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var rows int
		if err := db.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_version").Scan(&rows); err != nil {
			t.Fatal(err)
		}
		if v != len(want) || rows != len(want) {
			t.Errorf("open #%d: version %d with %d rows, want %d and %d", i+1, v, rows, len(want), len(want))
		}
		db.Close()
	}
}

func TestFailedMigrationLeavesPreviousVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Every real migration, then a broken next one.
	real, err := loadMigrations(migrationsFS)
	if err != nil {
		t.Fatal(err)
	}
	bad := fstest.MapFS{}
	for _, m := range real {
		bad["migrations/"+m.name] = &fstest.MapFile{Data: []byte(m.sql)}
	}
	next := len(real) + 1
	bad[fmt.Sprintf("migrations/%04d_broken.sql", next)] = &fstest.MapFile{
		Data: []byte("CREATE TABLE broken_half(id INTEGER PRIMARY KEY); INSERT INTO nowhere VALUES (1);")}
	if err := migrate(ctx, db.w, bad); err == nil {
		t.Fatal("a migration with a failing statement succeeded")
	}
	if v, _ := db.SchemaVersion(ctx); v != len(real) {
		t.Errorf("version %d after a failed migration %d, want %d", v, next, len(real))
	}
	var n int
	db.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM sqlite_master WHERE name='broken_half'").Scan(&n)
	if n != 0 {
		t.Error("the failed migration's first statement was kept: migrations are not one transaction")
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := OpenDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO schema_version VALUES (99, '0099_future.sql', 0)")
		return err
	})
	db.Close()
	if _, err := OpenDir(ctx, dir); !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("opening a file from a newer build: %v, want ErrSchemaTooNew", err)
	}
}

func TestMisnumberedMigrationsAreCaught(t *testing.T) {
	gap := fstest.MapFS{
		"migrations/0001_a.sql": {Data: []byte("SELECT 1")},
		"migrations/0003_c.sql": {Data: []byte("SELECT 1")},
	}
	if _, err := loadMigrations(gap); !errors.Is(err, ErrBadMigration) {
		t.Errorf("a gap in the numbering: %v, want ErrBadMigration", err)
	}
	if _, err := loadMigrations(fstest.MapFS{"migrations/first.sql": {Data: []byte("SELECT 1")}}); !errors.Is(err, ErrBadMigration) {
		t.Errorf("an unnumbered file: %v, want ErrBadMigration", err)
	}
}

// Many goroutines writing through one DB, and a second DB on the same file
// (the GUI and a CLI import), each doing read-then-write transactions: none
// may fail with SQLITE_BUSY, and every row must land.
func TestConcurrentWritersNeverBusy(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := func() *DB {
		db, err := OpenDir(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	dbs := []*DB{a(), a()}
	const workers, each = 8, 40
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for g := range workers {
		db := dbs[g%len(dbs)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				err := db.Write(ctx, func(tx *sql.Tx) error {
					var n int
					if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM products").Scan(&n); err != nil {
						return err
					}
					_, err := tx.ExecContext(ctx, `INSERT INTO products(handle, title, created_at, updated_at)
						VALUES (?, ?, 0, 0)`, fmt.Sprintf("h-%d-%d", g, i), fmt.Sprintf("seen %d", n))
					return err
				})
				if err != nil {
					errs <- err
				}
				// Readers run beside the writers and must not block them.
				var n int
				if err := db.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM products").Scan(&n); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var n int
	if err := dbs[0].r.QueryRowContext(ctx, "SELECT COUNT(*) FROM products").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != workers*each {
		t.Errorf("%d products written, want %d", n, workers*each)
	}
}
