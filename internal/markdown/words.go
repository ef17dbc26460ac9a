package markdown

import (
	"unicode"
	"unicode/utf8"
)

// countWords counts the words that start in b; *in tells whether the text
// before b ended inside a word, and is updated for the text after. A word
// starts where a non-space follows a space; counting those without a
// branch on each byte keeps the processor from mispredicting at every
// word boundary.
func countWords(b []byte, in *bool) int {
	n := 0
	var prevSpace uint8 = 1
	if *in {
		prevSpace = 0
	}
	for i := 0; i < len(b); {
		var space uint8
		if c := b[i]; c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRune(b[i:])
			if unicode.IsSpace(r) {
				space = 1
			}
			i += size
		}
		n += int(prevSpace &^ space)
		prevSpace = space
	}
	*in = prevSpace == 0
	return n
}

// asciiSpace is unicode.IsSpace for the ASCII bytes most text is made of,
// without decoding a rune and calling a function for each.
var asciiSpace = [utf8.RuneSelf]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}
