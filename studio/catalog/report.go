package catalog

import (
	"fmt"
	"strings"
)

// badRowCount counts rows, not problems: one row can have several.
func badRowCount(errs []RowError) int {
	lines := map[int]bool{}
	for _, e := range errs {
		lines[e.Line] = true
	}
	return len(lines)
}

// firstErrors joins the first n problems for a one-line message; the report
// lists them all.
func firstErrors(errs []RowError, n int) string {
	var parts []string
	for i, e := range errs {
		if i == n {
			parts = append(parts, fmt.Sprintf("and %d more", len(errs)-n))
			break
		}
		parts = append(parts, e.Error())
	}
	return strings.Join(parts, "; ")
}

func (c Counts) String() string {
	s := fmt.Sprintf("%d new, %d updated, %d unchanged", c.New, c.Updated, c.Unchanged)
	if c.Removed > 0 {
		s += fmt.Sprintf(", %d removed", c.Removed)
	}
	return s
}

// Summary is the report in a few lines for a terminal.
func (r *Report) Summary() string {
	var b strings.Builder
	verb := "imported"
	if r.DryRun {
		verb = "dry run, nothing written; would import"
	}
	fmt.Fprintf(&b, "%s export (%s), %d rows: %s\n", r.Format, r.Encoding, r.Rows, verb)
	fmt.Fprintf(&b, "  products: %s\n", r.Products)
	fmt.Fprintf(&b, "  variants: %s\n", r.Variants)
	if !r.DryRun && (r.Images != ImageCounts{}) {
		fmt.Fprintf(&b, "  images:   %d cached, %d already cached, %d failed\n", r.Images.Cached, r.Images.Reused, r.Images.Failed)
	}
	if n := badRowCount(r.Errors); n > 0 {
		fmt.Fprintf(&b, "  skipped %d bad %s:\n", n, plural(n, "row", "rows"))
		for _, e := range r.Errors {
			fmt.Fprintf(&b, "    %s\n", e.Error())
		}
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintf(&b, "  warnings:\n")
		for _, w := range r.Warnings {
			fmt.Fprintf(&b, "    %s\n", w.Error())
		}
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
