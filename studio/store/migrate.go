package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// migrationsFS holds the schema, one numbered file per version:
// migrations/0001_catalog.sql, 0002_shows.sql, ... A released file is never
// edited; a change is a new file.
//
//go:embed migrations/*.sql
var migrationsFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads NNNN_name.sql files and checks that they run 1, 2, 3...
// with no gap, so a misnumbered file fails every test instead of a user's
// upgrade.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadMigration, err)
	}
	var out []migration
	for _, n := range names {
		base := path.Base(n)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("%w: %s: want NNNN_name.sql", ErrBadMigration, base)
		}
		body, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrBadMigration, base, err)
		}
		out = append(out, migration{version: v, name: base, sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("%w: %s: expected version %d", ErrBadMigration, m.name, i+1)
		}
	}
	return out, nil
}

// migrate brings the schema to the newest embedded version. Each migration
// and its schema_version row commit in one transaction (SQLite's DDL is
// transactional), so a crash or a failing statement leaves the database at
// the previous version, never half-way; running it again is a no-op.
func migrate(ctx context.Context, w *sql.DB, fsys fs.FS) error {
	ms, err := loadMigrations(fsys)
	if err != nil {
		return err
	}
	// journal_mode is a property of the file; setting it on the writer's DSN
	// already did it, but check so a read-only or odd filesystem is caught.
	var mode string
	if err := w.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("store: journal mode: %w", err)
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("store: journal mode is %q, want wal", mode)
	}
	if _, err := w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version    INTEGER PRIMARY KEY,
		name       TEXT    NOT NULL,
		applied_at INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("store: schema_version: %w", err)
	}
	for _, m := range ms {
		if err := applyMigration(ctx, w, m, len(ms)); err != nil {
			return err
		}
	}
	return nil
}

func applyMigration(ctx context.Context, w *sql.DB, m migration, newest int) error {
	return inTx(ctx, w, nil, func(tx *sql.Tx) error {
		// Read the version inside the write transaction: two processes
		// opening a fresh file at once must not both apply migration 1.
		cur, err := schemaVersion(ctx, tx)
		if err != nil {
			return err
		}
		if cur > newest {
			return fmt.Errorf("%w: file is at version %d, this build knows %d", ErrSchemaTooNew, cur, newest)
		}
		if cur >= m.version {
			return nil
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("store: migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx,
			"INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, ?)",
			m.version, m.name, time.Now().UnixMilli()); err != nil {
			return fmt.Errorf("store: migration %s: %w", m.name, err)
		}
		return nil
	})
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func schemaVersion(ctx context.Context, q querier) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	return v, nil
}

// SchemaVersion is the newest migration applied to the file.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	return schemaVersion(ctx, db.r)
}
