package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The header of a dump names the article: its section, its writers and
// the place it was filed from. These readers work on a page whose
// headline and date are already found.

// connectors may stand lower-case inside a place name.
var connectors = map[string]bool{"de": true, "del": true, "da": true, "do": true, "la": true, "le": true, "les": true, "du": true, "of": true, "on": true, "upon": true, "am": true, "an": true, "der": true, "y": true, "el": true, "sur": true}

var bylineStart = regexp.MustCompile(`^` + bylineWord + `\s+`)

// isByline reports whether a line credits the writers: "By Ana Ruiz",
// perhaps followed by a role or a date ("By Ana Ruiz · 9 May 2025").
func isByline(l string) bool {
	if byline.MatchString(l) {
		return true
	}
	m := bylineStart.FindStringSubmatch(l)
	if m == nil {
		return false
	}
	r, _ := utf8.DecodeRuneInString(l[len(m[0]):])
	return unicode.IsUpper(r) && wordCount(l) <= 12 && !endsSentence(l)
}

// findSection finds the section of a dump without a glued headline: a
// "Section: X" label, the first step of a breadcrumb after Home, or a short
// header line that is also an item of the page's navigation row.
func (p *page) findSection() string {
	for _, l := range p.lines[:p.head] {
		if m := label.FindStringSubmatch(l); m != nil {
			return strings.TrimSpace(m[2])
		}
	}
	for _, l := range p.lines[:p.head] {
		if parts := crumbs.Split(l, -1); len(parts) >= 2 && strings.EqualFold(parts[0], "home") && wordCount(parts[1]) <= 4 {
			return parts[1]
		}
	}
	nav := p.navSet()
	for i := p.head - 1; i >= 0; i-- {
		if l := p.lines[i]; wordCount(l) <= 3 && nav[strings.ToLower(l)] {
			return l
		}
	}
	if k := p.kicker(); k != "" {
		return k
	}
	// A label between the headline and the text that is also a menu item:
	// "Local" under the date.
	for i := p.head + 1; i < p.bodyStart(); i++ {
		if l := p.lines[i]; wordCount(l) <= 3 && nav[strings.ToLower(l)] && !strings.EqualFold(l, "home") {
			return l
		}
	}
	return ""
}

// navSet returns the lowercased items of the navigation rows above the
// body.
func (p *page) navSet() map[string]bool {
	nav := map[string]bool{}
	for _, l := range p.lines[:min(p.bodyStart(), len(p.lines))] {
		for _, it := range navItems(l) {
			nav[strings.ToLower(it)] = true
		}
	}
	return nav
}

// kicker returns the label printed just above the headline when it looks
// like a section rather than a site's name: one word, or a few in
// capitals ("Politics", "WORLD NEWS").
func (p *page) kicker() string {
	i := p.head - 1
	for i >= 0 && p.lines[i] == "" {
		i--
	}
	if i < 0 {
		return ""
	}
	l := p.lines[i]
	n := wordCount(l)
	if n == 0 || n > 3 || i == p.date || i == p.place || p.boilerplate(i) || strings.ContainsFunc(l, func(r rune) bool {
		return !unicode.IsLetter(r) && r != ' ' && r != '-' && r != '&'
	}) {
		return ""
	}
	// A word in a column of short words is a menu item, not a kicker.
	j := i - 1
	for j >= 0 && p.lines[j] == "" {
		j--
	}
	if j >= 0 && j != p.date && wordCount(p.lines[j]) <= 3 && !endsSentence(p.lines[j]) && !p.boilerplate(j) {
		return ""
	}
	if n == 1 || strings.ToUpper(l) == l {
		return l
	}
	return ""
}

// findByline reads the authors, and a place when the byline gives one
// ("By Ana Ruiz in Lisbon"), from the header or the top of the body.
func (p *page) findByline() (authors []string, place string) {
	for i, l := range p.lines[:min(len(p.lines), p.head+8)] {
		m := byline.FindStringSubmatch(l)
		if m == nil && (i == p.date-1 || i == p.date+1) {
			m = writerIn.FindStringSubmatch(l)
		}
		if m == nil {
			continue
		}
		names := m[1]
		if !strings.Contains(names, " and ") {
			// "By Ana Ruiz, Staff Writer": what follows the comma is a role.
			names, _, _ = strings.Cut(names, ",")
		}
		for _, a := range nameSep.Split(names, -1) {
			if a = strings.TrimSpace(a); a != "" {
				authors = append(authors, a)
			}
		}
		return authors, strings.TrimSpace(m[2])
	}
	return nil, ""
}

// placeNearDate returns the place name printed next to the date line, as
// dumps of the sample's shape do ("New York" above "Thursday, July 18,
// 2024"), looking past blank lines and weather readings.
func (p *page) placeNearDate() string {
	if p.date < 0 || p.date >= p.bodyStart() {
		return ""
	}
	// A menu item is a section, not a place.
	nav := p.navSet()
	for _, step := range []int{-1, 1} {
		for i := p.date + step; i >= 0 && i < len(p.lines) && i != p.head; i += step {
			l := p.lines[i]
			if l == "" {
				continue
			}
			if isWeather(l) {
				// "New York 22.5 C": the place may share the weather's line.
				if rest := strings.TrimSpace(weather.ReplaceAllString(l, " ")); rest != "" && isPlace(rest) {
					return rest
				}
				continue
			}
			if isPlace(l) && l != p.section && l != p.headline && !nav[strings.ToLower(l)] {
				p.place = i
				return l
			}
			if m := writerIn.FindStringSubmatch(l); m != nil {
				return m[2]
			}
			break
		}
	}
	return ""
}

// isPlace reports whether a line looks like a place name: a few capitalised
// words without digits or sentence punctuation.
func isPlace(l string) bool {
	words := strings.Fields(l)
	if len(words) == 0 || len(words) > 5 || len(l) > 40 || strings.ContainsAny(l, "0123456789:|!?;\"“”") {
		return false
	}
	if isCall(l) || isWeather(l) || isListHeading(l) || isByline(l) {
		return false
	}
	if _, ok := parseDateLine(l); ok {
		return false
	}
	// A full stop may only close an abbreviation: "Springfield, Ill.".
	if last := words[len(words)-1]; strings.HasSuffix(l, ".") && utf8.RuneCountInString(last) > 6 {
		return false
	}
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && (i == 0 || !connectors[w]) {
			return false
		}
	}
	return true
}

// leadDateline reads a dateline printed in capitals at the start of the
// first paragraph ("LISBON — The…"), written as a name ("Lisbon").
func leadDateline(para string) string {
	m := leadDL.FindStringSubmatch(para)
	if m == nil || wordCount(m[1]) > 4 {
		return ""
	}
	return titleCase(m[1])
}

// titleCase writes a capitalised place name as a name: "PORT ELLIS" →
// "Port Ellis", "ST. JOHN'S" → "St. John's".
func titleCase(s string) string {
	var b strings.Builder
	start := true
	for _, r := range s {
		if start {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		start = r == ' ' || r == '-'
	}
	return b.String()
}
