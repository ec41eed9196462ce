package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/media/mediatest"
	"github.com/vitrina-live/vitrina/studio/platform"
	"github.com/vitrina-live/vitrina/studio/store"
)

// showDataCues put TOTE on air, start its flash sale of 3 and drop a promo
// code that one claim may use.
const showDataCues = `
[[cue]]
at = "0s"
do = "pin"
product = "TOTE"

[[cue]]
at = "1s"
do = "flash_sale"
product = "TOTE"
price = 19.0
stock = 3
duration = "2m"
` + firstPromoCue

// viewer is a test viewer on the relay's event socket.
type viewer struct {
	t  *testing.T
	c  *platform.Conn
	id uint64
}

func dialViewer(t *testing.T, events, nick string) *viewer {
	t.Helper()
	c, err := platform.Dial(t.Context(), events, platform.DialOptions{Hello: platform.Hello{Role: platform.RoleViewer, Nick: nick}})
	if err != nil {
		t.Fatalf("viewer %s: %v", nick, err)
	}
	t.Cleanup(func() { c.CloseNow() })
	return &viewer{t: t, c: c}
}

// send sends ev under a new id (or again under the last one) and returns
// the relay's answer: ack, duplicate or the error code.
func (v *viewer) send(ev platform.Event, again bool) string {
	v.t.Helper()
	if !again {
		v.id++
	}
	ctx, cancel := context.WithTimeout(v.t.Context(), 10*time.Second)
	defer cancel()
	if err := v.c.Send(ctx, v.id, ev); err != nil {
		v.t.Fatalf("viewer: %v", err)
	}
	for {
		env, msg, err := v.c.Read(ctx)
		if err != nil {
			v.t.Fatalf("viewer: no answer to %d: %v", v.id, err)
		}
		_ = env
		switch m := msg.(type) {
		case platform.Ack:
			if m.ID == v.id && m.Duplicate {
				return "duplicate"
			} else if m.ID == v.id {
				return "ack"
			}
		case platform.ErrorData:
			if m.Ref == v.id {
				return string(m.Code)
			}
		}
	}
}

// A show on `vitrina relay` reading the relay's chat and an IRC chat:
// viewers' claims on the relay's socket (with the promo code, past its
// limit, resent, outside the sale, two racing for the last unit) go through
// the store, whose stock, claims, redemptions and events agree; the viewer
// count, the chat rate with its want-it messages and a moderator's ban are
// written as the show runs; and the report made from the store has data in
// every section. (A resend the studio itself gets twice, after its own
// reconnect, is TestPlatformLinkTranslates's.)
func TestShowDataThroughRelayIntoReport(t *testing.T) {
	_, base := startRelayCmd(t)
	events := eventsURL(base)
	port := mediatest.StartNgircd(t).Port
	body := fmt.Sprintf(platformShow, base+"/show/whip", events) +
		fmt.Sprintf("\n[[chat]]\nkind = \"irc\"\nserver = \"127.0.0.1:%d\"\nchannel = \"#shop\"\nnick = \"vitrina\"\n", port) +
		"\n[[chat]]\nkind = \"platform\"\n" + showDataCues
	dir, data := showFolder(t, body, platformCatalog), t.TempDir()
	s, api := runControlled(t, dir, data, []string{"TEST_PLATFORM_TOKEN=" + relayToken}, "--for", "2m",
		"--record", filepath.Join(dir, "show.mkv"))
	s.waitFor(t, 0, 30*time.Second, "platform events", "state=live")
	s.waitFor(t, 0, 30*time.Second, "chat connection", "state=live")
	s.waitFor(t, 0, 30*time.Second, "promo code dropped", "code=FIRST1")
	s.waitFor(t, 0, 30*time.Second, "flash sale", "product=TOTE")

	// Three viewers: the page in Chromium, and ann and bob on the socket
	// (who wait until the relay has the sale and the code, as their page
	// would show them).
	page := openViewer(t, base+"/show/?nick=cleo")
	page.do(map[string]any{"cmd": "wait", "selector": "#promo-code", "text": "FIRST1"})
	page.do(map[string]any{"cmd": "wait", "selector": "#pinned-stock", "text": "Only 3 left"})
	ann, bob := dialViewer(t, events, "ann"), dialViewer(t, events, "bob")
	sale, code := waitSaleAndPromo(t, ann)
	if code != "FIRST1" {
		t.Fatalf("the relay shows promo %q, want FIRST1", code)
	}
	waitViewers(t, ann, 3) // the same tick tells the studio
	tote := func(code string) platform.Claim {
		return platform.Claim{SKU: "TOTE", Quantity: 1, SaleID: sale, Code: code}
	}

	// The page's buy button sends the code it shows: its one use. Then a
	// second claim with it: refused by the studio (the relay cannot know
	// the limit), taking nothing.
	page.do(map[string]any{"cmd": "click", "selector": "#buy"})
	s.waitFor(t, 0, 15*time.Second, "platform: claim", "product=TOTE", "code=FIRST1", "left=2")
	page.do(map[string]any{"cmd": "wait", "selector": "#pinned-stock", "text": "Only 2 left"})
	page.close()
	if a := bob.send(tote("FIRST1"), false); a != "ack" {
		t.Fatalf("bob's claim with the used code: the relay answered %s", a)
	}
	s.waitFor(t, 0, 15*time.Second, "platform: claim refused", "product=TOTE", `reason="promo code used up"`)
	// A claim without a code, and the page sending it again: the relay
	// answers duplicate, and the studio takes it once.
	if a := ann.send(tote(""), false); a != "ack" {
		t.Fatalf("ann's claim without a code: %s", a)
	}
	s.waitFor(t, 0, 15*time.Second, "platform: claim", "product=TOTE", "left=1")
	if a := ann.send(tote(""), true); a != "duplicate" {
		t.Errorf("ann's claim resent: the relay answered %s, want duplicate", a)
	}
	// Outside the sale: the catalog's 50 shirts.
	if a := bob.send(platform.Claim{SKU: "LIN-SHIRT", Quantity: 2}, false); a != "ack" {
		t.Fatalf("bob's claim of shirts: %s", a)
	}
	s.waitFor(t, 0, 15*time.Second, "platform: claim", "product=LIN-SHIRT", "left=48")
	// Both race for the last tote: one gets it, the store never goes below 0.
	raced := make(chan string, 1)
	go func() { raced <- bob.send(tote(""), false) }()
	annRace := ann.send(tote(""), false)
	bobRace := <-raced
	s.waitFor(t, 0, 15*time.Second, "platform: claim", "product=TOTE", "left=0")
	t.Logf("the race for the last tote: ann %s, bob %s", annRace, bobRace)
	if annRace == "ack" && bobRace == "ack" {
		// Both passed the relay's check: the studio's store refused one.
		s.waitFor(t, 0, 15*time.Second, "platform: claim refused", "product=TOTE", `reason="sold out"`)
	}

	// Chat on the relay's socket and on IRC: two want-its, a question, and
	// a spammer banned by a moderator.
	if a := ann.send(platform.ChatMessage{Text: "I want it!!"}, false); a != "ack" {
		t.Fatalf("ann's chat message: %s", a)
	}
	s.waitFor(t, 0, 15*time.Second, "chat: triaged", "platform=relay", "queues=want")
	buyer := mediatest.JoinIRC(t, port, "buyer", "#shop")
	spammer := mediatest.JoinIRC(t, port, "spammer", "#shop")
	buyer.Say("#shop", "I want it! +1")
	buyer.Say("#shop", "is the tote washable?")
	spammer.Say("#shop", "cheap followers here")
	s.waitFor(t, 0, 15*time.Second, "chat: triaged", "user=buyer", "queues=want")
	s.waitFor(t, 0, 15*time.Second, "chat: triaged", "user=buyer", "queues=question")
	api.post("moderate", `{"action":"ban","user":"spammer","reason":"spam","moderator":"anna"}`)
	s.waitFor(t, 0, 15*time.Second, "chat action", "action=ban")

	if log := s.stop(t, 60*time.Second); strings.Contains(log, "show event lost") || strings.Contains(log, "a claim was not taken") {
		t.Errorf("the show lost events or claims:\n%s", log)
	}

	checkShowData(t, data)

	html := filepath.Join(t.TempDir(), "report.html")
	if code, _, stderr := vitrinaData(t, data, "report", "latest", "--out", html); code != 0 {
		t.Fatalf("vitrina report exited %d: %s", code, stderr)
	}
	secs := reportSections(t, html)
	for _, id := range []string{"viewers", "chat", "airtime", "interest", "promos", "moderation"} {
		if nodata, ok := secs[id]; !ok || nodata {
			t.Errorf("the report's %s section: present %v, says No data %v", id, ok, nodata)
		}
	}
	kpis := reportKPIs(t, html)
	for label, want := range map[string]string{"Peak viewers": "3", "Units claimed": "5", "Want-it messages": "2",
		"Code redemptions": "1", "Moderation": "1"} {
		if kpis[label] != want {
			t.Errorf("the report's %q is %q, want %s", label, kpis[label], want)
		}
	}
	if r := checkInChromium(t, html, filepath.Join(t.TempDir(), "report.png")); r.NoData != 0 || len(r.EmptyCharts) > 0 {
		t.Errorf("in Chromium the report has %d No data sections and empty charts %v, want none", r.NoData, r.EmptyCharts)
	}
}

// waitSaleAndPromo reads a viewer's socket until the relay has shown it a
// flash sale and a promo code, and returns the sale's id and the code.
func waitSaleAndPromo(t *testing.T, v *viewer) (sale, code string) {
	t.Helper()
	if st := v.c.Welcome.State; st.Sale != nil && st.Promo != nil {
		return st.Sale.SaleID, st.Promo.Code
	}
	if st := v.c.Welcome.State; st.Sale != nil {
		sale = st.Sale.SaleID
	}
	if st := v.c.Welcome.State; st.Promo != nil {
		code = st.Promo.Code
	}
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	defer cancel()
	for sale == "" || code == "" {
		_, ev, err := v.c.Read(ctx)
		if err != nil {
			t.Fatalf("the viewer saw no sale (%q) and promo (%q): %v", sale, code, err)
		}
		switch e := ev.(type) {
		case platform.SaleStart:
			sale = e.SaleID
		case platform.PromoDrop:
			code = e.Code
		}
	}
	return sale, code
}

// waitViewers reads a viewer's socket until the relay counts n viewers.
func waitViewers(t *testing.T, v *viewer, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	defer cancel()
	for {
		_, ev, err := v.c.Read(ctx)
		if err != nil {
			t.Fatalf("the relay never counted %d viewers: %v", n, err)
		}
		if c, ok := ev.(platform.ViewersCount); ok && c.Count == n {
			return
		}
	}
}

// checkShowData opens the show's store after the show: its stock, claims,
// redemptions and events must tell the same story.
func checkShowData(t *testing.T, data string) {
	t.Helper()
	ctx := context.Background()
	db := openStore(t, data)
	sh, err := db.FindShow(ctx, "latest")
	if err != nil {
		t.Fatal(err)
	}
	claims, err := db.Claims(ctx, sh.ID)
	if err != nil {
		t.Fatal(err)
	}
	units := map[string]int{}
	for _, c := range claims {
		units[c.SKU] += c.Qty
	}
	if len(claims) != 4 || units["TOTE"] != 3 || units["LIN-SHIRT"] != 2 {
		t.Errorf("claims %+v: want 4, of 3 totes and 2 shirts", claims)
	}
	for sku, want := range map[string]int{"TOTE": 0, "LIN-SHIRT": 48} {
		if n, err := db.ShowStock(ctx, sh.ID, sku); err != nil || n != want {
			t.Errorf("the store's stock of %s: %d (%v), want %d", sku, n, err, want)
		}
	}
	rs, err := db.Redemptions(ctx, sh.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Code != "FIRST1" || rs[0].SKU != "TOTE" {
		t.Errorf("redemptions %+v: want one of FIRST1 on TOTE", rs)
	}
	evs, err := db.Events(ctx, sh.ID)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	peak, want, actions, rates := 0, 0, []string{}, []string{}
	for _, e := range evs {
		kinds[e.Kind]++
		var d struct {
			Count  int             `json:"count"`
			Want   json.RawMessage `json:"want"`
			Action string          `json:"action"`
			Limit  int             `json:"limit"`
		}
		json.Unmarshal(e.Data, &d)
		switch e.Kind {
		case store.KindViewers:
			peak = max(peak, d.Count)
		case store.KindChatRate:
			rates = append(rates, string(e.Data))
			var by map[string]int // "I want it!" is about the tote on air
			if json.Unmarshal(d.Want, &by) == nil {
				want += by["TOTE"]
			}
		case store.KindModeration:
			actions = append(actions, d.Action)
		case store.KindPromo:
			if d.Limit != 1 {
				t.Errorf("the promo event %s has no limit of 1", e.Data)
			}
		}
	}
	if kinds[store.KindClaim] != 4 || kinds[store.KindRedeem] != 1 || kinds[store.KindPromo] != 1 {
		t.Errorf("events by kind %v: want 4 claim, 1 redeem, 1 promo", kinds)
	}
	if peak != 3 {
		t.Errorf("the viewers events peak at %d, want 3", peak)
	}
	if want != 2 || kinds[store.KindChatRate] == 0 {
		t.Errorf("chat_rate events %s: %d want-it messages for TOTE, want 2", rates, want)
	}
	if !slices.Contains(actions, "ban") {
		t.Errorf("moderation events %v: want the ban", actions)
	}
}

// reportSections reads each card of a report page: its id and whether it
// says No data.
func reportSections(t *testing.T, path string) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	parts := strings.Split(string(b), `<section class="card" id="`)
	for _, p := range parts[1:] {
		id, rest, _ := strings.Cut(p, `"`)
		end := strings.Index(rest, "</section>")
		if end < 0 {
			end = len(rest)
		}
		out[id] = strings.Contains(rest[:end], "No data")
	}
	return out
}

// reportKPIs reads the report's headline numbers by label.
func reportKPIs(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`<div class="label">([^<]*)</div><div class="value">([^<]*)</div>`).FindAllStringSubmatch(string(b), -1) {
		out[m[1]] = m[2]
	}
	return out
}
