package store

import (
	"errors"
	"fmt"
)

var (
	// ErrSchemaTooNew: the database was written by a newer Vitrina, whose
	// migrations this build does not know; opening it could corrupt it.
	ErrSchemaTooNew = errors.New("database schema is newer than this build of vitrina")
	// ErrBadMigration: an embedded migration file is misnamed or out of
	// sequence, a bug caught at the first Open in any test.
	ErrBadMigration = errors.New("bad migration")
	// ErrNotFound: no row has that key.
	ErrNotFound = errors.New("not found")

	// ErrNoShow: no show has that id or title. It wraps ErrNotFound, so
	// callers that only care about "missing" test for one error.
	ErrNoShow = fmt.Errorf("show %w", ErrNotFound)
	// ErrNoProduct: neither the show's stock nor the catalog knows that
	// SKU or handle. It wraps ErrNotFound.
	ErrNoProduct = fmt.Errorf("product %w", ErrNotFound)
	// ErrShowEnded: EndShow on a show that has already ended.
	ErrShowEnded = errors.New("show has already ended")
	// ErrBadEvent: a show event the store refuses (unknown kind, data that
	// is not JSON, no show): a caller's bug, not the database's.
	ErrBadEvent = errors.New("bad show event")
	// ErrBadClaim: a claim without an id or with a quantity below 1. A
	// claim the stock cannot serve is not an error: it is refused with a
	// reason in ClaimResult.
	ErrBadClaim = errors.New("bad claim")
	// ErrBadStock: a negative stock.
	ErrBadStock = errors.New("bad stock")
	// ErrBadGiveaway: a giveaway without a name, or a draw of fewer than
	// one winner.
	ErrBadGiveaway = errors.New("bad giveaway")
	// ErrNoEntrants: a draw with nobody (left) to draw from.
	ErrNoEntrants = errors.New("giveaway has no entrants")
	// ErrJournalClosed: Append on a Journal after Close.
	ErrJournalClosed = errors.New("journal is closed")
)
