package content

import (
	"crypto/sha256"
	"strings"
	"unicode/utf8"

	"github.com/newsdigest/newsdigest/internal/markdown"
)

// BodyCache keeps converted bodies between builds, keyed by BodyKey. It must
// be safe for concurrent use, and must be emptied when the Markdown options
// change.
type BodyCache interface {
	Get(key [32]byte) (markdown.Converted, bool)
	Put(key [32]byte, c markdown.Converted)
}

// BodyKey is the cache key of a body.
func BodyKey(body []byte) [32]byte { return sha256.Sum256(body) }

// Summarize cuts text at a word boundary so that it holds at most max
// characters, counting the ellipsis it adds when it cuts. Characters, not
// bytes: Cyrillic or Greek summaries are as long as English ones.
func Summarize(text string, max int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= max {
		return text
	}
	end := 0 // the byte offset past max-1 characters, leaving room for "…"
	for range max - 1 {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	cut := text[:end]
	if text[end] != ' ' {
		if i := strings.LastIndexByte(cut, ' '); i > 0 {
			cut = cut[:i]
		}
	}
	cut = strings.TrimRight(cut, " ,;:–—-")
	return cut + "…"
}
