// Package stem picks the Snowball stemmer and stop words of a site's
// language, for the stages that compare words (stories) and look them up
// (search). A language Snowball has no stemmer for keeps its words as
// written.
package stem

import (
	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"
	"golang.org/x/text/language"
)

// Language is one language's stemmer and stop words. Both are nil for a
// language Snowball lacks.
type Language struct {
	// Stem returns a lower-case word's stem; stemStop says whether a stop
	// word is stemmed too.
	Stem func(word string, stemStop bool) string
	Stop func(word string) bool
}

// For returns the language of a BCP 47 tag's base language: English when
// the tag is empty, the zero Language when the tag does not parse or
// Snowball has no stemmer for it.
func For(tag string) Language {
	if tag == "" {
		tag = "en"
	}
	t, err := language.Parse(tag)
	if err != nil {
		return Language{}
	}
	base, _ := t.Base()
	switch base.String() {
	case "en":
		return Language{english.Stem, english.IsStopWord}
	case "fr":
		return Language{french.Stem, french.IsStopWord}
	case "es":
		return Language{spanish.Stem, spanish.IsStopWord}
	case "ru":
		return Language{russian.Stem, russian.IsStopWord}
	case "sv":
		return Language{swedish.Stem, swedish.IsStopWord}
	case "no", "nb", "nn":
		return Language{norwegian.Stem, norwegian.IsStopWord}
	case "hu":
		return Language{hungarian.Stem, hungarian.IsStopWord}
	}
	return Language{}
}
