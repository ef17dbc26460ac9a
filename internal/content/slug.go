package content

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// special holds letters that do not decompose to an ASCII base letter.
var special = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'œ': "oe", 'Œ': "oe",
	'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ł': "l",
	'Ł': "l", 'ı': "i", 'ħ': "h", 'Ħ': "h", 'ŋ': "ng", 'Ŋ': "ng", 'ĸ': "k",
}

// Slugify turns a name into a URL segment of lowercase ASCII letters, digits
// and single hyphens: "Zürich & Łódź" becomes "zurich-and-lodz". Letters with
// diacritics keep their base letter; other scripts are dropped, so the result
// may be empty.
func Slugify(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	emit := func(r rune) {
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			emit(r)
		case r >= 'A' && r <= 'Z':
			emit(r + ('a' - 'A'))
		case unicode.Is(unicode.Mn, r):
			// combining mark left by NFKD: drop it, keep the base letter
		case r == '&':
			// a word of its own: "AT&T" is "at-and-t", not "atandt"
			dash = true
			emit('a')
			b.WriteString("nd")
			dash = true
		case r == '\'' || r == '’':
			// "O'Brien" reads better as "obrien" than "o-brien"
		default:
			if rep, ok := special[r]; ok {
				for _, c := range rep {
					emit(c)
				}
				continue
			}
			dash = true
		}
	}
	return b.String()
}
