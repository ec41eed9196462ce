package overlays

import (
	"image"
	"testing"
	"time"

	"golang.org/x/text/feature/plural"
)

// Every shipped locale has every phrase, and the fonts have every
// character of them: nothing the renderer says itself is ever left out.
func TestWordsComplete(t *testing.T) {
	for _, loc := range []string{"en", "lv", "ru", "zh", "ar"} {
		r := newRenderer(t, image.Pt(1280, 720), loc)
		for w := word(0); w < numWords; w++ {
			f := words[loc][w]
			if f[plural.Other] == "" {
				t.Errorf("%s: word %d has no Other form", loc, w)
			}
			for _, s := range f {
				for _, chain := range []faceChain{r.regular, r.bold} {
					if _, dropped := cleanText(s, chain); dropped > 0 {
						t.Errorf("%s: %q has %d characters no font has", loc, s, dropped)
					}
				}
			}
		}
	}
}

func TestPlurals(t *testing.T) {
	cases := []struct {
		locale string
		n      int
		want   string
	}{
		{"en", 1, "1 viewer"}, {"en", 2, "2 viewers"}, {"en", 1234, "1,234 viewers"},
		{"ru", 1, "1 зритель"}, {"ru", 3, "3 зрителя"}, {"ru", 5, "5 зрителей"}, {"ru", 21, "21 зритель"}, {"ru", 1534, "1\u00a0534 зрителя"},
		{"lv", 1, "1 skatītājs"}, {"lv", 10, "10 skatītāju"}, {"lv", 21, "21 skatītājs"}, {"lv", 22, "22 skatītāji"},
		{"ar", 2, "٢ مشاهدان"}, {"ar", 3, "٣ مشاهدين"}, {"ar", 11, "١١ مشاهدًا"}, {"ar", 100, "١٠٠ مشاهد"},
		{"zh", 25000, "25,000 人观看"},
	}
	for _, c := range cases {
		r := newRenderer(t, image.Pt(1280, 720), c.locale)
		if got := r.phrase(wViewers, c.n, "n", r.num(c.n)); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.locale, c.n, got, c.want)
		}
	}
}

func TestClockAndSpan(t *testing.T) {
	en := newRenderer(t, image.Pt(1280, 720), "en")
	ar := newRenderer(t, image.Pt(1280, 720), "ar")
	ru := newRenderer(t, image.Pt(1280, 720), "ru")
	for d, want := range map[time.Duration]string{
		85 * time.Second: "01:25", 200 * time.Millisecond: "00:01", 0: "00:00", -time.Second: "00:00",
		time.Hour + time.Minute + time.Second: "1:01:01", 100 * time.Hour: "100:00:00",
	} {
		if got := en.clock(d); got != want {
			t.Errorf("clock(%v) = %q, want %q", d, got, want)
		}
	}
	if got := ar.clock(85 * time.Second); got != "٠١:٢٥" {
		t.Errorf("Arabic clock %q", got)
	}
	for _, c := range []struct {
		r    *Renderer
		d    time.Duration
		want string
	}{
		{en, 10 * time.Minute, "10 min"}, {en, 90 * time.Minute, "1 h 30 min"}, {en, 45 * time.Second, "45 s"},
		{en, 150 * time.Second, "2 min 30 s"}, {en, 10*time.Minute + 30*time.Second, "10 min"},
		{ru, 90 * time.Minute, "1 ч 30 мин"}, {ar, 10 * time.Minute, "١٠ دقائق"}, {ar, 2 * time.Minute, "٢ دقيقتين"},
	} {
		if got := c.r.span(c.d); got != c.want {
			t.Errorf("%s span(%v) = %q, want %q", c.r.base, c.d, got, c.want)
		}
	}
}
