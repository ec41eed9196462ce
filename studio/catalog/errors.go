package catalog

import "errors"

// ErrBadFile marks every failure caused by the file the user gave (its
// format, encoding or rows) rather than by the machine: the CLI exits 2 for
// it. Each sentinel below is also ErrBadFile for errors.Is, yet prints only
// its own words, so messages stay short.
var ErrBadFile = errors.New("bad catalog file")

var (
	// ErrUnknownFormat: the header is neither Shopify's nor WooCommerce's.
	ErrUnknownFormat error = &fileError{"unknown CSV format"}
	// ErrEncoding: the bytes are not text in the detected or given encoding.
	ErrEncoding error = &fileError{"wrong text encoding"}
	// ErrBadRows: some rows are bad; Report.Errors lists each with its line.
	ErrBadRows error = &fileError{"bad rows"}
	// ErrTooLarge: the file is over MaxFileBytes.
	ErrTooLarge error = &fileError{"file too large"}
	// ErrEmpty: the file has no header row.
	ErrEmpty error = &fileError{"empty file"}
	// ErrBadEncodingName: --encoding names an encoding we do not read.
	ErrBadEncodingName error = &fileError{"unknown encoding"}
)

// ErrImage marks an image that could not be cached; the import goes on and
// reports it as a warning.
var ErrImage = errors.New("image not cached")

type fileError struct{ msg string }

func (e *fileError) Error() string        { return e.msg }
func (e *fileError) Is(target error) bool { return target == ErrBadFile }
