package control

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/show"
)

// notedRundown is two products, the first with a plan, notes and FAQ.
type notedRundown struct{}

func (notedRundown) Products() []show.Product {
	return []show.Product{
		{SKU: "KET-01", Handle: "kettle", Title: "Kettle", PriceMinor: 4999, Stock: 8, Number: 2},
		{SKU: "MUG-BLU", Handle: "mug", Title: "Blue mug", PriceMinor: 1299, Stock: 40, Number: 1},
	}
}

func (notedRundown) Notes(ref string) (string, []string) {
	if ref == "KET-01" {
		return "Boils in 90 s.", []string{"Cordless? Yes."}
	}
	return "", nil
}

func (notedRundown) Planned(ref string) time.Duration {
	if ref == "KET-01" {
		return 150 * time.Second
	}
	return 0
}

func getRundown(t *testing.T, url, tok string) (int, []RundownItem) {
	t.Helper()
	code, b := httpDo(t, http.MethodGet, url+"/api/rundown", tok, "")
	var out struct {
		Products []RundownItem `json:"products"`
	}
	if code == http.StatusOK {
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatal(err)
		}
	}
	return code, out.Products
}

// A moderator reads the rundown with the host's notes; without the token,
// nothing.
func TestRundownEndpoint(t *testing.T) {
	hs := serveHandler(t, &Server{Engine: &fakeEngine{}, Token: token, Rundown: notedRundown{}})
	code, items := getRundown(t, hs.URL, token)
	if code != http.StatusOK || len(items) != 2 {
		t.Fatalf("GET /api/rundown: %d, %+v", code, items)
	}
	k := items[0]
	if k.Position != 1 || k.SKU != "KET-01" || k.Title != "Kettle" || k.Number != 2 || k.PlannedMinutes != 2.5 ||
		k.Notes != "Boils in 90 s." || len(k.FAQ) != 1 || k.FAQ[0] != "Cordless? Yes." {
		t.Errorf("first item %+v", k)
	}
	if m := items[1]; m.Position != 2 || m.SKU != "MUG-BLU" || m.Notes != "" || m.PlannedMinutes != 0 {
		t.Errorf("second item %+v", m)
	}
	if code, _ := getRundown(t, hs.URL, ""); code != http.StatusUnauthorized {
		t.Errorf("without a token: %d, want 401", code)
	}
	if code, _ := getRundown(t, hs.URL, "wrong-token-wrong-token"); code != http.StatusUnauthorized {
		t.Errorf("with a wrong token: %d, want 401", code)
	}

	// A show without a catalog lists nothing, as an empty list.
	hs2 := serveHandler(t, &Server{Engine: &fakeEngine{}, Token: token})
	if code, items := getRundown(t, hs2.URL, token); code != http.StatusOK || items == nil || len(items) != 0 {
		t.Errorf("no rundown: %d, %+v", code, items)
	}
}
