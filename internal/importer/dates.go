package importer

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// dateLine is what a line made only of a date says.
type dateLine struct {
	label   string // "published", "updated" or ""
	year    int    // 0 when the line gives none
	month   time.Month
	day     int
	hour    int
	min     int
	hasTime bool
	zone    *time.Location // set only for UTC/GMT or a numeric offset
}

var (
	monthNames = map[string]time.Month{}
	dayNames   = map[string]bool{}
	isoDate    = regexp.MustCompile(`(?i)^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$`)
	clock      = regexp.MustCompile(`^(\d{1,2})[:.](\d{2})(?::\d{2})?(am|pm|a\.m\.|p\.m\.)?$`)
	offset     = regexp.MustCompile(`^(?:utc|gmt)?([+-])(\d{1,2}):?(\d{2})?$`)
	ordinal    = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?$`)
	// dateSegments separates two dates printed on one line.
	dateSegments = regexp.MustCompile(`\s+[|·•]\s+`)
	numeric      = regexp.MustCompile(`^(\d{1,2})([./-])(\d{1,2})[./-](\d{4})$`)
)

func init() {
	for m := time.January; m <= time.December; m++ {
		full := strings.ToLower(m.String())
		monthNames[full] = m
		monthNames[full[:3]] = m
	}
	monthNames["sept"] = time.September
	for d := time.Sunday; d <= time.Saturday; d++ {
		full := strings.ToLower(d.String())
		dayNames[full] = true
		dayNames[full[:3]] = true
	}
	for _, d := range []string{"tues", "wednes", "thur", "thurs"} {
		dayNames[d] = true
	}
}

// labels may open or sit inside a date line without making it anything else.
var labels = map[string]string{
	"published": "published", "posted": "published", "first": "", "last": "",
	"updated": "updated", "modified": "updated", "on": "", "at": "", "date": "",
}

// parseDateLine reads a line that holds a date and nothing else, such as
// "Thursday, July 18, 2024", "18 July 2024 14:02 BST" or
// "Updated: 2024-07-18". ok is false for any other line.
func parseDateLine(line string) (d dateLine, ok bool) {
	if len(line) > 120 { // longer than any date, and most lines of text are
		return d, false
	}
	words := strings.FieldsFunc(strings.ToLower(line), func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '|' || r == '·' || r == '•' || r == '(' || r == ')'
	})
	if len(words) == 0 || len(words) > 10 {
		return d, false
	}
	r := dateReader{line: line}
	for i, w := range words {
		if !r.word(i, strings.TrimRight(w, ":")) {
			return r.d, false
		}
	}
	d = r.d
	if !r.hasMonth || !r.hasDay || d.month == 0 || d.day < 1 || d.day > 31 || d.hour > 23 || d.min > 59 {
		return d, false
	}
	if r.pm && d.hour < 12 {
		d.hour += 12
	}
	if r.am && d.hour == 12 {
		d.hour = 0
	}
	return d, true
}

// dateReader reads a date line word by word.
type dateReader struct {
	line             string
	d                dateLine
	hasMonth, hasDay bool
	pm, am           bool
}

// word takes the i-th word of the line, and reports false for a word no
// date line holds.
func (r *dateReader) word(i int, w string) bool {
	d := &r.d
	if w == "" || w == "-" || w == "—" || w == "–" || w == "/" {
		return true
	}
	if l, isLabel := labels[w]; isLabel {
		if l != "" && d.label == "" {
			d.label = l
		}
		return true
	}
	if m := isoDate.FindStringSubmatch(w); m != nil && !r.hasMonth {
		d.year, _ = strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d.month = time.Month(mo)
		d.day, _ = strconv.Atoi(m[3])
		r.hasMonth, r.hasDay = true, true
		if m[4] != "" {
			d.hour, _ = strconv.Atoi(m[4])
			d.min, _ = strconv.Atoi(m[5])
			d.hasTime = true
		}
		if m[6] != "" {
			d.zone = zoneOf(m[6])
		}
		return true
	}
	if m := numeric.FindStringSubmatch(w); m != nil && !r.hasMonth {
		d.year, d.month, d.day = numericDate(m)
		r.hasMonth, r.hasDay = true, true
		return true
	}
	if m, isMonth := monthNames[strings.TrimSuffix(w, ".")]; isMonth && !r.hasMonth {
		d.month, r.hasMonth = m, true
		return true
	}
	if dayNames[strings.TrimSuffix(w, ".")] {
		return true
	}
	if m := ordinal.FindStringSubmatch(w); m != nil && !r.hasDay {
		d.day, _ = strconv.Atoi(m[1])
		r.hasDay = true
		return true
	}
	if len(w) == 4 && isDigits(w) && d.year == 0 {
		d.year, _ = strconv.Atoi(w)
		return true
	}
	if m := clock.FindStringSubmatch(w); m != nil && !d.hasTime {
		d.hour, _ = strconv.Atoi(m[1])
		d.min, _ = strconv.Atoi(m[2])
		d.hasTime = true
		r.pm = strings.HasPrefix(m[3], "p")
		r.am = strings.HasPrefix(m[3], "a")
		return true
	}
	switch w {
	case "am", "a.m.":
		r.am = true
		return true
	case "pm", "p.m.":
		r.pm = true
		return true
	}
	if z := zoneOf(w); z != nil {
		d.zone = z
		return true
	}
	// A zone abbreviation such as BST or EDT is ambiguous; the site's own
	// time zone is used instead.
	return i > 0 && isZoneAbbrev(r.line, w)
}

// numericDate reads 07/18/2024 as month first, the American order, unless
// the first number cannot be a month; 18.07.2024 and 18-07-2024 are read
// day first, as they are written where those separators are used.
func numericDate(m []string) (year int, month time.Month, day int) {
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[3])
	year, _ = strconv.Atoi(m[4])
	if m[2] == "/" && a <= 12 {
		a, b = b, a
	}
	if b < 1 || b > 12 {
		return year, 0, 0
	}
	return year, time.Month(b), a
}

// time gives the moment the line names, in loc unless it named its own zone.
func (d dateLine) time(loc *time.Location) (time.Time, bool) {
	if !plausibleYear(d.year) {
		return time.Time{}, false
	}
	in := loc
	if d.zone != nil {
		in = d.zone
	}
	t := time.Date(d.year, d.month, d.day, d.hour, d.min, 0, 0, in)
	if t.Day() != d.day || t.Month() != d.month {
		return time.Time{}, false // 31 June and the like
	}
	return t.In(loc), true
}

func zoneOf(w string) *time.Location {
	switch w {
	case "z", "utc", "gmt":
		return time.UTC
	}
	m := offset.FindStringSubmatch(w)
	if m == nil {
		return nil
	}
	h, _ := strconv.Atoi(m[2])
	mins, _ := strconv.Atoi(m[3])
	secs := h*3600 + mins*60
	if m[1] == "-" {
		secs = -secs
	}
	if h > 14 {
		return nil
	}
	return time.FixedZone("", secs)
}

// isZoneAbbrev reports whether the lowercased word w is written in the line
// as an upper-case zone abbreviation such as "BST" or "EDT".
func isZoneAbbrev(line, w string) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	return strings.Contains(line, strings.ToUpper(w)) && !strings.ContainsFunc(w, func(r rune) bool { return r < 'a' || r > 'z' })
}

func isDigits(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
}

// findDate finds the page's date line and reads it: the one marked
// published if several are, else the first not marked updated. A date line
// without a year cannot be placed in time, so the dump is skipped.
func (p *page) findDate(opts Options) (time.Time, error) {
	p.date = -1
	var noYear string
	noYearAt := -1
	var noYearLine dateLine
	best := -1
	var bestLine dateLine
	for i, l := range p.lines {
		// "Published 18 July 2024 | Updated 19 July 2024" holds two.
		segs := []string{l}
		if _, ok := parseDateLine(l); !ok {
			segs = dateSegments.Split(l, -1)
		}
		for _, seg := range segs {
			d, ok := parseDateLine(seg)
			if !ok {
				continue
			}
			if d.year == 0 {
				if noYear == "" {
					noYear, noYearAt, noYearLine = l, i, d
				}
				continue
			}
			if best < 0 || d.label == "published" && bestLine.label != "published" || bestLine.label == "updated" && d.label == "" {
				best, bestLine = i, d
			}
		}
	}
	if best < 0 {
		// A date in another language, above the body.
		for i, l := range p.lines[:min(p.bodyStart(), len(p.lines))] {
			if i == p.head {
				continue
			}
			if d, ok := foreignDateLine(l, opts.Languages); ok {
				best, bestLine = i, d
				break
			}
		}
	}
	if best < 0 && noYear != "" && !opts.FileTime.IsZero() {
		// The latest such day not after the file was saved.
		file := opts.FileTime.In(opts.Location)
		noYearLine.year = file.Year()
		if t, ok := noYearLine.time(opts.Location); ok && t.After(file.AddDate(0, 0, 1)) {
			noYearLine.year--
		}
		if t, ok := noYearLine.time(opts.Location); ok {
			p.date = noYearAt
			p.notes = append(p.notes, fmt.Sprintf("the date line %q has no year; %d taken from the file's time", noYear, noYearLine.year))
			return t, nil
		}
	}
	if best < 0 {
		if noYear != "" {
			return time.Time{}, skipf("the date line %q has no year", noYear)
		}
		return time.Time{}, skipf("no date line found")
	}
	t, ok := bestLine.time(opts.Location)
	if !ok {
		return time.Time{}, skipf("the date line %q is not a real date", p.lines[best])
	}
	p.date = best
	return t, nil
}

// plausibleYear keeps a stray number such as 0000 or 9999 from dating a
// news story.
func plausibleYear(y int) bool { return y >= 1800 && y <= 2200 }

// pathDate finds a date in a page's address: /2024/07/18/, /2024-07-18-…
// or /20240718/.
var pathDate = regexp.MustCompile(`/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)`)

// urlDate reads the day in a page's address, at midnight in loc.
func urlDate(addr string, loc *time.Location) (time.Time, bool) {
	u, err := url.Parse(addr)
	if err != nil {
		return time.Time{}, false
	}
	m := pathDate.FindStringSubmatch(u.Path)
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	return dateLine{year: y, month: time.Month(mo), day: d}.time(loc)
}
