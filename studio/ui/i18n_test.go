package ui

import (
	"encoding/json"
	"regexp"
	"slices"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/vitrina-live/vitrina/studio"
)

func readTranslations(t *testing.T, name string) map[string]string {
	t.Helper()
	b, err := translations.ReadFile("translations/" + name)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

var placeholder = regexp.MustCompile(`\{\{\.[A-Za-z]+\}\}`)

// Every language has every string, with the same placeholders.
func TestTranslationsAreComplete(t *testing.T) {
	en := readTranslations(t, "en.json")
	for _, name := range []string{"ru.json", "zh_Hans.json", "lv.json", "es.json"} {
		tr := readTranslations(t, name)
		for k := range en {
			v, ok := tr[k]
			if !ok || v == "" {
				t.Errorf("%s lacks %q", name, k)
				continue
			}
			want, got := placeholder.FindAllString(k, -1), placeholder.FindAllString(v, -1)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(want, got) {
				t.Errorf("%s: %q has placeholders %v, want %v", name, v, got, want)
			}
		}
		for k := range tr {
			if _, ok := en[k]; !ok {
				t.Errorf("%s has %q, which en.json does not", name, k)
			}
		}
	}
}

// Every string the window asks to translate is in the files: the window is
// built, every dialog opened and every state shown while tr is traced.
func TestEveryInterfaceStringIsTranslated(t *testing.T) {
	en := readTranslations(t, "en.json")
	var mu sync.Mutex
	asked := map[string]bool{}
	f := func(s string) { mu.Lock(); asked[s] = true; mu.Unlock() }
	trace.Store(&f)
	t.Cleanup(func() { trace.Store(nil) })

	eng, feed := newFakeEngine(), newFakeFeed()
	seller := &fakeSeller{calls: make(chan string, 8)}
	w, _ := newTestWindow(t, eng, Options{Seller: seller, Rundown: fakeRundown{}, Chat: feed,
		RecordPath: "/tmp/x.mkv", Demo: true, NoCamera: true})
	newTestWindow(t, eng, Options{Demo: true})     // no seller, no chat, no recording
	NewDestinationsPane(fakeOutputs{}, "", inline) // no destinations
	NewAudioPane(fakeMixer{}, inline)              // no audio
	NewRundownPane(seller, nil, "", inline, nil)   // no products
	for _, s := range []string{"idle", "connecting", "live", "reconnecting", "failed", "stopped"} {
		w.Apply(studio.Event{Kind: studio.EventOutputState, Subject: "relay", State: s})
	}
	w.Destinations.ApplyState("youtube", "reconnecting", errTest)
	w.Destinations.applyStatus(w.Destinations.Row("youtube"), statusRetrying())
	w.Apply(studio.Event{Kind: studio.EventStarted, Time: time.Now()})
	w.Apply(studio.Event{Kind: studio.EventStats, Stats: studio.Stats{Destinations: eng.Destinations()}})
	w.Apply(studio.Event{Kind: studio.EventOutputState, Subject: "record", State: "failed", Err: errTest})
	w.Apply(studio.Event{Kind: studio.EventStopped, Time: time.Now()})
	w.Status.Tick(time.Now(), 10)
	w.Status.SetViewers(12)
	w.Audio.SetMute(w.Audio.Channel("tone"), true)
	w.Chat.titleEvery, w.Chat.listEvery = 0, 0
	w.Chat.Add(ChatMessage{ID: "1", User: "u", Text: "q?", Queues: []string{"question", "want"}, Products: []string{"X"}})
	w.Chat.Lists[TabAll].List().Select(0)
	w.Chat.ShowUserCard()
	w.Rundown.List.Select(0)
	w.Rundown.AskFlashSale()
	w.Rundown.AskPromo()
	parseMoney("x")
	w.Destinations.enableAdd(nil, &fakeKeys{}, nil)
	w.Destinations.NewEditor().save() // no key: an error
	w.Destinations.NewEditor().check()
	ed := w.Destinations.NewEditor()
	ed.URL.SetText("rtmps://x/app")
	ed.save()
	ed.URL.SetText("x")
	ed.save()
	ed.ID.SetText("a b")
	ed.save()
	ed.ID.SetText("relay")
	ed.save()
	w.Destinations.EditorFor("youtube").save()
	w.Destinations.AskRemove("relay")
	w.Chat.AskPin()
	two := newFakeEngine()
	two.twoCanvases()
	newTestWindow(t, two, Options{}) // the scene bar's canvas choice
	w.ShowHelp()
	w.ShowGuide()
	w.ShowSettings()
	w.opts.Demo, w.opts.NoCamera = true, false
	w.ShowGuide()
	w.saveSettings(Settings{})

	mu.Lock()
	defer mu.Unlock()
	for s := range asked {
		if _, ok := en[s]; !ok {
			t.Errorf("%q is not in translations/en.json", s)
		}
	}
	for s := range en {
		if !asked[s] {
			t.Logf("not exercised by this test: %q", s)
		}
	}
}

func TestLanguagesFollowVITRINA_LANG(t *testing.T) {
	for _, env := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		t.Setenv(env, "")
	}
	t.Setenv("LANG", "C.UTF-8") // as in containers: fyne would fall back to English
	t.Cleanup(func() { UseLanguage("en") })
	cases := []struct{ code, golive, offAir, held string }{
		{"ru", "В эфир везде", "НЕ В ЭФИРЕ", "Задержано (0)"},
		{"zh", "全部开播", "未开播", "待审（0）"},
		{"lv", "Ēterā visur", "NAV ĒTERĀ", "Aizturētās (0)"},
		{"es", "En directo en todos", "FUERA DEL AIRE", "Retenidos (0)"},
		{"en", "Go live everywhere", "OFF AIR", "Held (0)"},
	}
	for _, c := range cases {
		if err := UseLanguage(c.code); err != nil {
			t.Fatal(err)
		}
		test.NewTempApp(t)
		w := New(test.NewTempWindow(t, nil), newFakeEngine(), Options{run: inline})
		if w.Destinations.GoLive.Text != c.golive || w.Destinations.Rows[0].Chip.Text.Text != c.offAir ||
			w.Chat.Tabs.Items[TabHeld].Text != c.held {
			t.Errorf("%s: %q, %q, %q; want %q, %q, %q", c.code, w.Destinations.GoLive.Text,
				w.Destinations.Rows[0].Chip.Text.Text, w.Chat.Tabs.Items[TabHeld].Text, c.golive, c.offAir, c.held)
		}
	}
	if err := UseLanguage("tlh"); err == nil {
		t.Error("Klingon accepted")
	}
}
