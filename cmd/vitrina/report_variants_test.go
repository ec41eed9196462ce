package main

import (
	htmltext "html"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/catalog"
)

// The report counts want-it per variant, as the chat named them, and
// titles each row by its variant ("Linen shirt, L"), never a bare SKU; a
// product without variants keeps its title.
func TestReportTitlesInterestByVariant(t *testing.T) {
	data := t.TempDir()
	csv, err := os.ReadFile(repoPath("assets/catalog/demo.csv"))
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := catalog.Import(t.Context(), openStore(t, data), csv, catalog.Options{Logger: quiet}); err != nil {
		t.Fatal(err)
	}
	seedShow(t, data, "Linen day", "", 90*time.Second,
		showEvent(0, "pin", "TEE-M", map[string]string{"title": "Linen shirt"}),
		showEvent(30*time.Second, "chat_rate", "", map[string]any{"messages": 5, "window_s": 30,
			"want": map[string]int{"TEE-L": 2, "TEE-M": 1, "CAN-LAV": 1}}),
		showEvent(60*time.Second, "unpin", "", nil))
	out := filepath.Join(t.TempDir(), "report.html")
	if code, _, stderr := vitrinaData(t, data, "report", "latest", "--out", out); code != 0 {
		t.Fatalf("vitrina report exited %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := htmltext.UnescapeString(string(b))
	for _, row := range []string{
		`<td>Linen shirt, L</td><td class="mono">TEE-L</td>`,
		`Linen shirt, M</td><td class="mono">TEE-M</td>`,
		`<td>Lavender candle</td><td class="mono">CAN-LAV</td>`,
		`Linen shirt, L</text>`, // the interest chart's bar
	} {
		if !strings.Contains(page, row) {
			t.Errorf("the report has no row %s", row)
		}
	}
	// The L shirt's row: on air 0:00, 0%, 0 times, then its 2 want-its.
	if _, row, _ := strings.Cut(page, `<td class="mono">TEE-L</td>`); !strings.HasPrefix(row,
		`<td class="n">0:00</td><td class="n">0%</td><td class="n">0</td><td class="n">2</td>`) {
		t.Errorf("the L shirt's row does not count its 2 want-it messages: %.200s", row)
	}
	if strings.Contains(page, "Default Title") {
		t.Error("the report names a product by Shopify's Default Title")
	}
}
