package main

import (
	"context"
	"encoding/json"
	htmltext "html"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/store"
)

// demoShow reads the demo show (half an hour, six products, five of them
// in its rundown) that the report package's tests use too, as store events
// and rundown.
func demoShow(t *testing.T) (title string, length time.Duration, evs []store.ShowEvent, rundown []store.RundownEntry) {
	t.Helper()
	b, err := os.ReadFile(repoPath("studio/show/report/testdata/demo-show.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Title    string `json:"title"`
		LengthMS int64  `json:"length_ms"`
		Rundown  []struct {
			Product   string   `json:"product"`
			Title     string   `json:"title"`
			PlannedMS int64    `json:"planned_ms"`
			Notes     string   `json:"notes"`
			FAQ       []string `json:"faq"`
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
	for _, e := range f.Events {
		evs = append(evs, store.ShowEvent{Offset: time.Duration(e.OffsetMS) * time.Millisecond, Kind: e.Kind, SKU: e.SKU, Data: e.Data})
	}
	for _, r := range f.Rundown {
		rundown = append(rundown, store.RundownEntry{Product: r.Product, Title: r.Title,
			Planned: time.Duration(r.PlannedMS) * time.Millisecond, Notes: r.Notes, FAQ: r.FAQ})
	}
	return f.Title, time.Duration(f.LengthMS) * time.Millisecond, evs, rundown
}

// reportCheck is what scripts/browser/report-check.mjs prints.
type reportCheck struct {
	Title       string
	Charts      []string
	NoData      int
	EmptyCharts []string
	Height      int
	Errors      []string
	Requests    []string
}

// checkInChromium opens a report in Debian's headless Chromium, offline,
// and writes its full-page screenshot to png.
func checkInChromium(t *testing.T, html, png string) reportCheck {
	t.Helper()
	dir := repoPath("scripts/browser")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "playwright-core")); err != nil {
		t.Fatalf("playwright-core is not installed in %s: run `make deps`", dir)
	}
	cmd := exec.Command("node", "report-check.mjs", html, png, "1280")
	cmd.Dir = dir
	out, err := cmd.Output()
	var r reportCheck
	if jerr := json.Unmarshal(out, &r); jerr != nil {
		t.Fatalf("the browser script failed (%v): %s", err, out)
	}
	if err != nil || len(r.Errors) > 0 || len(r.Requests) > 0 {
		t.Fatalf("the report did not render cleanly offline: %v; console errors %q; requests %q", err, r.Errors, r.Requests)
	}
	return r
}

func TestReportRendersOfflineInChromium(t *testing.T) {
	data := t.TempDir()
	title, length, evs, rundown := demoShow(t)
	id := seedShow(t, data, title, "", length, evs...)
	db, err := store.OpenDir(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	err = db.SetRundown(context.Background(), id, rundown)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	html := filepath.Join(t.TempDir(), "report.html")
	code, stdout, stderr := vitrinaData(t, data, "report", "latest", "--out", html)
	if code != 0 {
		t.Fatalf("vitrina report exited %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, html+": show 1 ") || !strings.Contains(stdout, "34:12") {
		t.Errorf("stdout %q does not name the file, the show and its length", stdout)
	}
	page, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "<h1>Summer linen drop — live</h1>") {
		t.Error("the report does not carry the show's title")
	}
	// The rundown's plan is in the report; its host notes and FAQ, private
	// to the host and the moderators, are not.
	if !strings.Contains(string(page), "<b>On plan: 2 of 5 products</b>") ||
		!strings.Contains(string(page), `<td class="state under">not shown</td>`) {
		t.Error("the report does not compare the airtime with the rundown")
	}
	for _, r := range rundown {
		for _, private := range append([]string{r.Notes}, r.FAQ...) {
			if private != "" && strings.Contains(htmltext.UnescapeString(string(page)), private) {
				t.Errorf("the report shows the host's private note %q", private)
			}
		}
	}

	shot := filepath.Join(t.TempDir(), "report.png")
	r := checkInChromium(t, html, shot)
	want := []string{"viewers", "chat", "timeline", "airtime", "interest", "promos", "moderation"}
	if strings.Join(r.Charts, ",") != strings.Join(want, ",") || r.NoData != 0 || len(r.EmptyCharts) > 0 {
		t.Errorf("charts %v (%d empty sections, collapsed %v), want %v", r.Charts, r.NoData, r.EmptyCharts, want)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() < 1500 {
		t.Errorf("screenshot is %v, want the whole page at 1280 wide", b)
	}
	// A page that failed to style is mostly white; the header band is dark.
	if n := colours(img, img.Bounds(), 200); n < 200 {
		t.Errorf("the screenshot has only %d colours: unstyled or blank", n)
	}
	keepScreenshot(t, shot, "report.png")
}

// A show with nothing but a title still gets every section, each saying it
// has no data, and the page still renders cleanly.
func TestReportOfAnEmptyShow(t *testing.T) {
	data := t.TempDir()
	seedShow(t, data, "Quiet", "", 0)
	html := filepath.Join(t.TempDir(), "quiet.html")
	if code, _, stderr := vitrinaData(t, data, "report", "Quiet", "--out", html); code != 0 {
		t.Fatalf("vitrina report exited %d: %s", code, stderr)
	}
	r := checkInChromium(t, html, filepath.Join(t.TempDir(), "quiet.png"))
	if len(r.Charts) != 0 || r.NoData != 6 {
		t.Errorf("an empty show has charts %v and %d no-data sections, want none and 6", r.Charts, r.NoData)
	}
}

func TestReportBadInputExitsTwo(t *testing.T) {
	data := t.TempDir()
	for _, args := range [][]string{{"report"}, {"report", "latest"}, {"report", "42"}, {"report", "latest", "--nope"}} {
		code, _, stderr := vitrinaData(t, data, args...)
		if code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.HasPrefix(stderr, "vitrina: ") {
			t.Errorf("vitrina %v: exit %d, stderr %q; want 2 and one line", args, code, stderr)
		}
	}
}
