package catalog

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/vitrina-live/vitrina/studio/store"
)

// comparable drops what differs between data directories (the cache's
// folder) and keeps the image files' names, which are content hashes.
func comparable(m map[string]store.Listing) map[string]store.Listing {
	out := map[string]store.Listing{}
	for k, l := range m {
		imgs := make([]string, len(l.Images))
		for i, p := range l.Images {
			imgs[i] = filepath.Base(p)
		}
		l.Images = imgs
		out[k] = l
	}
	return out
}

// The same export saved in every encoding a spreadsheet offers imports to
// the same catalog, emoji and Cyrillic included.
func TestEveryEncodingImportsTheSameCatalog(t *testing.T) {
	shop := string(readTestdata(t, "shopify_products.csv"))
	db, dir := openDB(t)
	if _, err := importBytes(t, db, dir, newCDN(t), []byte(shop), Options{}); err != nil {
		t.Fatal(err)
	}
	want := comparable(listing(t, db))

	cases := []struct {
		name, flag, data, used string
	}{
		{"utf-8 with BOM", "", "\uFEFF" + shop, EncodingUTF8},
		{"utf-8 with CRLF", "", strings.ReplaceAll(shop, "\n", "\r\n"), EncodingUTF8},
		{"utf-16le with BOM", "", mustEncode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder(), shop), EncodingUTF16LE},
		{"utf-16be with BOM", "", mustEncode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder(), shop), EncodingUTF16BE},
		{"utf-16be with BOM and --encoding utf-16", "utf-16", mustEncode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder(), shop), EncodingUTF16BE},
		{"utf-16le without BOM, --encoding utf-16le", "utf-16le", mustEncode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder(), shop), EncodingUTF16LE},
		{"utf-8 with --encoding utf8", "utf8", shop, EncodingUTF8},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, dir := openDB(t)
			rep, err := importBytes(t, db, dir, newCDN(t), []byte(c.data), Options{Encoding: c.flag})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Encoding != c.used {
				t.Errorf("read as %s, want %s", rep.Encoding, c.used)
			}
			if got := comparable(listing(t, db)); !reflect.DeepEqual(got, want) {
				t.Errorf("catalog differs from the UTF-8 import:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestLegacyCodePagesWithTheFlag(t *testing.T) {
	cases := []struct {
		flag, text string
		enc        interface{ String(string) (string, error) }
		sku, title string
	}{
		{"windows-1251", russianShopify, charmap.Windows1251.NewEncoder(), "PL-BLU", "Платок «Гжель»"},
		{"cp1252", westernShopify, charmap.Windows1252.NewEncoder(), "CB-01", "Crème brûlée set « Façon »"},
	}
	for _, c := range cases {
		t.Run(c.flag, func(t *testing.T) {
			data, err := c.enc.String(c.text)
			if err != nil {
				t.Fatal(err)
			}
			db, dir := openDB(t)
			if _, err := importBytes(t, db, dir, nil, []byte(data), Options{Encoding: c.flag}); err != nil {
				t.Fatal(err)
			}
			if got := listing(t, db)[c.sku].Title; got != c.title {
				t.Errorf("title %q, want %q", got, c.title)
			}
		})
	}
	// Without the flag, a Western code page gets a hint naming both.
	data, _ := charmap.Windows1252.NewEncoder().String(westernShopify)
	_, _, err := decodeText([]byte(data), EncodingAuto)
	if !errors.Is(err, ErrEncoding) || !strings.Contains(err.Error(), "line 2:") || !strings.Contains(err.Error(), "--encoding windows-1252") {
		t.Errorf("windows-1252 without the flag: %v", err)
	}
}

func TestEncodingFlagErrors(t *testing.T) {
	if _, err := ParseEncoding("koi8-r"); !errors.Is(err, ErrBadEncodingName) || !errors.Is(err, ErrBadFile) {
		t.Errorf("unknown encoding name: %v", err)
	}
	// A BOM is proof; a flag that contradicts it is a mistake to point out.
	_, _, err := decodeText(append([]byte{0xEF, 0xBB, 0xBF}, "Handle,Title\n"...), EncodingWindows1251)
	if !errors.Is(err, ErrEncoding) || !strings.Contains(err.Error(), "utf-8 byte order mark") {
		t.Errorf("UTF-8 BOM with --encoding windows-1251: %v", err)
	}
	// The line of a bad byte counts the lines of multi-line fields.
	text := []byte("Handle,Title,Body (HTML)\nh,T,\"<p>one\ntwo\nthree \xC9</p>\"\n")
	_, _, err = decodeText(text, EncodingAuto)
	if !errors.Is(err, ErrEncoding) || !strings.Contains(err.Error(), "line 4: byte 0xC9") {
		t.Errorf("bad byte on line 4: %v", err)
	}
	if out, used, err := decodeText(bytes.Repeat([]byte("a,b\n"), 3), EncodingAuto); err != nil || used != EncodingUTF8 || len(out) != 12 {
		t.Errorf("plain ASCII: %q %s %v", out, used, err)
	}
}
