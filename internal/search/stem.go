package search

import (
	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"
	xlanguage "golang.org/x/text/language"
)

// language is how one language's words become terms.
type language struct {
	stem func(string) string
	stop func(string) bool // nil: no word is left out
}

// languageOf returns the Snowball stemmer and stop words of a BCP 47
// tag's base language (English for ""), or a language that keeps words
// as they are when Snowball has none for it.
func languageOf(tag string) language {
	if tag == "" {
		tag = "en"
	}
	keep := language{stem: func(w string) string { return w }}
	t, err := xlanguage.Parse(tag)
	if err != nil {
		return keep
	}
	base, _ := t.Base()
	var stem func(string, bool) string
	var stop func(string) bool
	switch base.String() {
	case "en":
		stem, stop = english.Stem, english.IsStopWord
	case "fr":
		stem, stop = french.Stem, french.IsStopWord
	case "es":
		stem, stop = spanish.Stem, spanish.IsStopWord
	case "ru":
		stem, stop = russian.Stem, russian.IsStopWord
	case "sv":
		stem, stop = swedish.Stem, swedish.IsStopWord
	case "no", "nb", "nn":
		stem, stop = norwegian.Stem, norwegian.IsStopWord
	case "hu":
		stem, stop = hungarian.Stem, hungarian.IsStopWord
	default:
		return keep
	}
	return language{
		stem: func(w string) string {
			if s := stem(w, true); s != "" {
				return s
			}
			return w
		},
		stop: stop,
	}
}
