package stories

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/newsdigest/newsdigest/internal/stem"
)

// stemmer is one language's Snowball stemmer and stopword list; the zero
// value keeps words as they are and stops none.
type stemmer struct {
	stem func(word string, stemStopWords bool) string
	stop func(word string) bool
}

// stemmerFor picks the stemmer of a BCP 47 tag's base language: English
// when the tag is empty, none when Snowball has no stemmer for it.
func stemmerFor(tag string) stemmer {
	l := stem.For(tag)
	return stemmer{l.Stem, l.Stop}
}

// token is one word of a text, reduced to its term.
type token struct {
	term string
	// name is set when the way the word is written says it is a name
	// (a capital where a sentence would not put one, or capitals inside
	// the word); plain when it is written in lower case. A capital at the
	// start of a sentence, or in a headline in Title Case, says neither.
	name, plain bool
	number      bool // the word holds a digit
}

// analyzer turns texts into tokens. It caches stems, so it is not safe for
// concurrent use: make one per goroutine.
type analyzer struct {
	stemmer
	fold  cases.Caser
	strip transform.Transformer // drops diacritics
	terms map[string]string     // word as written → term, "" for a stopword
	words []word                // reused between texts
}

func newAnalyzer(s stemmer) *analyzer {
	return &analyzer{
		stemmer: s,
		fold:    cases.Fold(),
		strip:   transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC),
		terms:   map[string]string{},
	}
}

// word is a word as written in the text.
type word struct {
	s     string
	first bool // starts a sentence
}

// tokens appends the tokens of text to dst. A headline is one sentence;
// other texts are split into sentences at '.', '!' and '?'.
func (an *analyzer) tokens(dst []token, text string, headline bool) []token {
	an.words = splitWords(an.words[:0], text)
	titleCase := headline && isTitleCase(an.words)
	for _, w := range an.words {
		term := an.term(w.s)
		if term == "" {
			continue
		}
		t := token{term: term, number: hasDigit(w.s)}
		first, _ := utf8.DecodeRuneInString(w.s)
		switch {
		case innerCapital(w.s):
			t.name = true
		case !unicode.IsUpper(first):
			t.plain = true
		case !w.first && !titleCase:
			t.name = true
		}
		dst = append(dst, t)
	}
	return dst
}

// term is the stemmed, case-folded form of a word without diacritics, or
// "" for a stopword or a single letter.
func (an *analyzer) term(w string) string {
	if t, ok := an.terms[w]; ok {
		return t
	}
	lower := w
	if isASCII(w) {
		lower = strings.ToLower(w)
	} else {
		if s, _, err := transform.String(an.strip, w); err == nil {
			lower = s
		}
		lower = an.fold.String(lower)
	}
	t := lower
	switch {
	case utf8.RuneCountInString(lower) < 2 && !hasDigit(lower):
		t = ""
	case an.stop != nil && an.stop(lower):
		t = ""
	case an.stem != nil && !hasDigit(lower):
		t = an.stem(lower, false)
	}
	an.terms[w] = t
	return t
}

// splitWords appends to words the runs of letters and digits of text. A
// '.' or ',' between digits stays in the number ("7.1", "37,000");
// apostrophes, hyphens and all else separate words. Diacritics, which
// are marks rather than letters once decomposed, stay in their word.
func splitWords(words []word, text string) []word {
	start := -1
	first := true
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || start >= 0 && unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if (r == '.' || r == ',') && start >= 0 && i > 0 && isDigitByte(text[i-1]) && i+1 < len(text) && isDigitByte(text[i+1]) {
			continue
		}
		if start >= 0 {
			words = append(words, word{strings.ReplaceAll(text[start:i], ",", ""), first})
			first = false
			start = -1
		}
		if r == '.' || r == '!' || r == '?' || r == ':' {
			first = true
		}
	}
	if start >= 0 {
		words = append(words, word{strings.ReplaceAll(text[start:], ",", ""), first})
	}
	return words
}

// isTitleCase reports whether a headline capitalises most of its longer
// words, so that a capital tells nothing about a name.
func isTitleCase(words []word) bool {
	upper, n := 0, 0
	for _, w := range words {
		if len(w.s) < 4 || hasDigit(w.s) {
			continue
		}
		n++
		if r, _ := utf8.DecodeRuneInString(w.s); unicode.IsUpper(r) {
			upper++
		}
	}
	return n > 0 && 2*upper > n
}

// innerCapital reports whether a word has a capital after its first
// letter, as acronyms and brand names do ("GM", "iOS", "CloudFlare"),
// unless the word is all capitals and long, as shouted headlines are.
func innerCapital(w string) bool {
	upper, letters := 0, 0
	inner := false
	for i, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if unicode.IsUpper(r) {
			upper++
			if i > 0 {
				inner = true
			}
		}
	}
	return inner && !(upper == letters && letters > 5)
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigitByte(s[i]) {
			return true
		}
	}
	return false
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
