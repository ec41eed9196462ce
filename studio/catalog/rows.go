package catalog

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// RowError is one bad row: the physical line in the file where the row (or
// the bad field, for a field spanning lines) starts, counting the lines
// inside quoted multi-line fields, as a text editor shows them.
type RowError struct {
	Line   int
	Column string // the column at fault; "" when the row as a whole is
	Value  string
	Reason string
}

func (e RowError) Error() string {
	switch {
	case e.Column == "":
		return fmt.Sprintf("line %d: %s", e.Line, e.Reason)
	case e.Value == "":
		return fmt.Sprintf("line %d: %s: %s", e.Line, e.Column, e.Reason)
	}
	v := e.Value
	if len([]rune(v)) > 40 {
		v = string([]rune(v)[:40]) + "…"
	}
	return fmt.Sprintf("line %d: %s %q: %s", e.Line, e.Column, v, e.Reason)
}

// table reads a CSV export row by row, knowing its header and where each
// field starts.
type table struct {
	r      *csv.Reader
	header []string
	col    map[string]int // lower-cased header name → index
}

// row is one record with the lines its fields start on.
type row struct {
	t      *table
	line   int      // where the record starts
	fields []string // one per header column
	lines  []int    // per field, only when the record spans lines
	broken bool     // its field count is wrong: only its first fields can be trusted
}

func newTable(text []byte) (*table, error) {
	r := csv.NewReader(bytes.NewReader(text))
	r.FieldsPerRecord = -1 // checked per row, so one short row is one bad row, not the end
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: no header row", ErrEmpty)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: the header row: %w", ErrUnknownFormat, err)
	}
	t := &table{r: r, header: header, col: map[string]int{}}
	for i, h := range header {
		k := strings.ToLower(strings.TrimSpace(h))
		if _, dup := t.col[k]; !dup {
			t.col[k] = i
		}
	}
	return t, nil
}

func (t *table) has(name string) bool { _, ok := t.col[strings.ToLower(name)]; return ok }

// next returns the next row; a row that cannot be read (broken quoting, a
// wrong number of fields) comes back as a RowError, with the broken row when
// its fields could be split, and reading goes on with the line after it. It
// returns io.EOF at the end.
func (t *table) next() (*row, *RowError, error) {
	for {
		fields, err := t.r.Read()
		if errors.Is(err, io.EOF) {
			return nil, nil, io.EOF
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, quoteError(pe), nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("reading CSV: %w", err)
		}
		if allBlank(fields) {
			continue // spreadsheets pad the end of a file with ",,,," rows
		}
		line, _ := t.r.FieldPos(0)
		rw := &row{t: t, line: line, fields: fields}
		if len(fields) != len(t.header) {
			// The row comes back too, marked broken, so the parser can still
			// tell whose row it was (its Handle, ID or SKU) and say so.
			rw.broken = true
			return rw, &RowError{Line: line, Reason: fmt.Sprintf(
				"%d fields, but the header has %d (a stray comma or quote?)", len(fields), len(t.header))}, nil
		}
		if last, _ := t.r.FieldPos(len(fields) - 1); last != line {
			rw.lines = make([]int, len(fields))
			for i := range fields {
				rw.lines[i], _ = t.r.FieldPos(i)
			}
		}
		return rw, nil, nil
	}
}

func quoteError(pe *csv.ParseError) *RowError {
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return &RowError{Line: pe.Line, Reason: fmt.Sprintf(
			`broken quoting: a " inside a field that does not start with one (column %d); quote the field and double the inner quotes ("")`, pe.Column)}
	case errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine != pe.Line:
		return &RowError{Line: pe.StartLine, Reason: fmt.Sprintf(
			`broken quoting: a quoted field starts here and is not closed properly (the reader got to line %d)`, pe.Line)}
	case errors.Is(pe.Err, csv.ErrQuote):
		return &RowError{Line: pe.Line, Reason: fmt.Sprintf(
			`broken quoting: a closing " is followed by more text (column %d)`, pe.Column)}
	}
	return &RowError{Line: pe.StartLine, Reason: pe.Err.Error()}
}

func allBlank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// raw is the field under the header name, untrimmed ("" when the file has
// no such column).
func (rw *row) raw(name string) string {
	i, ok := rw.t.col[name]
	if !ok || i >= len(rw.fields) {
		return ""
	}
	return rw.fields[i]
}

// get is the field trimmed of spaces.
func (rw *row) get(name string) string { return strings.TrimSpace(rw.raw(name)) }

// lineOf is the line the named field starts on.
func (rw *row) lineOf(name string) int {
	if i, ok := rw.t.col[name]; ok && rw.lines != nil {
		return rw.lines[i]
	}
	return rw.line
}

// errs collects a row's problems; a row with any is skipped whole.
type rowErrs struct {
	rw   *row
	list []RowError
}

// bad records that column name (the header's spelling) holds a bad value.
func (e *rowErrs) bad(name, reason string) {
	e.list = append(e.list, RowError{Line: e.rw.lineOf(name), Column: e.rw.t.headerName(name), Value: e.rw.get(name), Reason: reason})
}

// whole records a problem with the row as a whole.
func (e *rowErrs) whole(reason string) {
	e.list = append(e.list, RowError{Line: e.rw.line, Reason: reason})
}

func (t *table) headerName(key string) string {
	if i, ok := t.col[key]; ok {
		return strings.TrimSpace(t.header[i])
	}
	return key
}
