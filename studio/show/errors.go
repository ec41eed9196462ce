package show

import "errors"

// ErrBadShow marks a show file that cannot be run as written: the command line
// exits with code 2 for it.
var ErrBadShow = errors.New("bad show file")
