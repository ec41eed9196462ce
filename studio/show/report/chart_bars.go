package report

import (
	"time"
	"unicode/utf8"
)

// Horizontal bar charts: one row per item (a product, a code, an action),
// one bar per series in it, each with its number written after it.
const (
	barLabelW = 210.0 // the label column
	barValueW = 64.0  // room after the longest bar for its number
	barH      = 14.0
	barGap    = 4.0  // between the bars of one row
	rowGap    = 12.0 // between rows
)

// HBarChart is the geometry of a horizontal bar chart.
type HBarChart struct {
	W, H   float64
	LabelW float64
	Rows   []HBarRow
}

// HBarRow is one item: its label at LabelY and its bars.
type HBarRow struct {
	Label  string
	LabelY float64
	Bars   []HBar
}

// HBar is one bar and its number.
type HBar struct {
	X, Y, W, H float64
	TextX      float64
	Value      string
	Color      string
}

// hbarChart draws series[s][i], the value of series s for item i, against
// the largest value of all. colors holds one colour per series, or, for one
// series, a palette the rows take in turn. Nothing above zero is nil: "no
// data".
func hbarChart(w float64, labels []string, series [][]float64, colors []string, format func(float64) string) *HBarChart {
	top := 0.0
	for _, vs := range series {
		for _, v := range vs {
			top = max(top, v)
		}
	}
	if top <= 0 || len(labels) == 0 {
		return nil
	}
	c := &HBarChart{W: w, LabelW: min(barLabelW, w/4)}
	span := w - c.LabelW - barValueW
	rowH := float64(len(series))*(barH+barGap) - barGap
	y := 2.0
	for i, label := range labels {
		row := HBarRow{Label: shorten(label, 30), LabelY: y + rowH/2 + 4}
		for s, vs := range series {
			color := colors[s%len(colors)]
			if len(series) == 1 {
				color = colors[i%len(colors)]
			}
			bw := span * vs[i] / top
			if vs[i] > 0 {
				bw = max(bw, 2) // a small non-zero value stays visible
			}
			by := y + float64(s)*(barH+barGap)
			row.Bars = append(row.Bars, HBar{X: c.LabelW, Y: by, W: bw, H: barH,
				TextX: c.LabelW + bw + 6, Value: format(vs[i]), Color: color})
		}
		c.Rows = append(c.Rows, row)
		y += rowH + rowGap
	}
	c.H = y - rowGap + 4
	return c
}

// Gantt is the show's timeline with a lane per product: when each one was
// on air.
type Gantt struct {
	W, H   float64
	LabelW float64
	LaneW  float64 // the lanes' width, from LabelW
	Lanes  []Lane
	Ticks  []Tick
	Base   float64 // the axis line
}

// Lane is one product's row.
type Lane struct {
	Label  string
	LabelY float64
	Y, H   float64
	Color  string
	Spans  []struct{ X, W float64 }
}

// gantt lays out lanes for products (labels) with their segments on a show
// of length span; segs[i] are the [start, end) pairs of product i.
func gantt(w float64, labels []string, segs [][][2]time.Duration, span time.Duration, colors []string) *Gantt {
	if len(labels) == 0 || span <= 0 {
		return nil
	}
	const laneH, laneGap = 18.0, 8.0
	right := w - padRight
	g := &Gantt{W: w, LabelW: barLabelW, LaneW: right - barLabelW}
	x := func(t time.Duration) float64 { return barLabelW + (right-barLabelW)*float64(t)/float64(span) }
	y := 2.0
	for i, label := range labels {
		l := Lane{Label: shorten(label, 30), LabelY: y + laneH/2 + 4, Y: y, H: laneH, Color: colors[i%len(colors)]}
		for _, s := range segs[i] {
			l.Spans = append(l.Spans, struct{ X, W float64 }{x(s[0]), max(x(s[1])-x(s[0]), 1.5)})
		}
		g.Lanes = append(g.Lanes, l)
		y += laneH + laneGap
	}
	g.Base = y
	g.Ticks = timeTicks(span, x)
	g.H = y + 20
	return g
}

// shorten cuts a label to n characters, with an ellipsis: the full one is
// in the table below the chart.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
