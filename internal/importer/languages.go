package importer

import (
	"regexp"
	"strings"
	"time"

	dateparser "github.com/markusmobius/go-dateparser"
)

// Dates written in other languages ("jeudi 18 juillet 2024",
// "Veröffentlicht am 18.07.2024", "18 de julio de 2024") are read by
// go-dateparser, a port of a well-kept multilingual date parser, rather
// than by more tables of month and day names here. It is slow beside the
// English reader in dates.go, so it reads only short lines that hold a
// year and that the English reader refused.

// dateLanguages are the languages tried when the page does not say its
// own: the ones whose dates, day names and bylines are tested, and
// Japanese and Chinese, whose dates ("2024年7月18日") read the same.
var dateLanguages = []string{"en", "fr", "de", "es", "it", "pt", "nl", "ja", "zh"}

// yearWord is a year, or a date written with one: 2024, 18.07.2024.
var yearWord = regexp.MustCompile(`(^|\D)(1[89]|2[01])\d\d($|\D)`)

// foreignDateLine reads a line that holds a date, perhaps after a short
// label ("Publié le", "Aggiornato il"), in one of langs; nil langs tries
// every language of dateLanguages.
func foreignDateLine(line string, langs []string) (dateLine, bool) {
	n := wordCount(line)
	if n < 2 || n > 10 || len(line) > 100 || !yearWord.MatchString(line) || endsSentence(line) && !strings.HasSuffix(line, "Uhr.") {
		return dateLine{}, false
	}
	if len(langs) == 0 {
		langs = dateLanguages
	}
	cfg := &dateparser.Configuration{
		Languages:       langs,
		DefaultTimezone: time.UTC,
		CurrentTime:     time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC),
		StrictParsing:   true,
		RequiredParts:   []string{"day", "month", "year"},
	}
	var p dateparser.Parser
	_, found, err := p.Search(cfg, line)
	if err != nil || len(found) != 1 {
		return dateLine{}, false
	}
	// What is not the date may only be a label of a few words.
	if rest := strings.Replace(line, found[0].Text, " ", 1); wordCount(rest) > 3 || endsSentence(rest) {
		return dateLine{}, false
	}
	t := found[0].Date.Time
	d := dateLine{year: t.Year(), month: t.Month(), day: t.Day(), hour: t.Hour(), min: t.Minute()}
	d.hasTime = d.hour != 0 || d.min != 0
	return d, plausibleYear(d.year)
}
