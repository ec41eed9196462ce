package store

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The crash test runs this test binary again as a child that takes claims
// and show events until it is killed; these variables tell it where.
const (
	crashDirEnv  = "VITRINA_STORE_CRASH_DIR"
	crashShowEnv = "VITRINA_STORE_CRASH_SHOW"
)

const (
	crashStock   = 1_000_000 // never runs out: every claim is accepted
	crashAcked   = 1500      // kill after this many acknowledged claims: 1.5 s at 1,000/s
	claimWorkers = 4         // each at 250 claims/s
	eventWorkers = 2         // each at 500 journal events/s
)

// kill -9 in the middle of a show taking 1,000 claims a second (half on a
// flash sale's own stock, half falling back to the catalog's) and 1,000
// journal events a second. After reopening: every claim the child
// acknowledged is stored, each product's stock is its start less the
// stored claims, there is exactly one claim or purchase event per stored
// claim, and every acknowledged journal event is there.
func TestCrashDuringClaimsLosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a child process for about 2 s")
	}
	ctx := context.Background()
	dir := t.TempDir()
	db, err := OpenDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	seedStock(t, db, "CAT", crashStock)
	show := startShow(t, db, "crash", time.Now())
	if err := db.SetShowStock(ctx, show, "FLASH", crashStock, time.Time{}, 0); err != nil {
		t.Fatal(err)
	}
	db.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashDirEnv+"="+dir, crashShowEnv+"="+strconv.FormatInt(show, 10))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1024)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	acked, events := map[string]bool{}, map[string]bool{}
	deadline := time.After(time.Minute) // a guard for a stuck child, not a wait
	killed := false
	for lines != nil {
		select {
		case line, ok := <-lines:
			if !ok {
				lines = nil
				continue
			}
			kind, id, _ := strings.Cut(line, " ")
			switch kind {
			case "C":
				acked[id] = true
			case "E":
				events[id] = true
			}
			if !killed && len(acked) >= crashAcked {
				// Lines already in the pipe are acknowledged too: the
				// loop reads them until the child's stdout closes.
				cmd.Process.Signal(syscall.SIGKILL)
				killed = true
			}
		case <-deadline:
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child acknowledged %d claims in a minute, want %d; stderr:\n%s", len(acked), crashAcked, stderr.String())
		}
	}
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !killed || !ok || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child ended by itself (%v) after %d claims; stderr:\n%s", err, len(acked), stderr.String())
	}

	db, err = OpenDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	claims, err := db.Claims(ctx, show)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]Claim{}
	taken := map[string]int{}
	for _, c := range claims {
		stored[c.ID] = c
		taken[c.SKU] += c.Qty
	}
	for id := range acked {
		if _, ok := stored[id]; !ok {
			t.Errorf("acknowledged claim %s is lost", id)
		}
	}
	// At most one claim per worker was committed but not yet printed.
	if len(stored) < len(acked) || len(stored) > len(acked)+claimWorkers {
		t.Errorf("%d claims stored, %d acknowledged", len(stored), len(acked))
	}
	for _, sku := range []string{"FLASH", "CAT"} {
		n, err := db.ShowStock(ctx, show, sku)
		if err != nil || n != crashStock-taken[sku] {
			t.Errorf("%s stock %d (%v), want %d less %d claimed = %d", sku, n, err, crashStock, taken[sku], crashStock-taken[sku])
		}
	}
	evs, err := db.Events(ctx, show)
	if err != nil {
		t.Fatal(err)
	}
	claimEvents := map[string]bool{}
	viewers := map[string]bool{}
	for _, ev := range evs {
		var d struct {
			Claim string
			Seq   string
		}
		json.Unmarshal(ev.Data, &d)
		switch ev.Kind {
		case KindClaim, KindPurchase:
			if c, ok := stored[d.Claim]; !ok || claimEvents[d.Claim] || c.Purchase != (ev.Kind == KindPurchase) || c.SKU != ev.SKU {
				t.Errorf("%s event %s for claim %q: no such claim, a second event, or the wrong kind or product", ev.Kind, ev.Data, d.Claim)
			}
			claimEvents[d.Claim] = true
		case KindViewers:
			viewers[d.Seq] = true
		}
	}
	if len(claimEvents) != len(stored) {
		t.Errorf("%d claim and purchase events, %d claims stored", len(claimEvents), len(stored))
	}
	for seq := range events {
		if !viewers[seq] {
			t.Errorf("acknowledged journal event %s is lost", seq)
		}
	}
	t.Logf("killed after %d acknowledged claims (%d stored) and %d acknowledged events (%d stored)",
		len(acked), len(stored), len(events), len(viewers))
}

// TestCrashChild is the child of the crash test; alone it skips. It prints
// "C id" after each accepted claim and "E seq" after each journal append,
// only once the store has returned, and runs until it is killed.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("the crash test's child process")
	}
	show, _ := strconv.ParseInt(os.Getenv(crashShowEnv), 10, 64)
	ctx := context.Background()
	db, err := OpenDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	j, err := db.NewJournal(ctx, JournalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var stdout sync.Mutex
	ack := func(kind, id string) {
		stdout.Lock()
		defer stdout.Unlock()
		if _, err := os.Stdout.WriteString(kind + " " + id + "\n"); err != nil {
			panic(err)
		}
	}
	start := time.Now()
	// Paced, not flat out: a real show's rate. A worker that falls behind
	// catches up without sleeping.
	pace := func(i int, every time.Duration) {
		if d := time.Until(start.Add(time.Duration(i) * every)); d > 0 {
			time.Sleep(d)
		}
	}
	for w := range claimWorkers {
		go func() {
			for i := 0; ; i++ {
				pace(i, claimWorkers*time.Millisecond)
				sku := "FLASH"
				if i%2 == 1 {
					sku = "CAT"
				}
				c := Claim{ID: fmt.Sprintf("w%d-%d", w, i), ShowID: show, SKU: sku, Qty: 1 + i%3,
					User: fmt.Sprint("viewer", i%97), Purchase: i%5 == 0, Offset: time.Since(start)}
				r, err := db.Claim(ctx, c)
				if err != nil || !r.Accepted || r.Duplicate {
					panic(fmt.Sprintf("claim %s: %+v %v", c.ID, r, err))
				}
				ack("C", c.ID)
			}
		}()
	}
	for w := range eventWorkers {
		go func() {
			for i := 0; ; i++ {
				pace(i, eventWorkers*time.Millisecond)
				seq := fmt.Sprintf("%d-%d", w, i)
				ev := ShowEvent{ShowID: show, Offset: time.Since(start), Kind: KindViewers,
					Data: json.RawMessage(`{"seq":"` + seq + `"}`)}
				if err := j.Append(ctx, ev); err != nil {
					panic(err)
				}
				ack("E", seq)
			}
		}()
	}
	// The parent kills this process; a child left behind by a dead parent
	// stops on its own.
	<-time.After(time.Minute)
	t.Fatal("never killed")
}

// seedStock adds a catalog product whose one variant has sku and stock.
func seedStock(t *testing.T, db *DB, sku string, stock int64) {
	t.Helper()
	ctx := context.Background()
	err := db.Write(ctx, func(tx *sql.Tx) error {
		w, err := NewCatalogWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.Close()
		p := &Product{Handle: strings.ToLower(sku), Title: sku, Published: true, Status: "active"}
		if err := w.InsertProduct(p); err != nil {
			return err
		}
		return w.InsertVariant(p.ID, &Variant{Position: 1, SKU: sku, PriceMinor: 1000, Stock: &stock})
	})
	if err != nil {
		t.Fatal(err)
	}
}
