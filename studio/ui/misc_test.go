package ui

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/show"
)

func TestParseStatTicks(t *testing.T) {
	// The command name may hold spaces and parentheses.
	line := "4242 (vitrina (ui) x) S 1 4242 4242 0 -1 4194560 1700 0 0 0 123 45 0 0 20 0 12 0 100 0 0"
	got, err := parseStatTicks([]byte(line))
	if err != nil || got != 168 {
		t.Errorf("parseStatTicks = %d, %v; want 168", got, err)
	}
	if _, err := parseStatTicks([]byte("garbage")); err == nil {
		t.Error("garbage parsed")
	}
	var m cpuMeter
	now := time.Now()
	if _, ok := m.percent(now); ok {
		t.Error("the first CPU reading has nothing to compare with")
	}
	if pct, ok := m.percent(now.Add(time.Second)); !ok || pct < 0 || pct > 100 {
		t.Errorf("CPU reading %v %v", pct, ok)
	}
}

func TestSettingsRoundTripAndApplyToTheDefaultShow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vitrina", "settings.json")
	s, err := LoadSettings(path)
	if err != nil || s != (Settings{}) {
		t.Fatalf("no file is a first run: %+v, %v", s, err)
	}
	want := Settings{Language: "lv", Width: 720, Height: 1280, FPS: 25, Encoder: "x264",
		Camera: "video0", Mic: "USB mic", Theme: "teal", DataDir: "/srv/vitrina", GuideSeen: true}
	if err := want.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := LoadSettings(path)
	if err != nil || got != want {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
	f := &show.File{Video: show.Video{Width: 1280, Height: 720, FPS: 30}, Sources: []show.Source{
		{ID: "wide", Kind: "testpattern"}, {ID: "closeup", Kind: "testpattern"}, {ID: "tone", Kind: "tone"}}}
	got.ApplyToDefaultShow(f)
	if f.Video.Width != 720 || f.Video.Height != 1280 || f.Video.FPS != 25 || f.Video.Encoder != "x264" {
		t.Errorf("video %+v", f.Video)
	}
	if f.Sources[0].Kind != "camera" || f.Sources[0].Device != "video0" || f.Sources[2].Kind != "mic" || f.Overlays.Accent != "#00a99d" {
		t.Errorf("sources %+v, accent %q", f.Sources, f.Overlays.Accent)
	}
	if err := os.WriteFile(path, []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadSettings(path); err == nil {
		t.Error("a broken settings file loads without error")
	}
}

func TestLatencySummary(t *testing.T) {
	var l latency
	for i := 1; i <= 100; i++ {
		l.add(time.Duration(i) * time.Millisecond)
	}
	s := l.summary()
	if s.Count != 100 || s.P50 != 51*time.Millisecond || s.P99 != 100*time.Millisecond || s.Max != 100*time.Millisecond {
		t.Errorf("summary %+v", s)
	}
}
