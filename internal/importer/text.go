package importer

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A text dump is a scraped page saved as plain text: a header (weather,
// dateline, date, section, headline, byline, navigation), the body one
// paragraph a line or a block, and a footer. Each part is found by what it
// looks like and where it stands relative to the others, never by a fixed
// line number.

var (
	byline  = regexp.MustCompile(`^(?i:by)\s+(\p{Lu}[\p{L}.’'-]*(?:[ ,]+(?:and\s+)?\p{Lu}[\p{L}.’'-]*){0,7})(?:\s+in\s+(\p{Lu}[\p{L}.’' -]*))?\s*$`)
	leadDL  = regexp.MustCompile(`^(\p{Lu}[\p{Lu}.’' -]*\p{Lu}\.?)(?:,\s*[\p{L}. ]+?)?(?:\s*\([^)]*\))?\s+[—–-]{1,2}\s+\S`)
	bareURL = regexp.MustCompile(`^https?://\S+$`)
	label   = regexp.MustCompile(`(?i)^(section|category|topic|filed in)\s*:\s*(.+)$`)
	crumbs  = regexp.MustCompile(`\s*(›|»|>|/)\s*`)
	nameSep = regexp.MustCompile(`\s*(?:,|\band\b)\s*`)
)

// connectors may stand lower-case inside a place name.
var connectors = map[string]bool{"de": true, "del": true, "da": true, "do": true, "la": true, "le": true, "les": true, "du": true, "of": true, "on": true, "upon": true, "am": true, "an": true, "der": true, "y": true, "el": true, "sur": true}

// Text cleans a plain-text dump.
func Text(data []byte, opts Options) (*Article, error) {
	if err := checkText(data); err != nil {
		return nil, err
	}
	p := &page{lines: lines(data), chrome: opts.Chrome, date: -1, place: -1}
	if err := p.findHeadline(); err != nil {
		return nil, err
	}
	a := &Article{Title: p.headline, Topic: p.section}
	var err error
	if a.Date, err = p.findDate(opts); err != nil {
		return nil, err
	}
	a.Authors, a.Dateline = p.findByline()
	if dl := p.placeNearDate(); dl != "" {
		a.Dateline = dl
	}
	if a.Topic == "" {
		a.Topic = p.findSection()
	}
	paras := p.body()
	if len(paras) == 0 {
		return nil, skipf("no body text found after the headline %q", p.headline)
	}
	if a.Dateline == "" {
		a.Dateline = leadDateline(paras[0])
	}
	a.SourceURL = p.url
	if a.Body, err = paragraphs(paras); err != nil {
		return nil, err
	}
	return a, nil
}

// page is a dump being read.
type page struct {
	lines    []string // trimmed; "" for a blank line
	chrome   Chrome
	headline string
	section  string
	head     int // index of the last header line: the headline or its glued twin
	date     int // index of the date line, -1 when none
	place    int // index of the dateline's line, -1 when none
	url      string
}

// lines splits a dump into trimmed lines, without a byte-order mark,
// carriage returns or control characters.
func lines(data []byte) []string {
	data = bytes.TrimPrefix(data, bom)
	raw := strings.Split(string(data), "\n")
	out := make([]string, len(raw))
	for i, l := range raw {
		l = strings.Map(func(r rune) rune {
			switch {
			case r == '\t' || r == '\u00a0':
				return ' '
			case unicode.IsControl(r) || r == utf8.RuneError || r == '\ufeff':
				return -1
			}
			return r
		}, l)
		out[i] = strings.TrimSpace(l)
	}
	return out
}

// findHeadline finds the headline: first as the line that a later or
// earlier line repeats after the section name glued to it
// ("WorldPutin finds…" after "Putin finds…"), else as the longest line of
// the header that is not boilerplate.
func (p *page) findHeadline() error {
	const window = 40
	var first []int
	for i, l := range p.lines {
		if l != "" {
			first = append(first, i)
		}
		if len(first) == window {
			break
		}
	}
	for _, i := range first {
		short := strings.Join(strings.Fields(p.lines[i]), " ")
		if wordCount(short) < 3 {
			continue
		}
		for _, j := range first {
			long := strings.Join(strings.Fields(p.lines[j]), " ")
			if len(long) <= len(short) || !strings.HasSuffix(long, short) {
				continue
			}
			prefix := strings.TrimRight(long[:len(long)-len(short)], " |:-–—/»›·•")
			if prefix == "" || wordCount(prefix) > 4 || endsSentence(prefix) || isParagraph(short) {
				continue
			}
			p.headline, p.section, p.head = p.lines[i], prefix, max(i, j)
			return nil
		}
	}
	end := p.bodyStart()
	best := -1
	for i := 0; i < end; i++ {
		l := p.lines[i]
		if wordCount(l) < 2 || isBoilerplate(l, p.chrome) || isByline(l) || isListHeading(l) || label.MatchString(l) || bareURL.MatchString(l) {
			continue
		}
		if best < 0 || wordCount(l) >= wordCount(p.lines[best]) {
			best = i
		}
	}
	if best < 0 {
		return skipf("no headline found")
	}
	p.headline, p.head = p.lines[best], best
	return nil
}

// bodyStart returns the index of the first line of running text: a line
// that reads as a paragraph, or the first of a hard-wrapped paragraph's
// lines (long lines that together read as one).
func (p *page) bodyStart() int {
	for i, l := range p.lines {
		if l == "" || isBoilerplate(l, p.chrome) {
			continue
		}
		if isParagraph(l) {
			return i
		}
		block := []string{l}
		for j := i + 1; j < len(p.lines) && p.lines[j] != "" && isWrapped(block[len(block)-1]); j++ {
			block = append(block, p.lines[j])
		}
		if len(block) > 1 && isParagraph(strings.Join(block, " ")) {
			return i
		}
	}
	return len(p.lines)
}

// isWrapped reports whether a line looks cut at a fixed width: many words,
// but no longer than a terminal's line.
func isWrapped(l string) bool {
	return wordCount(l) >= 8 && utf8.RuneCountInString(l) <= 100
}

// isByline reports whether a line credits the writers: "By Ana Ruiz",
// perhaps followed by a role or a date ("By Ana Ruiz · 9 May 2025").
func isByline(l string) bool {
	if byline.MatchString(l) {
		return true
	}
	rest, ok := strings.CutPrefix(l, "By ")
	r, _ := utf8.DecodeRuneInString(rest)
	return ok && unicode.IsUpper(r) && wordCount(l) <= 12 && !endsSentence(l)
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
	nav := map[string]bool{}
	for _, l := range p.lines[:p.head] {
		if parts := crumbs.Split(l, -1); len(parts) >= 2 && strings.EqualFold(parts[0], "home") && wordCount(parts[1]) <= 4 {
			return parts[1]
		}
		for _, it := range navItems(l) {
			nav[strings.ToLower(it)] = true
		}
	}
	for i := p.head - 1; i >= 0; i-- {
		if l := p.lines[i]; wordCount(l) <= 3 && nav[strings.ToLower(l)] {
			return l
		}
	}
	return p.kicker()
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
	if n == 0 || n > 3 || i == p.date || i == p.place || isBoilerplate(l, p.chrome) || strings.ContainsFunc(l, func(r rune) bool {
		return !unicode.IsLetter(r) && r != ' ' && r != '-' && r != '&'
	}) {
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
	for _, l := range p.lines[:min(len(p.lines), p.head+8)] {
		m := byline.FindStringSubmatch(l)
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
	for _, step := range []int{-1, 1} {
		for i := p.date + step; i >= 0 && i < len(p.lines) && i != p.head; i += step {
			l := p.lines[i]
			if l == "" || isWeather(l) {
				continue
			}
			if isPlace(l) && l != p.section && l != p.headline {
				p.place = i
				return l
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

// body returns the article's paragraphs: the lines after the headline
// without boilerplate, cut at the heading of a list of other stories, and
// without the short unpunctuated lines left at either edge.
func (p *page) body() []string {
	var kept []string
	for i := p.head + 1; i < len(p.lines); i++ {
		l := p.lines[i]
		switch {
		case l == "":
			kept = append(kept, "")
		case !strings.ContainsFunc(l, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }):
			// a rule such as "___" or "* * *"
		case bareURL.MatchString(l):
			if p.url == "" {
				p.url = l
			}
		case i == p.date, i == p.place, isBoilerplate(l, p.chrome), isByline(l), l == p.headline:
		default:
			kept = append(kept, l)
		}
	}
	kept = cutAtList(kept)
	paras := group(kept)
	for len(paras) > 0 && !endsSentence(paras[0]) && wordCount(paras[0]) < 10 {
		paras = paras[1:]
	}
	for len(paras) > 0 && !endsSentence(paras[len(paras)-1]) {
		paras = paras[:len(paras)-1]
	}
	return paras
}

// cutAtList drops everything from the heading of a list of other stories
// on, when that heading stands in the last part of the page.
func cutAtList(ls []string) []string {
	before := 0
	for i, l := range ls {
		if isListHeading(l) {
			after := 0
			for _, r := range ls[i+1:] {
				after += wordCount(r)
			}
			if after < before {
				return ls[:i]
			}
		}
		before += wordCount(l)
	}
	return ls
}

// group joins lines into paragraphs. Blank lines separate paragraphs, and
// inside a block a short line that ends a sentence ends one too, so a list
// is not run together with a hard-wrapped paragraph; a dump without blank
// lines puts one paragraph on each line.
func group(ls []string) []string {
	var blocks [][]string
	var cur []string
	for _, l := range ls {
		if l == "" {
			if cur != nil {
				blocks = append(blocks, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, l)
	}
	if cur != nil {
		blocks = append(blocks, cur)
	}
	if len(blocks) == 1 {
		return blocks[0]
	}
	var out []string
	for _, b := range blocks {
		para := b[0]
		for i, l := range b[1:] {
			if prev := b[i]; endsSentence(prev) && utf8.RuneCountInString(prev) < 50 {
				out = append(out, para)
				para = l
				continue
			}
			para += " " + l
		}
		out = append(out, para)
	}
	return out
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
