package catalog

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Encoding names, as --encoding takes them.
const (
	EncodingAuto        = ""
	EncodingUTF8        = "utf-8"
	EncodingUTF16       = "utf-16" // byte order from the BOM; little-endian without one, as Windows writes it
	EncodingUTF16LE     = "utf-16le"
	EncodingUTF16BE     = "utf-16be"
	EncodingWindows1251 = "windows-1251"
	EncodingWindows1252 = "windows-1252"
)

var encodingAliases = map[string]string{
	"": EncodingAuto, "auto": EncodingAuto,
	"utf-8": EncodingUTF8, "utf8": EncodingUTF8,
	"utf-16": EncodingUTF16, "utf16": EncodingUTF16,
	"utf-16le": EncodingUTF16LE, "utf16le": EncodingUTF16LE,
	"utf-16be": EncodingUTF16BE, "utf16be": EncodingUTF16BE,
	"windows-1251": EncodingWindows1251, "cp1251": EncodingWindows1251, "win1251": EncodingWindows1251,
	"windows-1252": EncodingWindows1252, "cp1252": EncodingWindows1252, "win1252": EncodingWindows1252,
}

// ParseEncoding normalizes an --encoding value.
func ParseEncoding(name string) (string, error) {
	enc, ok := encodingAliases[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return "", fmt.Errorf("%w %q: want utf-8, utf-16, utf-16le, utf-16be, windows-1251 or windows-1252", ErrBadEncodingName, name)
	}
	return enc, nil
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decodeText turns the file's bytes into UTF-8 without a BOM. A BOM decides
// the encoding; without one the file must be valid UTF-8 unless enc names
// another encoding. Guessing a single-byte code page silently would import
// mojibake, so an invalid byte is an error naming its line and the flag.
func decodeText(data []byte, enc string) ([]byte, string, error) {
	bom := ""
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		bom, data = EncodingUTF8, data[len(bomUTF8):]
	case bytes.HasPrefix(data, bomUTF16LE):
		bom = EncodingUTF16LE
	case bytes.HasPrefix(data, bomUTF16BE):
		bom = EncodingUTF16BE
	}
	if bom != "" && enc != EncodingAuto && enc != bom && !(enc == EncodingUTF16 && bom != EncodingUTF8) {
		return nil, "", fmt.Errorf("%w: the file starts with a %s byte order mark, but --encoding %s was given", ErrEncoding, bom, enc)
	}
	if bom != "" {
		enc = bom
	}
	switch enc {
	case EncodingAuto, EncodingUTF8:
		if enc == EncodingAuto && looksUTF16(data) {
			return nil, "", fmt.Errorf("%w: line 1: the file looks like UTF-16 without a byte order mark: pass --encoding utf-16le or utf-16be", ErrEncoding)
		}
		if off := invalidUTF8At(data); off >= 0 {
			return nil, "", fmt.Errorf("%w: line %d: byte 0x%02X is not UTF-8: %s", ErrEncoding, lineAt(data, off), data[off], codePageHint(data))
		}
		return data, EncodingUTF8, nil
	case EncodingUTF16, EncodingUTF16LE:
		return transcode(data, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), EncodingUTF16LE)
	case EncodingUTF16BE:
		return transcode(data, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), EncodingUTF16BE)
	case EncodingWindows1251:
		return transcode(data, charmap.Windows1251, enc)
	case EncodingWindows1252:
		return transcode(data, charmap.Windows1252, enc)
	}
	return nil, "", fmt.Errorf("%w %q", ErrBadEncodingName, enc)
}

func transcode(data []byte, e encoding.Encoding, name string) ([]byte, string, error) {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", fmt.Errorf("%w: not %s text: %w", ErrEncoding, name, err)
	}
	return bytes.TrimPrefix(out, bomUTF8), name, nil
}

// invalidUTF8At is the offset of the first byte that is not UTF-8, or -1.
func invalidUTF8At(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for off := 0; off < len(b); {
		r, n := utf8.DecodeRune(b[off:])
		if r == utf8.RuneError && n <= 1 {
			return off
		}
		off += n
	}
	return -1
}

// lineAt is the 1-based physical line of offset off, as encoding/csv counts.
func lineAt(b []byte, off int) int {
	return 1 + bytes.Count(b[:off], []byte{'\n'})
}

// looksUTF16 spots UTF-16 without a BOM: ASCII text in it has a NUL in every
// other byte, which no CSV export has otherwise.
func looksUTF16(b []byte) bool {
	n := min(len(b), 512)
	if n < 4 {
		return false
	}
	nuls := bytes.Count(b[:n], []byte{0})
	return nuls*4 >= n
}

// codePageHint guesses which legacy code page the bytes are in, for the
// error message only (the import never guesses). Cyrillic words are runs of
// bytes ≥ 0xC0 in Windows-1251; Western text in Windows-1252 has a lone
// accented letter among ASCII ones.
func codePageHint(b []byte) string {
	runs, lone := 0, 0
	for i := 0; i < len(b); {
		if b[i] < 0x80 {
			i++
			continue
		}
		j := i
		for j < len(b) && b[j] >= 0x80 {
			j++
		}
		if j-i >= 3 {
			runs++
		} else {
			lone++
		}
		i = j
	}
	if runs > lone {
		return "it looks like Windows-1251 (Cyrillic): pass --encoding windows-1251"
	}
	return "it looks like a Windows code page: pass --encoding windows-1252 (Western) or windows-1251 (Cyrillic)"
}
