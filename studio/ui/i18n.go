package ui

import (
	"embed"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2/lang"
)

// The window's words, one JSON file per language, in fyne's translation
// format. The message id is the English text (gettext's way), so a string
// missing from a language falls back to English rather than to a key.
//
//go:embed translations
var translations embed.FS

// Languages are the interface languages: code (what VITRINA_LANG and the
// setting take) and the language's own name, for the settings dialog.
var Languages = []struct{ Code, Name string }{
	{"en", "English"},
	{"ru", "Русский"},
	{"zh", "中文"},
	{"lv", "Latviešu"},
	{"es", "Español"},
}

// UseLanguage picks the interface language: code is one of Languages, or
// "" or "system" to follow the OS (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
// fyne reads the locale from those variables and offers no setter, so a
// chosen language is put there for it. Call it before building widgets:
// labels are translated when they are made.
func UseLanguage(code string) error {
	if code != "" && code != "system" {
		if !knownLanguage(code) {
			return fmt.Errorf("interface language %q: want one of %s", code, languageCodes())
		}
		forceLocale(code)
	} else if cLocale() {
		// The C locale (containers, CI) names no language; fyne would log
		// that it cannot parse it and fall back to English anyway.
		forceLocale("en")
	}
	translationsMu.Lock()
	defer translationsMu.Unlock()
	// Loading again is cheap and makes fyne re-read the locale.
	return lang.AddTranslationsFS(translations, "translations")
}

var translationsMu sync.Mutex

// forceLocale makes fyne's locale lookup answer code. LANGUAGE wins over
// LC_* there unless the locale is C or POSIX (as in containers and Xvfb
// tests), so then LC_MESSAGES, or LC_ALL when that is what says C, is set
// too. LC_CTYPE, which decides how text is encoded, is left alone.
func forceLocale(code string) {
	os.Setenv("LANGUAGE", code)
	if v, which := messagesLocale(); isCLocale(v) {
		if which != "LC_ALL" {
			which = "LC_MESSAGES"
		}
		os.Setenv(which, code)
	}
}

// cLocale reports whether the messages locale is C or POSIX, or unset
// (LANGUAGE does not count then, as in gettext).
func cLocale() bool {
	v, _ := messagesLocale()
	return isCLocale(v)
}

// messagesLocale is the first of LC_ALL, LC_MESSAGES and LANG that is set,
// and its name; "" when none is.
func messagesLocale() (value, env string) {
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(env); v != "" {
			return v, env
		}
	}
	return "", ""
}

// isCLocale: C, POSIX or C.*, or unset.
func isCLocale(v string) bool {
	return v == "" || v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.")
}

func knownLanguage(code string) bool {
	for _, l := range Languages {
		if l.Code == code {
			return true
		}
	}
	return false
}

func languageCodes() string {
	var codes []string
	for _, l := range Languages {
		codes = append(codes, l.Code)
	}
	return strings.Join(codes, ", ")
}

// tr translates an interface string; data fills {{.Name}} templates.
func tr(s string, data ...map[string]any) string {
	if f := trace.Load(); f != nil {
		(*f)(s)
	}
	if len(data) > 0 {
		return lang.L(s, data[0])
	}
	return lang.L(s)
}

// trace, when set by a test, sees every string the window asks for, so the
// test can check that each one is in the translation files.
var trace atomic.Pointer[func(string)]
