package main

import (
	"context"

	"github.com/vitrina-live/vitrina/studio/chat/platformchat"
	"github.com/vitrina-live/vitrina/studio/keys"
	"github.com/vitrina-live/vitrina/studio/store"
)

// runStores opens the data directory's SQLite store and key store at most
// once for a show, for every part that needs them (the catalog, the show
// log, the chat, the platform link, the window): one process, one writer
// pool on the file. Each part keeps its own rule for a store that will not
// open; the error is the same for all of them. Used from cmdRun's
// goroutine only.
type runStores struct {
	db      *store.DB
	dbErr   error
	dbTried bool

	keys      *keys.Store
	keysErr   error
	keysTried bool

	air *onAir // the show as it runs (onair.go)

	// relayChat is the relay's chat on the platform link's host socket,
	// when the show has [[chat]] kind = "platform" (chatlink_kinds.go).
	relayChat *platformchat.Client
}

// DB opens the store on first use.
func (r *runStores) DB(ctx context.Context) (*store.DB, error) {
	if !r.dbTried {
		r.dbTried = true
		dir, err := dataDir()
		if err == nil {
			r.db, err = store.OpenDir(ctx, dir)
		}
		r.dbErr = err
	}
	return r.db, r.dbErr
}

// Keys opens the key store (the OS keyring or a 0600 file) on first use.
func (r *runStores) Keys() (*keys.Store, error) {
	if !r.keysTried {
		r.keysTried = true
		dir, err := dataDir()
		if err == nil {
			r.keys, err = keys.Open(dir)
		}
		r.keysErr = err
	}
	return r.keys, r.keysErr
}

// Close closes the store, after every part that used it has stopped.
func (r *runStores) Close() {
	if r.db != nil {
		r.db.Close()
	}
}
