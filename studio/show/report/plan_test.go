package report

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// planned is the fixed show with two more products pinned at the end and
// a rundown that has every state: B under, A over, E on plan, C and D
// never shown (D with no time planned), F pinned without a plan.
func planned() Input {
	in := fixed()
	in.Events = append(in.Events,
		ev(160*sec, "pin", "E", `{"title":"Linen tote"}`),
		ev(170*sec, "pin", "F", `{"title":"Beach towel"}`))
	in.Rundown = []PlanItem{
		{Product: "B", Title: "Sun hat", Planned: 40 * sec},        // 0:30 on air: −0:10, 25% under
		{Product: "A", Title: "Gauze shirt", Planned: 50 * sec},    // 1:00: +0:10, 20% over
		{Product: "E", Title: "Linen tote", Planned: 10 * sec},     // 0:10: on plan
		{Product: "C", Title: "Linen scarf", Planned: time.Minute}, // never pinned
		{Product: "D", Title: "Sandals"},                           // never pinned, no time planned
	}
	return in
}

// planTable is the plan table's rows, each a list of its cells' text.
func planTable(t *testing.T, page string) [][]string {
	t.Helper()
	tbl := regexp.MustCompile(`(?s)<table class="plan">.*?</table>`).FindString(section(t, page, "airtime"))
	if tbl == "" {
		t.Fatal("the airtime section has no plan table")
	}
	var rows [][]string
	for _, tr := range regexp.MustCompile(`(?s)<tbody>.*`).FindAllString(tbl, 1) {
		for _, row := range regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(tr, -1) {
			var cells []string
			for _, td := range regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`).FindAllStringSubmatch(row[1], -1) {
				text := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(td[1], "")
				cells = append(cells, strings.TrimSpace(html.UnescapeString(text)))
			}
			rows = append(rows, cells)
		}
	}
	return rows
}

func TestPlanAgainstAirtime(t *testing.T) {
	page := render(t, planned())
	air := section(t, page, "airtime")
	if !strings.Contains(air, "<b>On plan: 1 of 4 products</b> within ±10% of their planned time<span>1 over · 1 under · 2 not shown · 1 unplanned</span>") {
		t.Errorf("the headline is wrong:\n%s", air)
	}
	want := [][]string{
		{"1", "Sun hat", "B", "0:40", "0:30", "−0:10", "under"},
		{"2", "Gauze shirt", "A", "0:50", "1:00", "+0:10", "over"},
		{"3", "Linen tote", "E", "0:10", "0:10", "+0:00", "on plan"},
		{"4", "Linen scarf", "C", "1:00", "–", "–", "not shown"},
		{"5", "Sandals", "D", "–", "–", "–", "not shown"},
		{"–", "Beach towel", "F", "–", "0:10", "–", "unplanned"},
	}
	got := planTable(t, page)
	if len(got) != len(want) {
		t.Fatalf("plan table has %d rows, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("plan row %d: %q, want %q", i, got[i], want[i])
		}
	}
	// The chart replaces the plain airtime bars: still one "airtime" chart,
	// a row per product in the table's order, the difference coloured.
	if n := strings.Count(page, `data-chart="airtime"`); n != 1 {
		t.Errorf("%d airtime charts, want 1", n)
	}
	chart := regexp.MustCompile(`(?s)<svg class="chart bars" data-chart="airtime".*?</svg>`).FindString(air)
	labels := regexp.MustCompile(`<text class="label" x="0" y="[0-9.]+">([^<]*)</text>`).FindAllStringSubmatch(chart, -1)
	var names []string
	for _, l := range labels {
		names = append(names, html.UnescapeString(l[1]))
	}
	if strings.Join(names, ",") != "1. Sun hat,2. Gauze shirt,3. Linen tote,4. Linen scarf,5. Sandals,Beach towel" {
		t.Errorf("chart rows %q", names)
	}
	for _, w := range []string{`0:30 of 0:40<tspan class="diff under" dx="8.0">−0:10</tspan>`, `1:00 of 0:50<tspan class="diff over" dx="8.0">+0:10</tspan>`,
		`0:10 of 0:10<tspan class="diff ok" dx="8.0">+0:00</tspan>`, `plan 1:00<tspan class="diff under" dx="8.0">not shown</tspan>`,
		`"><tspan class="diff under" dx="0.0">not shown</tspan>`, `0:10<tspan class="diff off" dx="8.0">unplanned</tspan>`} {
		if !strings.Contains(html.UnescapeString(chart), w) {
			t.Errorf("the chart does not say %s", w)
		}
	}
	if !strings.Contains(page, ".over { color: var(--accent); fill: var(--accent);") {
		t.Error("over is not in the accent colour")
	}
	// Plan marks stand at the planned times on one scale: the longest is
	// C's minute (with A's minute on air), so B's 40 s mark is 2/3 of it.
	var marks []float64
	for _, m := range regexp.MustCompile(`<line class="mark" x1="([0-9.]+)"`).FindAllStringSubmatch(chart, -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		marks = append(marks, x-barLabelW)
	}
	if len(marks) != 4 {
		t.Fatalf("%d plan marks, want 4 (B, A, E, C)", len(marks))
	}
	for i, planned := range []float64{40, 50, 10, 60} {
		if want := marks[3] * planned / 60; abs(marks[i]-want) > 0.2 {
			t.Errorf("mark %d at %.1f, want %.1f", i, marks[i], want)
		}
	}
	// A product keeps its colour: A's bar is the colour of its swatch in
	// the product table.
	if !strings.Contains(chart, `rx="2" fill="`+palette[0]+`"`) || !strings.Contains(section(t, page, "interest"), `<span class="swatch" style="background:`+palette[0]+`"></span></td><td>Gauze shirt</td>`) {
		t.Error("A's airtime bar is not in its table colour")
	}
}

func abs(v float64) float64 { return max(v, -v) }

// A show whose host pinned nothing still gets its plan: every product "not
// shown", none on plan.
func TestPlanOfAShowWithNothingPinned(t *testing.T) {
	in := Input{Title: "Dry run", Length: time.Minute, Rundown: []PlanItem{{Product: "A", Title: "Gauze shirt", Planned: time.Minute}}}
	page := render(t, in)
	air := section(t, page, "airtime")
	if !strings.Contains(air, "No product was pinned on air in this show.") || !strings.Contains(air, "<b>On plan: 0 of 1 products</b>") {
		t.Errorf("airtime section:\n%s", air)
	}
	if got := planTable(t, page); len(got) != 1 || strings.Join(got[0], "|") != "1|Gauze shirt|A|1:00|–|–|not shown" {
		t.Errorf("plan table %q", got)
	}
}

// The plain airtime section is unchanged without a rundown: the bars with
// each product's airtime, no plan.
func TestNoRundownNoPlan(t *testing.T) {
	page := render(t, fixed())
	air := section(t, page, "airtime")
	if strings.Contains(air, "On plan") || strings.Contains(air, `class="plan"`) || strings.Contains(air, "class=\"mark\"") {
		t.Error("a show without a rundown has a plan")
	}
	if !strings.Contains(air, `<svg class="chart bars" data-chart="airtime" viewBox="0 0 1090.0`) {
		t.Error("the plain airtime bars are gone")
	}
}

func TestDemoShowPlan(t *testing.T) {
	r := Build(demoInput(t))
	if r.OnPlan != "2 of 5" || r.PlanNote != "1 over · 1 under · 1 not shown · 1 unplanned" {
		t.Errorf("demo plan: %s on plan, %s", r.OnPlan, r.PlanNote)
	}
	var got []string
	for _, p := range r.Plan {
		got = append(got, p.SKU+" "+p.Actual+" "+p.Diff)
	}
	want := "GZ-PUR-S 8:55 +1:55,LN-DRS-M 8:00 +0:00,SH-STR-OS 4:50 −1:10,SD-LTH-38 6:50 −0:10,LN-SCF-01 – –,TB-CNV-01 3:50 –"
	if strings.Join(got, ",") != want {
		t.Errorf("demo plan rows\n%s\nwant\n%s", strings.Join(got, ","), want)
	}
}

// A rundown that only orders the products, with no minutes, has nothing to
// be on plan against: it says so, and lists what was shown.
func TestRundownWithoutPlannedTimes(t *testing.T) {
	in := fixed()
	in.Rundown = []PlanItem{{Product: "A", Title: "Gauze shirt"}}
	page := render(t, in)
	if air := section(t, page, "airtime"); !strings.Contains(air, "<b>No planned times</b> in this show's rundown<span>1 unplanned</span>") {
		t.Errorf("airtime section:\n%s", air)
	}
	want := []string{"1|Gauze shirt|A|–|1:00|–|no time planned", "–|Sun hat|B|–|0:30|–|unplanned"}
	got := planTable(t, page)
	if len(got) != 2 || strings.Join(got[0], "|") != want[0] || strings.Join(got[1], "|") != want[1] {
		t.Errorf("plan table %q, want %q", got, want)
	}
}
