package studio

import "errors"

// ErrBadInput wraps every error caused by what the user asked for (a show
// file, a missing media file, an unknown canvas or destination) rather than
// by the machine.
var ErrBadInput = errors.New("bad input")

// ErrEnded is returned by a command sent after the show has ended.
var ErrEnded = errors.New("the show has ended")
