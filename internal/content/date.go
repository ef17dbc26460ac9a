package content

import (
	"fmt"
	"strings"
	"time"
)

// dateLayouts are the accepted forms of a front matter date, tried in order.
// Layouts without an offset are read in the site's time zone.
var dateLayouts = []struct {
	layout    string
	hasOffset bool
}{
	{time.RFC3339Nano, true},
	{"2006-01-02T15:04:05Z0700", true},
	{"2006-01-02 15:04:05Z07:00", true},
	{"2006-01-02 15:04:05 -0700", true},
	{"2006-01-02T15:04Z07:00", true},
	{"2006-01-02 15:04Z07:00", true},
	{"2006-01-02T15:04:05", false},
	{"2006-01-02 15:04:05", false},
	{"2006-01-02T15:04", false},
	{"2006-01-02 15:04", false},
	{"2006-01-02", false},
	{time.RFC1123Z, true},
	{time.RFC1123, true},
}

// DateExamples shows the accepted date forms in error messages: examples
// a reader can copy, never Go's reference layouts.
const DateExamples = `2026-01-06, "2026-01-06 09:30" or 2026-01-06T09:30:00+01:00`

// ParseDate reads a front matter date in one of the accepted forms. A date
// without an offset is taken in loc.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		var t time.Time
		var err error
		if l.hasOffset {
			t, err = time.Parse(l.layout, s)
		} else {
			t, err = time.ParseInLocation(l.layout, s, loc)
		}
		if err != nil {
			continue
		}
		if l.layout == time.RFC1123 {
			// Go reads an abbreviation it does not know (EST, CET) as
			// +0000, and one it knows by the machine's zone; either way
			// the time would be wrong or differ between machines.
			if name, _ := t.Zone(); name != "UTC" && name != "GMT" {
				return time.Time{}, fmt.Errorf("%q: the zone %s is ambiguous; write the offset instead, as in \"Mon, 06 Jan 2025 09:30:00 -0500\"", s, name)
			}
		}
		return t, plausible(t)
	}
	return time.Time{}, fmt.Errorf("%q is not a date: want %s", s, DateExamples)
}

// minYear is the earliest year a story may carry. Years before it are typing
// slips (0025 for 2025) or zero values from a broken pipeline, and before
// standard time zones they bring odd local-mean-time offsets.
const minYear = 1000

// latest is the last moment a story may carry: a day before the end of
// year 9999, so that in every time zone (offsets stay within a day) the
// date has four digits, as RSS, Atom, JSON Feed and sitemaps write it.
var latest = time.Date(9999, 12, 30, 23, 59, 59, 0, time.UTC)

func plausible(t time.Time) error {
	if t.Year() < minYear {
		return fmt.Errorf("year %04d is before %d: a typing slip?", t.Year(), minYear)
	}
	if t.After(latest) {
		return fmt.Errorf("%s is too far ahead: feeds and sitemaps can write dates up to %s", t.Format(time.RFC3339), latest.Format("2 January 2006"))
	}
	return nil
}

// dateValue converts a decoded front matter value to a time. YAML and TOML
// decode unquoted dates themselves; TOML local date-times come without a zone
// and are re-read in loc.
func dateValue(v any, loc *time.Location) (time.Time, error) {
	switch d := v.(type) {
	case string:
		return ParseDate(d, loc)
	case time.Time:
		return d, plausible(d)
	case fmt.Stringer: // toml.LocalDate, LocalDateTime
		return ParseDate(d.String(), loc)
	default:
		return time.Time{}, fmt.Errorf("want a date such as %s, got %s", DateExamples, typeName(v))
	}
}

func typeName(v any) string {
	switch v.(type) {
	case int, int64, uint64, float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a value of type %T", v)
}
