package store

import "errors"

var (
	// ErrSchemaTooNew: the database was written by a newer Vitrina, whose
	// migrations this build does not know; opening it could corrupt it.
	ErrSchemaTooNew = errors.New("database schema is newer than this build of vitrina")
	// ErrBadMigration: an embedded migration file is misnamed or out of
	// sequence, a bug caught at the first Open in any test.
	ErrBadMigration = errors.New("bad migration")
	// ErrNotFound: no row has that key.
	ErrNotFound = errors.New("not found")
)
