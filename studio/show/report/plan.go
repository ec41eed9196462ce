package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/vitrina-live/vitrina/studio/show/timeline"
)

// PlanItem is one product of the show's rundown, in the host's order: the
// product's key (its SKU, or its handle when it has none) and its planned
// time on air. The rundown's host notes and FAQ have no place here: they
// are for the host and the moderators, and a report gets shared.
type PlanItem struct {
	Product string
	Title   string        // the catalog's title when the show started
	Planned time.Duration // 0 when no time was planned
}

// planTolerance is how far from its planned time a product may run and
// still count as on plan: a tenth either way.
const planTolerance = 0.10

// Plan states of a product in the plan-against-airtime chart and table.
const (
	PlanOK        = "on plan"
	PlanOver      = "over"
	PlanUnder     = "under"
	PlanNotShown  = "not shown"
	PlanUnplanned = "unplanned"
	PlanNoTime    = "no time planned"
)

// PlanRow is one product's plan against its airtime: the rundown's
// products in the host's order, then those pinned without being planned.
type PlanRow struct {
	N                     int    // its place in the rundown; 0 for an unplanned one
	SKU, Title            string // the product
	Planned, Actual, Diff string // m:ss; "–" where there is none
	State                 string // one of the Plan... states
	Color                 string // the product's colour in the other charts; "" when never on air
	planned, actual       time.Duration
}

// PlanChart is the plan against the airtime as horizontal bars: for each
// row a pale bar as long as the plan with a marker at its end, and the
// airtime over it in the product's colour.
type PlanChart struct {
	W, H   float64
	LabelW float64
	Rows   []PlanChartRow
}

// PlanChartRow is one product's row; Plan and Bar are nil where it has
// none (unplanned, or never shown).
type PlanChartRow struct {
	Label  string
	LabelY float64
	Plan   *HBar
	Marker *struct{ X, Y1, Y2 float64 }
	Bar    *HBar
	TextX  float64
	TextY  float64
	Value  string  // "8:55 of 7:00"
	Diff   string  // "+1:55", "not shown", "unplanned"
	DiffDX float64 // the room between Value and Diff
	Class  string  // the diff's colour: over, under, ok, off
}

// planSection compares the rundown with the products' airtime. colors are
// the products' colours in the other charts, by SKU.
func (r *Report) planSection(plan []PlanItem, products []timeline.Product, colors map[string]string, titles map[string]string) {
	if len(plan) == 0 {
		return
	}
	byKey := map[string]timeline.Product{}
	for _, p := range products {
		byKey[p.SKU] = p
	}
	planned := map[string]bool{}
	withTime, onPlan := 0, 0
	for i, it := range plan {
		planned[it.Product] = true
		p, ok := byKey[it.Product]
		name := titles[it.Product]
		if ok {
			name = title(p, titles)
		}
		if name == "" {
			name = it.Title
		}
		if name == "" {
			name = it.Product
		}
		row := PlanRow{N: i + 1, SKU: it.Product, Title: name, planned: it.Planned, Planned: "–", Actual: "–", Diff: "–"}
		if ok && p.Segments > 0 {
			row.actual, row.Actual, row.Color = p.Airtime, Clock(p.Airtime), colors[p.SKU]
		}
		if it.Planned > 0 {
			withTime++
			row.Planned = Clock(it.Planned)
		}
		switch {
		case row.Actual == "–":
			row.State = PlanNotShown
		case it.Planned == 0:
			row.State = PlanNoTime
		default:
			d := row.actual - it.Planned
			row.Diff = signedClock(d)
			switch {
			case float64(d) > planTolerance*float64(it.Planned):
				row.State = PlanOver
			case float64(-d) > planTolerance*float64(it.Planned):
				row.State = PlanUnder
			default:
				row.State = PlanOK
				onPlan++
			}
		}
		r.Plan = append(r.Plan, row)
	}
	for _, p := range products {
		if p.Segments == 0 || planned[p.SKU] {
			continue
		}
		r.Plan = append(r.Plan, PlanRow{SKU: p.SKU, Title: title(p, titles), Planned: "–", Actual: Clock(p.Airtime), Diff: "–",
			State: PlanUnplanned, Color: colors[p.SKU], actual: p.Airtime})
	}
	if withTime > 0 {
		r.OnPlan = fmt.Sprintf("%d of %d", onPlan, withTime)
	}
	var notes []string
	count := map[string]int{}
	for _, row := range r.Plan {
		count[row.State]++
	}
	for _, s := range []string{PlanOver, PlanUnder, PlanNotShown, PlanUnplanned} {
		if n := count[s]; n > 0 {
			notes = append(notes, fmt.Sprintf("%d %s", n, s))
		}
	}
	r.PlanNote = strings.Join(notes, " · ")
	r.PlanChart = planChart(fullW, r.Plan)
}

// signedClock writes a difference of times as +m:ss or −m:ss.
func signedClock(d time.Duration) string {
	if d.Round(time.Second) < 0 {
		return "−" + Clock(-d)
	}
	return "+" + Clock(d)
}

// planChart lays out rows against the longest plan or airtime of all.
func planChart(w float64, rows []PlanRow) *PlanChart {
	top := time.Duration(0)
	for _, r := range rows {
		top = max(top, r.planned, r.actual)
	}
	if top <= 0 {
		return nil
	}
	const textW, planH, actualH = 190.0, 18.0, 10.0
	c := &PlanChart{W: w, LabelW: barLabelW}
	span := w - c.LabelW - textW
	x := func(d time.Duration) float64 { return c.LabelW + span*float64(d)/float64(top) }
	y := 2.0
	for _, r := range rows {
		label := r.Title
		if r.N > 0 {
			label = fmt.Sprintf("%d. %s", r.N, r.Title)
		}
		cr := PlanChartRow{Label: shorten(label, 30), LabelY: y + planH/2 + 4, TextY: y + planH/2 + 4}
		end := c.LabelW
		if r.planned > 0 {
			cr.Plan = &HBar{X: c.LabelW, Y: y, W: x(r.planned) - c.LabelW, H: planH, Color: "#e2e8f0"}
			cr.Marker = &struct{ X, Y1, Y2 float64 }{x(r.planned), y - 3, y + planH + 3}
			end = x(r.planned)
		}
		if r.actual > 0 {
			bw := max(x(r.actual)-c.LabelW, 2)
			cr.Bar = &HBar{X: c.LabelW, Y: y + (planH-actualH)/2, W: bw, H: actualH, Color: r.Color}
			end = max(end, c.LabelW+bw)
		}
		cr.TextX = end + 8
		cr.Class = stateClass(r.State)
		switch r.State {
		case PlanNotShown:
			cr.Diff = "not shown"
			if r.planned > 0 {
				cr.Value = "plan " + r.Planned
			}
		case PlanUnplanned, PlanNoTime:
			cr.Value, cr.Diff = r.Actual, r.State
		default:
			cr.Value, cr.Diff = r.Actual+" of "+r.Planned, r.Diff
		}
		if cr.Value != "" {
			cr.DiffDX = 8
		}
		c.Rows = append(c.Rows, cr)
		y += planH + rowGap
	}
	c.H = y - rowGap + 6
	return c
}

// stateClass is the colour class of a plan state: over (the accent),
// under, ok or off.
func stateClass(state string) string {
	switch state {
	case PlanOver:
		return "over"
	case PlanUnder, PlanNotShown:
		return "under"
	case PlanOK:
		return "ok"
	}
	return "off"
}
