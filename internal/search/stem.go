package search

import "github.com/newsdigest/newsdigest/internal/stem"

// language is how one language's words become terms.
type language struct {
	stem func(string) string
	stop func(string) bool // nil: no word is left out
}

// languageOf returns the Snowball stemmer and stop words of a BCP 47
// tag's base language (English for ""), or a language that keeps words
// as they are when Snowball has none for it.
func languageOf(tag string) language {
	l := stem.For(tag)
	if l.Stem == nil {
		return language{stem: func(w string) string { return w }}
	}
	return language{
		stem: func(w string) string {
			if s := l.Stem(w, true); s != "" {
				return s
			}
			return w
		},
		stop: l.Stop,
	}
}
