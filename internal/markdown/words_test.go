package markdown

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// countWords reads ASCII bytes without decoding them; it must count what a
// rune-by-rune reading with unicode.IsSpace counts, wherever a text node
// starts or ends.
func TestCountWordsMatchesRunes(t *testing.T) {
	text := []byte("Grocers bet on  smaller stores, says Ömer Çelik\u00a0in İstanbul;\tnext\nline\u2003x\u0085y\r\v\fend ")
	byRunes := func(b []byte, in bool) (int, bool) {
		n := 0
		for _, r := range string(b) {
			if unicode.IsSpace(r) {
				in = false
			} else if !in {
				in, n = true, n+1
			}
		}
		return n, in
	}
	for i := 0; i <= len(text); i++ {
		if !utf8.Valid(text[:i]) {
			continue
		}
		for _, start := range []bool{false, true} {
			in := start
			got := countWords(text[:i], &in)
			want, wantIn := byRunes(text[:i], start)
			if got != want || in != wantIn {
				t.Errorf("%q after in=%v: got %d words, in=%v; want %d, in=%v", text[:i], start, got, in, want, wantIn)
			}
		}
	}
}

// BenchmarkCountWords counts the words of news text with a few non-ASCII
// names.
func BenchmarkCountWords(b *testing.B) {
	text := []byte("The council in Kraków voted on Tuesday to extend the tram line to the harbour, a plan Ömer Çelik first drew up in 2019. ")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		in := false
		countWords(text, &in)
	}
}
