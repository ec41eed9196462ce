// Package store keeps Vitrina's data in one SQLite file (modernc.org/sqlite,
// no cgo): the catalog now, and the shows, rundowns, promo codes, chat and
// moderation log as later migrations add them.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// FileName is the database's name inside the data directory.
const FileName = "vitrina.db"

// busyTimeoutMS is how long a connection waits for another process's write
// lock (the GUI and a CLI import on the same file) before SQLITE_BUSY.
const busyTimeoutMS = 10000

// DB is the store: one writer and a pool of readers on the same file.
//
// Why two pools: SQLite takes one write lock per database however many
// connections ask, so a pool of writers only moves the queue into SQLite's
// busy handler, which sleeps and retries and can still give up with
// SQLITE_BUSY. One writer connection (SetMaxOpenConns(1)) makes Go's pool the
// queue instead: goroutines wait for the connection in order, honouring their
// contexts, and never see SQLITE_BUSY from each other. busy_timeout is kept
// for the other process case. Readers have their own pool, since WAL lets
// them run beside the writer on a consistent snapshot; they are query_only so
// a stray write on them fails loudly instead of fighting the writer.
type DB struct {
	w, r *sql.DB
	path string
}

// OpenDir opens (creating it if needed) the database in a data directory.
func OpenDir(ctx context.Context, dataDir string) (*DB, error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("store: data directory: %w", err)
	}
	return Open(ctx, filepath.Join(dataDir, FileName))
}

// Open opens the database file at path, switches it to WAL and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	common := url.Values{}
	common.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
	common.Add("_pragma", "foreign_keys(1)")
	common.Add("_pragma", "synchronous(NORMAL)") // WAL + NORMAL: durable at checkpoints, no fsync per commit

	wq := cloneValues(common)
	wq.Add("_pragma", "journal_mode(WAL)")
	// BEGIN IMMEDIATE takes the write lock when the transaction starts: a
	// deferred one that reads and then writes can fail with SQLITE_BUSY at
	// once, busy_timeout or not, when another process wrote in between.
	wq.Set("_txlock", "immediate")
	w, err := sql.Open("sqlite", dsn(abs, wq))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", abs, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)

	db := &DB{w: w, path: abs}
	// Migrate before the readers exist, so the file is in WAL mode and has
	// its schema before anyone reads it.
	if err := migrate(ctx, w, migrationsFS); err != nil {
		w.Close()
		return nil, err
	}

	rq := cloneValues(common)
	rq.Add("_pragma", "query_only(1)")
	r, err := sql.Open("sqlite", dsn(abs, rq))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open readers %s: %w", abs, err)
	}
	n := max(2, runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	db.r = r
	return db, nil
}

func dsn(path string, q url.Values) string {
	return "file:" + path + "?" + q.Encode()
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// Path is the database file.
func (db *DB) Path() string { return db.path }

// Close closes both pools.
func (db *DB) Close() error {
	errR := db.r.Close()
	errW := db.w.Close()
	if errW != nil {
		return fmt.Errorf("store: close: %w", errW)
	}
	if errR != nil {
		return fmt.Errorf("store: close readers: %w", errR)
	}
	return nil
}

// Write runs fn in one write transaction: committed when fn returns nil,
// rolled back otherwise (and on panic), so a caller never leaves half a change.
func (db *DB) Write(ctx context.Context, fn func(*sql.Tx) error) error {
	return inTx(ctx, db.w, nil, fn)
}

// Read runs fn in a read transaction on the reader pool: one consistent
// snapshot, never blocked by the writer.
func (db *DB) Read(ctx context.Context, fn func(*sql.Tx) error) error {
	return inTx(ctx, db.r, &sql.TxOptions{ReadOnly: true}, fn)
}

// Reader is the read pool, for single queries that need no snapshot.
func (db *DB) Reader() *sql.DB { return db.r }

func inTx(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, fn func(*sql.Tx) error) (err error) {
	tx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}
