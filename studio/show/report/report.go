// Package report writes the post-show report: one self-contained HTML file
// (inline CSS, inline SVG charts, no script, no network, no web fonts) with
// the show's viewers over time, chat rate, airtime per product, interest
// and claims per product, promo-code redemptions and moderation actions.
// A section with nothing to show says so instead of disappearing, so a
// reader can tell "nobody redeemed a code" from "the report forgot codes".
package report

import (
	"fmt"
	"time"

	"github.com/vitrina-live/vitrina/studio/show/timeline"
)

// Input is what a report is made from: the show as the store has it.
type Input struct {
	Title   string
	Started time.Time     // the show's start, wall clock
	Length  time.Duration // on its timeline: timeline.End
	// Unfinished marks a show that never recorded its end (the studio
	// died, or it is still live): its length is that of its last event.
	Unfinished bool
	Events     []timeline.Event
	Titles     map[string]string // product titles by SKU (or handle), from the catalog
	// Rundown is the host's plan, in order: each product's planned time
	// on air. Empty for a show without a [[rundown]]; the report then has
	// no plan in it.
	Rundown   []PlanItem
	Generated time.Time
}

// Report is the page's content, ready for the template.
type Report struct {
	Title, Date, Duration, Generated string
	Unfinished                       bool
	OnAir                            int // products that went on air
	KPIs                             []KPI

	Viewers, Chat         *LineChart
	ViewersNote, ChatNote string

	Airtime *HBarChart
	// The rundown against the airtime, for a show with a rundown: rows in
	// the host's order then the unplanned ones, the chart drawn from them,
	// "N of M" products on plan ("" when the rundown plans no time), and a
	// line counting the others.
	Plan             []PlanRow
	PlanChart        *PlanChart
	OnPlan, PlanNote string
	Timeline         *Gantt
	Interest         *HBarChart
	Products         []ProductRow

	Redemptions *HBarChart
	Codes       []CodeRow

	Moderation *HBarChart
	Actions    []ActionRow
}

// KPI is one headline number.
type KPI struct{ Label, Value, Note string }

// ProductRow is one product's line in the table.
type ProductRow struct {
	N                                 int
	SKU, Title, Airtime, Share, Color string
	Segments, Interest, Claims, Units int
	Purchases, PurchasedUnits         int
	Conversion                        string // claims per want-it message
}

// palette gives each product its colour in every chart.
var palette = []string{"#4f46e5", "#0d9488", "#f59e0b", "#e11d48", "#0284c7", "#7c3aed", "#16a34a", "#db2777", "#ea580c", "#475569"}

// Colours of the two series in the interest chart, and of the other charts.
const (
	colorInterest = "#a5b4fc"
	colorClaims   = "#4f46e5"
)

// Build computes the report.
func Build(in Input) Report {
	segs := timeline.Segments(in.Events, in.Length)
	products := timeline.Products(in.Events, segs)
	r := Report{
		Title:      in.Title,
		Duration:   Clock(in.Length),
		Unfinished: in.Unfinished,
	}
	if r.Title == "" {
		r.Title = "Untitled show"
	}
	if !in.Started.IsZero() {
		r.Date = in.Started.Format("Monday, 2 January 2006, 15:04 MST")
	}
	if !in.Generated.IsZero() {
		r.Generated = in.Generated.Format("2 Jan 2006 15:04 MST")
	}
	viewers, chat := series(in.Events)
	r.Viewers = lineChart(viewers, in.Length, true, halfW)
	r.Chat = lineChart(chat, in.Length, false, halfW)
	r.ViewersNote, r.ChatNote = viewersNote(viewers, in.Length), chatNote(chat)
	r.productSections(products, segs, in)
	r.promoSection(in.Events)
	r.moderationSection(in.Events)
	r.KPIs = kpis(viewers, products, r, in.Length)
	return r
}

// title is a product's name for the page: the catalog's, the pin's, or its
// SKU.
func title(p timeline.Product, titles map[string]string) string {
	if t := titles[p.SKU]; t != "" {
		return t
	}
	if p.Title != "" {
		return p.Title
	}
	return p.SKU
}

func (r *Report) productSections(products []timeline.Product, segs []timeline.Segment, in Input) {
	var labels, onAir []string
	var air, interest, claims []float64
	var lanes [][][2]time.Duration
	byLane := map[string]int{}
	colors := map[string]string{}
	for i, p := range products {
		name := title(p, in.Titles)
		labels = append(labels, name)
		interest = append(interest, float64(p.Interest))
		claims = append(claims, float64(p.Units))
		row := ProductRow{N: i + 1, SKU: p.SKU, Title: name, Airtime: Clock(p.Airtime), Color: palette[i%len(palette)],
			Segments: p.Segments, Interest: p.Interest, Claims: p.Claims, Units: p.Units,
			Purchases: p.Purchases, PurchasedUnits: p.PurchasedUnits, Conversion: "–"}
		if in.Length > 0 {
			row.Share = fmt.Sprintf("%.0f%%", 100*p.Airtime.Seconds()/in.Length.Seconds())
		}
		if p.Interest > 0 {
			row.Conversion = fmt.Sprintf("%.0f%%", 100*float64(p.Claims)/float64(p.Interest))
		}
		r.Products = append(r.Products, row)
		colors[p.SKU] = row.Color
		if p.Segments > 0 {
			r.OnAir++
			byLane[p.SKU] = len(onAir)
			onAir = append(onAir, name)
			air = append(air, p.Airtime.Seconds())
			lanes = append(lanes, nil)
		}
	}
	for _, s := range segs {
		i := byLane[s.SKU]
		lanes[i] = append(lanes[i], [2]time.Duration{s.Start, s.End})
	}
	// Products on air come first in products, so the lanes and the airtime
	// bars take the same colours as the table's first rows.
	r.Airtime = hbarChart(fullW, onAir, [][]float64{air}, palette, func(v float64) string {
		return Clock(time.Duration(v * float64(time.Second)))
	})
	r.Timeline = gantt(fullW, onAir, lanes, in.Length, palette)
	r.Interest = hbarChart(fullW, labels, [][]float64{interest, claims}, []string{colorInterest, colorClaims}, func(v float64) string {
		return fmt.Sprintf("%.0f", v)
	})
	r.planSection(in.Rundown, products, colors, in.Titles)
}
