package search

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxWord is the longest word indexed, in bytes after folding; longer
// runs (hashes, run-together URLs) are skipped. search.js skips the same.
const maxWord = 40

// isWordRune reports whether r belongs to a word: a letter, a number or
// a combining mark (search.js: [\p{L}\p{N}\p{M}]).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// isApostrophe: an apostrophe between two word runes joins them, and is
// then dropped ("don't" → "dont", "Obama’s" → "obamas").
func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// splitter cuts text into folded words. It keeps its buffer between
// texts, so it is not safe for concurrent use.
type splitter struct {
	word []byte // the word being read: ASCII already in lower case
	wide bool   // the word holds a rune past ASCII, to fold at its end
	apos bool   // an apostrophe follows the word so far
	join bool   // the word holds an apostrophe
	fold []byte
}

// asciiWord marks the bytes that are word runes, and upper case marks
// those that fold.
var asciiWord, upper = func() (w, u [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		w[c] = isWordRune(rune(c))
		u[c] = 'A' <= c && c <= 'Z'
	}
	return
}()

// words calls emit with each word of text: in lower case if ASCII, and
// without apostrophes; wide when it holds runes past ASCII and needs
// fold. When markup is set, text is HTML: tags are skipped and character
// references decoded. The slice passed to emit is reused after emit
// returns.
func (s *splitter) words(text string, markup bool, emit func(w []byte, wide bool)) {
	s.word, s.wide, s.apos, s.join = s.word[:0], false, false, false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf && asciiWord[c] {
			// Most of any text: a run of ASCII letters and digits, found
			// first and copied at once.
			if s.apos {
				s.word = append(s.word, '\'')
				s.apos, s.join = false, true
			}
			start, up := i, false
			for ; i < len(text) && text[i] < utf8.RuneSelf && asciiWord[text[i]]; i++ {
				up = up || upper[text[i]]
			}
			at := len(s.word)
			s.word = append(s.word, text[start:i]...)
			if up {
				for j := at; j < len(s.word); j++ {
					if upper[s.word[j]] {
						s.word[j] += 'a' - 'A'
					}
				}
			}
			continue
		}
		switch {
		case c == ' ' || c == '\n' || c == ',' || c == '.':
			if len(s.word) > 0 {
				s.flush(emit)
			} else {
				s.apos = false
			}
			i++
		case markup && c == '<':
			// Goldmark escapes '>' in attribute values, so the first '>'
			// ends the tag. A tag separates words (<br>, </p><p>).
			s.flush(emit)
			end := strings.IndexByte(text[i:], '>')
			if end < 0 {
				return
			}
			i += end + 1
		case markup && c == '&':
			end := strings.IndexByte(text[i:min(len(text), i+12)], ';')
			if end < 0 {
				s.flush(emit)
				i++
				continue
			}
			for _, r := range html.UnescapeString(text[i : i+end+1]) {
				s.add(r, emit)
			}
			i += end + 1
		case c < utf8.RuneSelf:
			s.add(rune(c), emit)
			i++
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			s.add(r, emit)
			i += size
		}
	}
	s.flush(emit)
}

// add takes one rune of a word, an apostrophe or a separator.
func (s *splitter) add(r rune, emit func([]byte, bool)) {
	switch {
	case isWordRune(r):
		if s.apos {
			s.word = append(s.word, '\'')
			s.apos, s.join = false, true
		}
		if r < utf8.RuneSelf {
			if upper[r] {
				r += 'a' - 'A'
			}
			s.word = append(s.word, byte(r))
			return
		}
		s.wide = true
		s.word = utf8.AppendRune(s.word, r)
	case isApostrophe(r) && len(s.word) > 0 && !s.apos:
		s.apos = true
	default:
		s.flush(emit)
	}
}

// flush ends the word being read.
func (s *splitter) flush(emit func([]byte, bool)) {
	w := s.word
	if s.join {
		w = append(s.fold[:0], w...)
		w = slices.DeleteFunc(w, func(c byte) bool { return c == '\'' })
		s.fold = w
	}
	if len(w) > 0 && (s.wide || len(w) <= maxWord) {
		emit(w, s.wide)
	}
	s.word, s.wide, s.apos, s.join = s.word[:0], false, false, false
}

// fold returns a word in lower case, without diacritics (marks after
// canonical decomposition) and apostrophes; "" when it is too long.
func fold(w string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(norm.NFD.String(w)) {
		if !unicode.IsMark(r) && r != '\'' {
			b.WriteRune(r)
		}
	}
	if b.Len() > maxWord {
		return ""
	}
	return b.String()
}
