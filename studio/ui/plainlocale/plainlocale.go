// Package plainlocale keeps fyne quiet under the C locale (LANG=C.UTF-8,
// the default in containers and CI): fyne reads the locale while its
// packages initialise, cannot parse "C", and prints three error lines on
// every command, even `vitrina help`. With LANGUAGE set to English for such
// a plain locale, it reads "en" instead; the C locale means "no language
// preference", so nothing a user chose is overridden. It must be imported
// before anything that imports fyne, which Go's initialisation order
// guarantees for a package with no dependencies but os and strings.
package plainlocale

import (
	"os"
	"strings"
)

func init() {
	loc := ""
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = os.Getenv(env); loc != "" {
			break
		}
	}
	base, _, _ := strings.Cut(loc, ".")
	if (base == "C" || base == "POSIX" || loc == "") && os.Getenv("LANGUAGE") == "" {
		os.Setenv("LANGUAGE", "en")
	}
}
