package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
)

//go:embed report.html.tmpl
var pageText string

//go:embed report.css
var pageCSS string

// page is parsed once; a template that does not parse is a bug in this
// package, caught by its tests, so it panics at start-up.
var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"f":          func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
	"add":        func(a, b float64) float64 { return a + b },
	"sub":        func(a, b float64) float64 { return a - b },
	"line":       func(c *LineChart, name, color string) lineView { return lineView{c, name, color} },
	"bars":       func(c *HBarChart, name string) barsView { return barsView{c, name} },
	"stateClass": stateClass,
}).Parse(pageText))

// lineView and barsView hand a chart and its name (its data-chart
// attribute and gradient id) to the sub-templates, which take one value.
type lineView struct {
	C     *LineChart
	Name  string
	Color string
}

type barsView struct {
	C    *HBarChart
	Name string
}

// Render writes the report for in as one HTML page.
func Render(w io.Writer, in Input) error {
	return RenderReport(w, Build(in))
}

// RenderReport writes a report already built.
func RenderReport(w io.Writer, r Report) error {
	// The stylesheet is this package's own embedded file, never user
	// input, so it goes into <style> as trusted CSS; every value from the
	// show (titles, codes, SKUs) is escaped by the template.
	data := struct {
		R   Report
		CSS template.CSS
	}{r, template.CSS(pageCSS)}
	if err := page.Execute(w, data); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}
