package keys

import "errors"

var (
	// ErrNotFound: no key is stored under that name.
	ErrNotFound = errors.New("no such key")
	// ErrBadName: a key name outside letters, digits, '-', '_' and '.'.
	ErrBadName = errors.New("bad key name")
	// ErrEmptySecret: an empty key (or one with a line break) would only
	// fail later, at the platform's ingest, where the cause is hard to see.
	ErrEmptySecret = errors.New("empty key")
	// ErrInsecureFile: the fallback file or its folder can be read by other
	// users, so the keys in it may already have leaked.
	ErrInsecureFile = errors.New("keys file is not private")
	// ErrCorrupt: the fallback file is not one Vitrina wrote.
	ErrCorrupt = errors.New("keys file is damaged")
	// ErrNoKeyring: why the OS keyring could not be used; Open answers it
	// by falling back to the file, so callers see it only through Why.
	ErrNoKeyring = errors.New("no OS keyring")
)
