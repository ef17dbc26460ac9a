package importer

import (
	"bytes"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// A text dump is a scraped page saved as plain text: a header (weather,
// dateline, date, section, headline, byline, navigation), the body one
// paragraph a line or a block, and a footer. Each part is found by what it
// looks like and where it stands relative to the others, never by a fixed
// line number.

var (
	// byline credits the writers, in English, French, German, Spanish,
	// Portuguese, Italian or Dutch: "By Ana Ruiz and Li Wei in Lisbon",
	// "Par Claire Vasseur", "Von Jonas Weber", "Door Eva de Vries".
	byline  = regexp.MustCompile(`^` + bylineWord + `\s+(\p{Lu}[\p{L}.’'-]*(?:(?:[ ,]+(?:(?:` + nameJoin + `)\s+)?|\s+(?:` + particle + `)\s+)\p{Lu}[\p{L}.’'-]*){0,7})(?:\s+(?:in|à|en|em)\s+(\p{Lu}[\p{L}.’' -]*))?\s*$`)
	leadDL  = regexp.MustCompile(`^(\p{Lu}[\p{Lu}.’' -]*\p{Lu}\.?)(?:,\s*[\p{L}. ]+?)?(?:\s*\([^)]*\))?\s+[—–-]{1,2}\s+\S`)
	bareURL = regexp.MustCompile(`^https?://\S+$`)
	label   = regexp.MustCompile(`(?i)^(section|category|topic|filed in)\s*:\s*(.+)$`)
	crumbs  = regexp.MustCompile(`\s*(›|»|>|/)\s*`)
	nameSep = regexp.MustCompile(`\s*(?:,|\s(?:` + nameJoin + `)\s)\s*`)
	// initials ends a section name such as "U.S." that ends in a full stop
	initials = regexp.MustCompile(`(^|\s)(\p{Lu}\.){2,}$`)
	// writerIn is a byline without "By" that says where it was filed:
	// "Ana Ruiz in Lisbon".
	writerIn = regexp.MustCompile(`^(?:` + bylineWord + `\s+)?(\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*){1,3})\s+in\s+(\p{Lu}[\p{L}.’' -]*)$`)
)

// The words of a byline in the languages import reads.
const (
	bylineWord = `(?i:by|par|von|por|di|door)`
	nameJoin   = `and|et|und|y|e|en|&`
	// particle may stand lower-case inside a name: "Eva de Vries".
	particle = `de|da|di|del|van|von|der|den|le|la|du|dos|das`
)

// Text cleans a plain-text dump.
func Text(data []byte, opts Options) (*Article, error) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	data, err := checkText(data)
	if err != nil {
		return nil, err
	}
	p := &page{lines: lines(data), chrome: opts.Chrome, date: -1, place: -1}
	if err := p.findHeadline(); err != nil {
		return nil, err
	}
	a := &Article{Title: p.headline, Topic: p.section}
	if a.Date, err = p.findDate(opts); err != nil {
		if opts.FileTime.IsZero() {
			return nil, err
		}
		a.Date = opts.FileTime.Truncate(time.Second).In(opts.Location)
		a.note("%v; dated by the file's time, %s", err, a.Date.Format(time.RFC3339))
	}
	a.Notes = append(a.Notes, p.notes...)
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
	notes    []string // what was guessed
	boiler   []int8   // per line: 0 not yet known, 1 text, 2 boilerplate
	start    int      // bodyStart()+1, 0 until known
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
	collapsed := map[int]string{}
	for i, l := range p.lines {
		if l != "" {
			first = append(first, i)
			collapsed[i] = strings.Join(strings.Fields(l), " ")
		}
		if len(first) == window {
			break
		}
	}
	for _, i := range first {
		short := collapsed[i]
		for _, j := range first {
			long := collapsed[j]
			if len(long) <= len(short) || !strings.HasSuffix(long, short) {
				continue
			}
			// A headline of one or two words could end another header line
			// by chance; it counts only glued on without a space, as in
			// "BusinessMarkets tumble".
			if glue, _ := utf8.DecodeLastRuneInString(long[:len(long)-len(short)]); wordCount(short) < 3 && !unicode.IsLetter(glue) && glue != '.' {
				continue
			}
			prefix := strings.TrimRight(long[:len(long)-len(short)], " |:-–—/»›·•")
			// A section's name is words: "© 2024 Site" ends with the
			// site's name but does not name a section.
			if prefix == "" || wordCount(prefix) > 4 || endsSentence(prefix) && !initials.MatchString(prefix) || isParagraph(short) ||
				strings.ContainsFunc(prefix, func(r rune) bool { return unicode.IsDigit(r) || unicode.IsSymbol(r) }) {
				continue
			}
			p.headline, p.section, p.head = p.lines[i], prefix, max(i, j)
			return nil
		}
	}
	end := p.bodyStart()
	// The headline stands above its byline: lines after the byline are
	// the standfirst, key points or a caption.
	for i := 0; i < end; i++ {
		if isByline(p.lines[i]) && p.hasHeadlineBefore(i) {
			end = i
			break
		}
	}
	best := -1
	for i := 0; i < end; i++ {
		l := p.lines[i]
		if wordCount(l) < 2 || p.boilerplate(i) || isByline(l) || isListHeading(l) || label.MatchString(l) || bareURL.MatchString(l) {
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

// hasHeadlineBefore reports whether a line of a few words that could be a
// headline stands before line end.
func (p *page) hasHeadlineBefore(end int) bool {
	for i := 0; i < end; i++ {
		if wordCount(p.lines[i]) >= 4 && !p.boilerplate(i) {
			return true
		}
	}
	return false
}

// boilerplate reports whether line i is boilerplate, remembering the
// answer: the readers of a page ask about the same lines many times.
func (p *page) boilerplate(i int) bool {
	if p.boiler == nil {
		p.boiler = make([]int8, len(p.lines))
	}
	if p.boiler[i] == 0 {
		p.boiler[i] = 1
		if isBoilerplate(p.lines[i], p.chrome) {
			p.boiler[i] = 2
		}
	}
	return p.boiler[i] == 2
}

// bodyStart returns the index of the first line of running text: a line
// that reads as a paragraph, or the first of a hard-wrapped paragraph's
// lines (long lines that together read as one).
func (p *page) bodyStart() int {
	if p.start == 0 {
		p.start = p.findBodyStart() + 1
	}
	return p.start - 1
}

func (p *page) findBodyStart() int {
	for i, l := range p.lines {
		if l == "" || p.boilerplate(i) {
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
		case i == p.date, i == p.place, p.boilerplate(i), isByline(l), l == p.headline, isLabel(l), isPromo(l):
		default:
			kept = append(kept, l)
		}
	}
	kept = cutAtList(kept)
	paras := dropHeadlineRuns(group(kept))
	for len(paras) > 0 && (!endsSentence(paras[0]) && wordCount(paras[0]) < 10 || isSiteAsk(paras[0])) {
		paras = paras[1:]
	}
	for len(paras) > 0 && (!endsSentence(paras[len(paras)-1]) || isSiteAsk(paras[len(paras)-1])) {
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

// group joins lines into paragraphs. Blank lines separate paragraphs; in a
// hard-wrapped block a short line that ends a sentence ends one too, so a
// list is not run together; in any other block, and in a dump without
// blank lines, each line is a paragraph.
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
		if !wrappedBlock(b) {
			out = append(out, b...)
			continue
		}
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

// wrappedBlock reports whether a block's lines were cut at a fixed width:
// every line but the last fits a terminal, and is long enough that the
// next word would not have fitted.
func wrappedBlock(b []string) bool {
	for _, l := range b[:len(b)-1] {
		if n := utf8.RuneCountInString(l); n > 100 || n < 40 {
			return false
		}
	}
	return true
}
