package relay

import (
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// pageStrings reads the viewer page's translation tables from web/strings.js:
// language → key → a string, or plural forms (category → string).
func pageStrings(t *testing.T) map[string]map[string]any {
	t.Helper()
	b, err := web.ReadFile("web/strings.js")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	const start = "window.VITRINA_STRINGS = "
	i := strings.Index(s, start)
	j := strings.LastIndex(s, ";")
	if i < 0 || j < i {
		t.Fatalf("strings.js has no %q… ; table", start)
	}
	var tables map[string]map[string]any
	if err := json.Unmarshal([]byte(s[i+len(start):j]), &tables); err != nil {
		t.Fatalf("strings.js: the table is not strict JSON: %v", err)
	}
	return tables
}

var placeholder = regexp.MustCompile(`\{\w+\}`)

// forms is a value's texts: the string, or each plural form.
func forms(v any) map[string]string {
	switch v := v.(type) {
	case string:
		return map[string]string{"": v}
	case map[string]any:
		m := map[string]string{}
		for k, s := range v {
			m[k], _ = s.(string)
		}
		return m
	}
	return nil
}

func placeholders(s string) []string {
	p := placeholder.FindAllString(s, -1)
	slices.Sort(p)
	return slices.Compact(p)
}

// Every language the page speaks has exactly the English keys, each with
// the same {placeholders}, and a plural key has every form its language's
// plural rules (Intl.PluralRules, CLDR) ask of whole numbers.
func TestViewerPageStringsHaveEveryKeyInEveryLanguage(t *testing.T) {
	tables := pageStrings(t)
	langs := slices.Sorted(maps.Keys(tables))
	if want := []string{"en", "es", "lv", "ru", "zh"}; !slices.Equal(langs, want) {
		t.Fatalf("strings.js has languages %v, want %v", langs, want)
	}
	plurals := map[string][]string{ // the categories a whole count can fall in
		"en": {"one", "other"}, "es": {"one", "other"}, "lv": {"zero", "one", "other"},
		"ru": {"one", "few", "many"}, "zh": {"other"},
	}
	en := tables["en"]
	for _, lang := range langs {
		table := tables[lang]
		for key := range table {
			if _, ok := en[key]; !ok {
				t.Errorf("%s has %q, which English does not", lang, key)
			}
		}
		for key, ev := range en {
			v, ok := table[key]
			if !ok {
				t.Errorf("%s lacks %q", lang, key)
				continue
			}
			f := forms(v)
			if len(f) == 0 {
				t.Errorf("%s %q is neither a string nor plural forms: %v", lang, key, v)
				continue
			}
			want := placeholders(forms(ev)[firstKey(forms(ev))])
			for form, s := range f {
				if s == "" {
					t.Errorf("%s %q %s is empty", lang, key, form)
				}
				if got := placeholders(s); !slices.Equal(got, want) {
					t.Errorf("%s %q %s has placeholders %v, English %v", lang, key, form, got, want)
				}
			}
			if _, plural := v.(map[string]any); plural {
				for _, c := range plurals[lang] {
					if _, ok := f[c]; !ok {
						t.Errorf("%s %q lacks the plural form %q", lang, key, c)
					}
				}
			}
		}
	}
}

func firstKey(m map[string]string) string { return slices.Sorted(maps.Keys(m))[0] }

// Everything the page's HTML and scripts ask for is in the English table,
// and the HTML's own text (what a browser without scripts shows) is the
// English text.
func TestViewerPageAsksOnlyForKnownStrings(t *testing.T) {
	en := pageStrings(t)["en"]
	html, _ := web.ReadFile("web/index.html")
	static := regexp.MustCompile(`data-i18n="([\w.]+)"[^>]*>([^<]*)<`)
	n := 0
	for _, m := range static.FindAllStringSubmatch(string(html), -1) {
		n++
		if s, _ := en[m[1]].(string); s != m[2] {
			t.Errorf("index.html shows %q for %q, the English table %q", m[2], m[1], en[m[1]])
		}
	}
	attrs := regexp.MustCompile(`data-i18n-[\w-]+="([\w.]+)"`)
	for _, m := range attrs.FindAllStringSubmatch(string(html), -1) {
		n++
		if _, ok := en[m[1]]; !ok {
			t.Errorf("index.html asks for %q, not in the English table", m[1])
		}
	}
	if n < 15 {
		t.Errorf("index.html has only %d translated texts", n)
	}
	// t('key', …), t(cond ? 'a' : 'b', …) in the scripts.
	call := regexp.MustCompile(`\bt\(([^{;]*?)(?:,|\)\s*[;:,)}+])`)
	quoted := regexp.MustCompile(`(?:^|\? |: )'([\w.]+)'`) // not the condition's
	for _, f := range []string{"web/app.js", "web/player.js"} {
		b, _ := web.ReadFile(f)
		found := 0
		for _, m := range call.FindAllStringSubmatch(string(b), -1) {
			for _, q := range quoted.FindAllStringSubmatch(m[1], -1) {
				found++
				if _, ok := en[q[1]]; !ok && q[1] != "player." {
					t.Errorf("%s asks for %q, not in the English table", f, q[1])
				}
			}
		}
		if found < 3 {
			t.Errorf("%s: found only %d strings asked for; has the way it asks changed?", f, found)
		}
	}
	// player.js asks for player.<data-state>.
	for _, st := range []string{"connecting", "waiting", "stopped", "ended", "reconnecting", "full", "offline", "error"} {
		if _, ok := en["player."+st]; !ok {
			t.Errorf("the English table lacks player.%s", st)
		}
	}
}
