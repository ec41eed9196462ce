package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/studio/store"
)

const (
	showEventsRate    = 10000 // events a second: the figure
	showEventsFor     = 5 * time.Second
	showEventsWorkers = 128 // appenders: the engine, the relay, chat, each its own goroutine
)

// showEvents measures the store's show journal at 10,000 events a second
// for 5 s, one event per append, into a fresh database. The load is
// open-loop: each event is due at its own time, and its write latency runs
// from that time to the moment its Append returns, committed. A writer
// that falls behind therefore shows in the latency instead of quietly
// slowing the load down.
func showEvents(dir string) (string, error) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(dir, "show-events.db"))
	if err != nil {
		return "", err
	}
	defer db.Close()
	j, err := db.NewJournal(ctx, store.JournalOptions{})
	if err != nil {
		return "", err
	}
	show, err := db.StartShow(ctx, "bench", "", time.Now())
	if err != nil {
		j.Close()
		return "", err
	}

	total := int(showEventsFor.Seconds() * showEventsRate)
	interval := time.Second / showEventsRate
	due := make(chan time.Duration, total)
	lat := make([]time.Duration, 0, total)
	var mu sync.Mutex
	var firstErr error
	start := time.Now()
	var wg sync.WaitGroup
	for range showEventsWorkers {
		wg.Go(func() {
			for off := range due {
				ev := store.ShowEvent{ShowID: show, At: start.Add(off), Offset: off, Kind: store.KindViewers,
					Data: json.RawMessage(`{"count":1234}`)}
				err := j.Append(ctx, ev)
				l := time.Since(start) - off
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				lat = append(lat, l)
				mu.Unlock()
			}
		})
	}
	// Release the events that are due every millisecond: a finer pace
	// only spends the CPU the writer needs.
	for sent := 0; sent < total; {
		for upTo := min(total, int(time.Since(start)/interval)+1); sent < upTo; sent++ {
			due <- time.Duration(sent) * interval
		}
		time.Sleep(time.Millisecond)
	}
	close(due)
	wg.Wait()
	elapsed := time.Since(start)
	if err := j.Close(); err != nil {
		return "", err
	}
	if firstErr != nil {
		return "", fmt.Errorf("append: %w", firstErr)
	}
	evs, err := db.Events(ctx, show)
	if err != nil {
		return "", err
	}
	if len(evs) != total {
		return "", fmt.Errorf("%d events stored, %d appended", len(evs), total)
	}

	slices.Sort(lat)
	pct := func(p float64) string {
		return fmt.Sprintf("%.1f ms", float64(lat[min(len(lat)-1, int(float64(len(lat))*p))].Microseconds())/1000)
	}
	rate := float64(total) / elapsed.Seconds()
	var b strings.Builder
	fmt.Fprintf(&b, "## show-events-10k\n\n")
	fmt.Fprintf(&b, "Show events appended to the store (SQLite, WAL, synchronous=NORMAL) through its journal, which commits "+
		"what arrives in a batch (group commit), at %d events a second for %s: one event per append from %d goroutines, "+
		"each append returning once its batch is committed. Latency is from each event's due time to its commit. "+
		"A commit is safe from a killed process; a power cut can lose the commits since the last checkpoint. "+
		"%d CPUs, shared with whatever else the machine runs.\n\n",
		showEventsRate, showEventsFor, showEventsWorkers, runtime.NumCPU())
	fmt.Fprintf(&b, "| events/s | p50 | p95 | p99 | max | target |\n|---|---|---|---|---|---|\n")
	fmt.Fprintf(&b, "| **%.0f** | %s | %s | **%s** | %s | 10,000/s, p99 < 10 ms |\n", rate, pct(0.50), pct(0.95), pct(0.99), pct(1))
	return b.String(), nil
}
