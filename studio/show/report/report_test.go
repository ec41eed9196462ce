package report

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/show/timeline"
)

const sec = time.Second

func ev(at time.Duration, kind, sku, data string) timeline.Event {
	e := timeline.Event{Offset: at, Kind: kind, SKU: sku}
	if data != "" {
		e.Data = json.RawMessage(data)
	}
	return e
}

// fixed is a three-minute show whose every number is known by hand.
func fixed() Input {
	return Input{
		Title:   `Spring <sale> & "more"`,
		Started: time.Date(2026, 3, 2, 19, 0, 0, 0, time.UTC),
		Length:  180 * sec,
		Titles:  map[string]string{"A": "Gauze shirt"},
		Events: []timeline.Event{
			ev(0, "viewers", "", `{"count":40}`),
			ev(10*sec, "pin", "A", ""),
			ev(30*sec, "chat_rate", "", `{"per_min":20,"want":6}`),
			ev(40*sec, "claim", "A", `{"claim":"c1","qty":2}`),
			ev(50*sec, "claim", "A", `{"claim":"c2","qty":1}`),
			ev(60*sec, "promo", "", `{"code":"SPRING10"}`),
			ev(70*sec, "pin", "B", `{"title":"Sun hat"}`),
			ev(80*sec, "redeem", "", `{"code":"SPRING10"}`),
			ev(85*sec, "moderation", "", `{"action":"delete"}`),
			ev(86*sec, "moderation", "", `{"action":"delete"}`),
			ev(90*sec, "viewers", "", `{"count":120}`),
			ev(90*sec, "chat_rate", "", `{"per_min":35,"want":{"B":3}}`),
			ev(95*sec, "claim", "B", `{"claim":"c3","qty":2}`),
			ev(100*sec, "unpin", "", ""),
			ev(110*sec, "redeem", "", `{"code":"SPRING10"}`),
			ev(120*sec, "redeem", "", `{"code":"VIP"}`),
			ev(130*sec, "moderation", "", `{"action":"ban"}`),
			ev(140*sec, "moderation", "", `{"action":"timeout"}`),
			ev(150*sec, "viewers", "", `{"count":60}`),
		},
	}
}

func render(t *testing.T, in Input) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, in); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// section is the HTML of the <section id=...> element.
func section(t *testing.T, page, id string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<section class="card" id="` + id + `">.*?</section>`).FindString(page)
	if m == "" {
		t.Fatalf("no %s section", id)
	}
	return m
}

func TestReportFromFixedEvents(t *testing.T) {
	page := render(t, fixed())
	for _, bad := range []string{"ZgotmplZ", "<script", "http://", "https://", "@import", "url(http"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page contains %q: not self-contained or badly escaped", bad)
		}
	}
	if !strings.Contains(page, "<h1>Spring &lt;sale&gt; &amp; &#34;more&#34;</h1>") {
		t.Error("the title is missing or not escaped")
	}
	if !strings.Contains(page, "Monday, 2 March 2026, 19:00 UTC") || !strings.Contains(page, "Duration <b>3:00</b>") {
		t.Error("the date or the duration is missing")
	}
	for _, chart := range []string{"viewers", "chat", "timeline", "airtime", "interest", "promos", "moderation"} {
		if n := strings.Count(page, `data-chart="`+chart+`"`); n != 1 {
			t.Errorf("chart %s appears %d times, want once", chart, n)
		}
	}
	kpi := func(label, value string) {
		if !strings.Contains(page, `<div class="label">`+label+`</div><div class="value">`+value+`</div>`) {
			t.Errorf("KPI %s is not %s", label, value)
		}
	}
	kpi("Peak viewers", "120")
	kpi("Average viewers", "70") // 40 for 90 s, 120 for 60 s, 60 for 30 s: 12,600 / 180 s
	kpi("Units claimed", "5")
	kpi("Want-it messages", "9")
	kpi("Code redemptions", "3")
	kpi("Moderation", "4")

	// A was on air 10–70 s, B 70–100 s; A's 6 want-it came while it was on.
	rows := regexp.MustCompile(`(?s)<tr><td><span class="swatch".*?</tr>`).FindAllString(section(t, page, "interest"), -1)
	want := []string{
		`<td>Gauze shirt</td><td class="mono">A</td><td class="n">1:00</td><td class="n">33%</td><td class="n">1</td><td class="n">6</td><td class="n">2</td><td class="n">3</td><td class="n">33%</td>`,
		`<td>Sun hat</td><td class="mono">B</td><td class="n">0:30</td><td class="n">17%</td><td class="n">1</td><td class="n">3</td><td class="n">1</td><td class="n">2</td><td class="n">33%</td>`,
	}
	if len(rows) != len(want) {
		t.Fatalf("product table has %d rows, want %d", len(rows), len(want))
	}
	for i, w := range want {
		if !strings.Contains(rows[i], w) {
			t.Errorf("product row %d:\n%s\nwant it to contain\n%s", i, rows[i], w)
		}
	}
	// Two products, two bars each (want-it, units); airtime one bar each.
	if n := strings.Count(section(t, page, "interest"), "<rect "); n != 4 {
		t.Errorf("interest chart has %d bars, want 4", n)
	}
	airtime := section(t, page, "airtime")
	if !strings.Contains(airtime, ">1:00</text>") || !strings.Contains(airtime, ">0:30</text>") {
		t.Error("airtime bars do not say 1:00 and 0:30")
	}
	promos := section(t, page, "promos")
	if !strings.Contains(promos, `<td class="mono">SPRING10</td><td>promo code</td><td>1:00</td><td class="n">2</td>`) ||
		!strings.Contains(promos, `<td class="mono">VIP</td><td>–</td><td>–</td><td class="n">1</td>`) {
		t.Errorf("promo table wrong:\n%s", promos)
	}
	mod := section(t, page, "moderation")
	if !regexp.MustCompile(`(?s)>delete</text>.*?>2</text>`).MatchString(mod) || strings.Count(mod, "<rect ") != 3 {
		t.Errorf("moderation chart wrong:\n%s", mod)
	}
}

func TestEmptySectionsSayNoData(t *testing.T) {
	page := render(t, Input{Title: "Quiet show", Length: time.Minute})
	for _, id := range []string{"viewers", "chat", "airtime", "interest", "promos", "moderation"} {
		if !strings.Contains(section(t, page, id), "<b>No data</b>") {
			t.Errorf("the empty %s section does not say No data", id)
		}
	}
	if strings.Contains(page, "<svg") {
		t.Error("an empty show has a chart")
	}
}

// demoInput reads the demo show, a realistic half hour, that the command's
// tests and docs/report.png use too.
func demoInput(t *testing.T) Input {
	t.Helper()
	b, err := os.ReadFile("testdata/demo-show.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Title     string    `json:"title"`
		StartedAt time.Time `json:"started_at"`
		LengthMS  int64     `json:"length_ms"`
		Rundown   []struct {
			Product   string `json:"product"`
			Title     string `json:"title"`
			PlannedMS int64  `json:"planned_ms"`
		} `json:"rundown"`
		Events []struct {
			OffsetMS int64           `json:"offset_ms"`
			Kind     string          `json:"kind"`
			SKU      string          `json:"sku"`
			Data     json.RawMessage `json:"data"`
		} `json:"events"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	in := Input{Title: f.Title, Started: f.StartedAt, Length: time.Duration(f.LengthMS) * time.Millisecond}
	for _, r := range f.Rundown {
		in.Rundown = append(in.Rundown, PlanItem{Product: r.Product, Title: r.Title, Planned: time.Duration(r.PlannedMS) * time.Millisecond})
	}
	for _, e := range f.Events {
		in.Events = append(in.Events, timeline.Event{Offset: time.Duration(e.OffsetMS) * time.Millisecond, Kind: e.Kind, SKU: e.SKU, Data: e.Data})
	}
	return in
}

func TestDemoShowTotalsMatchItsEvents(t *testing.T) {
	in := demoInput(t)
	units, redeems := 0, 0
	for _, e := range in.Events {
		switch e.Kind {
		case "claim":
			units += e.Quantity()
		case "redeem":
			redeems++
		}
	}
	r := Build(in)
	got := map[string]string{}
	for _, k := range r.KPIs {
		got[k.Label] = k.Value
	}
	if got["Units claimed"] != strconv.Itoa(units) || got["Code redemptions"] != strconv.Itoa(redeems) {
		t.Errorf("KPIs %v, want %d units and %d redemptions", got, units, redeems)
	}
	if r.OnAir != 5 || len(r.Timeline.Lanes) != 5 || len(r.Timeline.Lanes[0].Spans) != 2 {
		t.Errorf("%d products on air; the shirt, pinned twice, has %d spans", r.OnAir, len(r.Timeline.Lanes[0].Spans))
	}
	page := render(t, in)
	if strings.Contains(page, "No data") {
		t.Error("the demo show has an empty section")
	}
}
