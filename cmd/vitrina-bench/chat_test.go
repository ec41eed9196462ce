package main

import (
	"regexp"
	"strconv"
	"testing"
)

// TestChatLatency runs the chat-pipeline figure as `make bench` does and
// checks what it reports against the targets.
func TestChatLatency(t *testing.T) {
	if testing.Short() {
		t.Skip("runs for 15 s of real time")
	}
	md, err := chatLatency(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + md)
	tp := regexp.MustCompile(`one core, every rule on \| \*\*(\d+) msg/CPU-s`).FindStringSubmatch(md)
	p99 := regexp.MustCompile(`/ \*\*([0-9.]+)\*\* /`).FindStringSubmatch(md)
	kept := regexp.MustCompile(`\| (\d+) / (\d+), 0 dropped \|`).FindStringSubmatch(md)
	if tp == nil || p99 == nil || kept == nil {
		t.Fatalf("the report lacks a figure")
	}
	if n, _ := strconv.Atoi(tp[1]); n < 50000 {
		t.Errorf("throughput %d msg/CPU-s, want at least 50,000", n)
	}
	if ms, _ := strconv.ParseFloat(p99[1], 64); ms >= 50 {
		t.Errorf("p99 %.2f ms, want under 50", ms)
	}
	if kept[1] != kept[2] {
		t.Errorf("persisted %s of %s", kept[1], kept[2])
	}
}
