package report

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// The charts are SVG drawn by the template from the geometry computed
// here, in viewBox units: no script, no chart library, no font to fetch,
// so the page renders the same offline, in print and in a mail client.

// Chart sizes, in viewBox units. The SVG scales to its card's width, so
// each chart is drawn as wide as its card is at the page's full width
// (1180 px): its text then keeps the page's size instead of growing in a
// wide card and shrinking in a narrow one.
const (
	fullW    = 1090.0 // a card across the page
	halfW    = 516.0  // a card in the two-column grid
	chartH   = 210.0
	padLeft  = 44.0
	padRight = 12.0
	padTop   = 12.0
	padBot   = 26.0
)

// Tick is one labelled axis position.
type Tick struct {
	Pos   float64
	Label string
}

// Sample is one point of a series over the show's time.
type Sample struct {
	At    time.Duration
	Value float64
}

// LineChart is a series over the show's time, drawn as a line over a
// filled area, with the plot area's corners for the grid.
type LineChart struct {
	W, H                   float64
	Left, Right, Top, Base float64 // the plot area
	Line, Area             string  // SVG path data
	XTicks, YTicks         []Tick
	Peak                   struct{ X, Y float64 }
	Points                 int
}

// lineChart scales samples over [0, span] of the show. step draws a value
// as holding until the next sample (a viewer count), otherwise points are
// joined straight (a rate). A chart with no samples is nil: "no data".
func lineChart(samples []Sample, span time.Duration, step bool, w float64) *LineChart {
	if len(samples) == 0 {
		return nil
	}
	c := &LineChart{W: w, H: chartH, Left: padLeft, Right: w - padRight, Top: padTop, Base: chartH - padBot, Points: len(samples)}
	span = max(span, samples[len(samples)-1].At, time.Second)
	top := 0.0
	for _, s := range samples {
		top = max(top, s.Value)
	}
	yStep := niceStep(top, 4)
	yMax := math.Max(yStep, math.Ceil(top/yStep)*yStep)
	x := func(t time.Duration) float64 { return c.Left + (c.Right-c.Left)*float64(t)/float64(span) }
	y := func(v float64) float64 { return c.Base - (c.Base-c.Top)*v/yMax }
	var line strings.Builder
	peak := samples[0]
	for i, s := range samples {
		if s.Value > peak.Value {
			peak = s
		}
		cmd := "L"
		if i == 0 {
			cmd = "M"
		} else if step {
			fmt.Fprintf(&line, "L%.1f,%.1f", x(s.At), y(samples[i-1].Value))
		}
		fmt.Fprintf(&line, "%s%.1f,%.1f", cmd, x(s.At), y(s.Value))
	}
	if step { // the last value holds to the end of the show
		fmt.Fprintf(&line, "L%.1f,%.1f", x(span), y(samples[len(samples)-1].Value))
	}
	c.Line = line.String()
	end := x(samples[len(samples)-1].At)
	if step {
		end = x(span)
	}
	c.Area = fmt.Sprintf("%sL%.1f,%.1fL%.1f,%.1fZ", c.Line, end, c.Base, x(samples[0].At), c.Base)
	c.Peak.X, c.Peak.Y = x(peak.At), y(peak.Value)
	for v := 0.0; v <= yMax+yStep/2; v += yStep {
		c.YTicks = append(c.YTicks, Tick{y(v), formatCount(v)})
	}
	c.XTicks = timeTicks(span, x)
	return c
}

// timeTicks labels the show's time at a round interval, about six of them.
func timeTicks(span time.Duration, x func(time.Duration) float64) []Tick {
	steps := []time.Duration{10 * time.Second, 15 * time.Second, 30 * time.Second, time.Minute, 2 * time.Minute,
		5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour}
	every := steps[len(steps)-1]
	for _, s := range steps {
		if span/s <= 6 {
			every = s
			break
		}
	}
	var out []Tick
	for t := time.Duration(0); t <= span; t += every {
		out = append(out, Tick{x(t), Clock(t)})
	}
	return out
}

// niceStep is a round step (1, 2 or 5 times a power of ten) that splits
// [0, top] into about n parts.
func niceStep(top float64, n int) float64 {
	if top <= 0 {
		return 1
	}
	raw := top / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*mag {
			return math.Max(1, m*mag)
		}
	}
	return math.Max(1, 10*mag)
}

// Clock writes a time on the show's timeline as m:ss, or h:mm:ss.
func Clock(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d/time.Hour), int(d/time.Minute)%60, int(d/time.Second)%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}

// formatCount writes a count compactly: 950, 1.2k, 34k.
func formatCount(v float64) string {
	switch {
	case v >= 10000:
		return fmt.Sprintf("%.0fk", v/1000)
	case v >= 1000:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", v/1000), ".0") + "k"
	}
	return fmt.Sprintf("%.0f", v)
}
