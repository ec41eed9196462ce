package chat

import "unicode"

// foldExtra are letters that NFKD does not decompose but that readers see
// as a Latin letter with a mark; folding them keeps "łódź" and "lodz" equal.
var foldExtra = map[rune]string{
	'ß': "ss", 'ł': "l", 'ø': "o", 'đ': "d", 'ħ': "h", 'ı': "i", 'ŀ': "l",
	'æ': "ae", 'œ': "oe", 'þ': "th", 'ð': "d", 'ƒ': "f", 'ɨ': "i", 'ʉ': "u",
	'ς': "σ", // final sigma is the same letter
}

// confusables maps letters that look like Latin letters to those letters,
// for matching only. Spammers write "ВТС" (Cyrillic) for "BTC" and
// "ѕсаm" for "scam"; the text is lower-cased before this table is used, so
// it lists lower-case forms whose upper case is the look-alike too (в for
// В/B, н for Н/H). The list is short on purpose: a Cyrillic letter with no
// Latin twin (п, и, ш) is left alone, so Russian text stays Russian and
// Russian terms still match themselves after the same mapping.
var confusables = map[rune]rune{
	// Cyrillic
	'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h',
	'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'ѕ': 's',
	'і': 'i', 'ї': 'i', 'ј': 'j', 'һ': 'h', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w',
	'ь': 'b', 'ӏ': 'l', 'ɡ': 'g', 'ү': 'y', 'ґ': 'r',
	// Greek
	'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'μ': 'm',
	'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'γ': 'y',
	'ω': 'w', 'ζ': 'z', 'ϲ': 'c', 'ϳ': 'j',
	// Latin small capitals and IPA look-alikes: NFKD leaves them alone.
	'ᴀ': 'a', 'ʙ': 'b', 'ᴄ': 'c', 'ᴅ': 'd', 'ᴇ': 'e', 'ғ': 'f', 'ꜰ': 'f', 'ɢ': 'g',
	'ʜ': 'h', 'ɪ': 'i', 'ᴊ': 'j', 'ᴋ': 'k', 'ʟ': 'l', 'ᴍ': 'm', 'ɴ': 'n',
	'ᴏ': 'o', 'ᴘ': 'p', 'ǫ': 'q', 'ʀ': 'r', 'ꜱ': 's', 'ᴛ': 't', 'ᴜ': 'u',
	'ᴠ': 'v', 'ᴡ': 'w', 'ʏ': 'y', 'ᴢ': 'z', 'ɑ': 'a', 'ɩ': 'i', 'ʋ': 'v',
}

// enclosedLetter maps the negative circled and squared letters and the
// regional indicators (🅕🅡🅔🅔, 🇫🇷🇪🇪), which NFKD leaves alone, to a-z.
func enclosedLetter(r rune) (rune, bool) {
	switch {
	case r >= 0x1F150 && r <= 0x1F169:
		return 'a' + (r - 0x1F150), true
	case r >= 0x1F170 && r <= 0x1F189:
		return 'a' + (r - 0x1F170), true
	case r >= 0x1F1E6 && r <= 0x1F1FF:
		return 'a' + (r - 0x1F1E6), true
	}
	return 0, false
}

// toLatin maps one folded rune to its Latin look-alike, if it has one.
func toLatin(r rune) rune {
	if r < 0x80 {
		return r
	}
	if l, ok := confusables[r]; ok {
		return l
	}
	if l, ok := enclosedLetter(r); ok {
		return l
	}
	return r
}

// leet maps the digits and symbols of leetspeak to letters. It is applied
// only inside a word that has a letter too, so prices, sizes and phone
// numbers keep their digits.
func leet(r rune) rune {
	switch r {
	case '0':
		return 'o'
	case '1':
		return 'i'
	case '3':
		return 'e'
	case '4':
		return 'a'
	case '5':
		return 's'
	case '7':
		return 't'
	}
	return r
}

// invisible reports runes that carry no visible text and are dropped before
// matching: format characters (zero-width space, joiners, bidi controls,
// soft hyphen, tag characters), private-use characters, the Hangul fillers
// that render blank, and the Arabic tatweel used to stretch words.
func invisible(r rune) bool {
	switch r {
	case 0x115F, 0x1160, 0x3164, 0xFFA0, 0x0640, 0x180E:
		return true
	}
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Co, r)
}

// isEmoji reports pictographs, as people use them for reactions and floods.
func isEmoji(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF:
		return true
	case r >= 0x2600 && r <= 0x27BF:
		return true
	case r == 0x2B50 || r == 0x2B55 || r == 0x2764 || r == 0x203C || r == 0x2049:
		return true
	}
	return false
}

// isHan reports ideographs and kana, which are written without spaces: each
// one becomes its own token so that phrases like 加微信 match anywhere.
func isHan(r rune) bool {
	if r < 0x2E80 { // below the CJK blocks: most chat, and the fast path
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}
