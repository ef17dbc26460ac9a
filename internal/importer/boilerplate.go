package importer

import (
	"bytes"

	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Boilerplate is recognised by the role a line plays on a page, not by a
// list of one site's phrases: a reading from a thermometer, a date, a call
// to share or subscribe, a row of links, the heading of a list of other
// stories, or a line the same site prints on every page (see Chrome).

var (
	// weather matches a temperature: "22.5 C", "14 °F", "Sunny, 18°C".
	weather = regexp.MustCompile(`(?i)(^|[\s,(])-?\d{1,3}([.,]\d+)?\s*(°\s*[cf]?|º\s*[cf]?|[cf])($|[\s,)/])`)

	// call matches a whole short line that asks the reader to do something
	// other than read on, or labels an advertisement.
	call = regexp.MustCompile(`(?i)^(` +
		`advertisement|advert|ad|sponsored( content)?|paid (post|content)|` +
		`(story|article) continues (below|after)( (the )?(advertisement|ad))?|scroll to continue( with content)?|` +
		`share( this)?( (story|article|page|post))?( on [\w ]+| via [\w ]+)?|(copy|copied) link|teilen|partager|compartir|condividi|partilhar|delen|` +
		`(sign up|subscribe)\b.*|(register|log in|sign in)( now| today| here| for free| free)?|` +
		`(get|receive) (our|the) [\w -]*(newsletter|briefing|alerts?)\b.*|` +
		`(read|see|watch|listen)( more| next| also| full story)\b.*|(more|related|see also)( stories| articles| coverage)?(:.*)?|continue reading\b.*|` +
		`follow us\b.*|like us on\b.*|join (us|the conversation)\b.*|` +
		`also read\b.*|click here\b.*|don['’]t miss\b.*|download (our|the) app\b.*|` +
		`(main )?menu|search|close|home|back to top|top|(next|previous) (article|story)|(toggle|open) navigation|` +
		`listen to this article\b.*|(\d+ )?comments?|leave a comment|show comments|print|email|save|skip to (main )?content|` +
		`(photo|image|picture|video|illustration)( credit)?s?:.*|credit:.*|` +
		`.*©.*|copyright (\(c\)|\d{4}).*|all rights reserved\.?|` +
		`this (story|article) (was )?(first|originally) (appeared|published)\b.*|(contact|email|write to) us\b.*|(got|have) a (news )?tip\b.*` +
		`)[\s.:!›»>→-]*$`)

	// listHeading matches the heading of a list of other stories or of tags:
	// everything after it is the site's, not the article's.
	listHeading = regexp.MustCompile(`(?i)^((most (popular|read|viewed|shared|emailed|recent)|trending( now)?|top stories|latest (news|stories)|` +
		`recommended|you (may|might) also like|more (stories|from|on|in|news)|other stories|check out)(\s+[\w’'-]+){0,4}|` +
		`(tags?|topics|filed under)(:.*)?|` +
		`comments?( \(\d+\))?|\d+ comments?|(join|start) the (discussion|conversation)|leave a (comment|reply)|reader comments)[\s:.!›»>→-]*$`)

	// socialNames are the networks a row of share buttons names.
	socialNames = regexp.MustCompile(`(?i)^((facebook|twitter|x|linkedin|whatsapp|reddit|telegram|email|e-mail|pinterest|threads|bluesky|mastodon|print|copy link|flipboard)[\s,|·•/]*)+$`)

	// navSeparators join the items of a navigation row or breadcrumb.
	navSeparators = regexp.MustCompile(`\s*(\||·|•|›|»|>|/|–|—|:)\s*|\s{2,}`)
)

// isWeather reports whether a short line is a weather reading.
func isWeather(line string) bool {
	return len(line) <= 80 && strings.ContainsAny(line, "0123456789") && wordCount(line) <= 6 && weather.MatchString(line)
}

// isCall reports whether a short line is a call to share, subscribe, read
// something else or look at an advertisement.
func isCall(line string) bool {
	return len(line) <= 200 && wordCount(line) <= 12 && (call.MatchString(line) || socialNames.MatchString(line))
}

// isListHeading reports whether a line opens a list of other stories.
func isListHeading(line string) bool {
	return len(line) <= 100 && wordCount(line) <= 6 && !endsSentence(line) && listHeading.MatchString(line)
}

// navItems splits a row of navigation links or a breadcrumb into its items;
// it returns nil for any other line.
func navItems(line string) []string {
	if len(line) > 300 || !strings.ContainsAny(line, "|·•›»>/–—:") && !strings.Contains(line, "  ") {
		return nil
	}
	parts := navSeparators.Split(line, -1)
	if len(parts) < 3 && !(len(parts) == 2 && strings.EqualFold(parts[0], "home")) {
		return nil
	}
	var items []string
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if wordCount(p) > 4 || endsSentence(p) {
			return nil
		}
		items = append(items, p)
	}
	if len(items) < 2 {
		return nil
	}
	return items
}

// isBoilerplate reports whether a line is boilerplate wherever it stands.
func isBoilerplate(line string, chrome Chrome) bool {
	return isDate(line) || isClock(line) || isWeather(line) || isCall(line) || navItems(line) != nil || chrome.Has(line) || isAppeal(line) || isCaption(line)
}

// isDate reports whether a line holds a date, or dates, and nothing else.
func isDate(line string) bool {
	if _, ok := parseDateLine(line); ok {
		return true
	}
	for _, seg := range dateSegments.Split(line, -1) {
		if _, ok := parseDateLine(seg); !ok {
			return false
		}
	}
	return true
}

// endsSentence reports whether a line ends as a sentence does: with a full
// stop, question or exclamation mark, perhaps inside closing quotes.
func endsSentence(line string) bool {
	s := strings.TrimRightFunc(line, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`"'”’»)]*_`, r)
	})
	if s == "" {
		return false
	}
	switch r, _ := utf8.DecodeLastRuneInString(s); r {
	case '.', '!', '?', '…', '。', '！', '？':
		return true
	}
	return false
}

// isParagraph reports whether a line reads as running text rather than a
// label, heading or link.
func isParagraph(line string) bool {
	n := wordCount(line)
	if !endsSentence(line) {
		return n >= 30
	}
	s := strings.TrimRightFunc(line, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '。' })
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "。") {
		return n >= 6
	}
	return n >= 20 // a question or exclamation this short is a headline
}

// wordCount counts the words of s as strings.Fields would, without
// building them: every line of a page is counted several times. Chinese
// and Japanese are written without spaces; there, two characters count
// as a word, about what a word of theirs holds.
func wordCount(s string) int {
	n, in, wide := 0, false, 0
	for _, r := range s {
		if r >= 0x2E80 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			wide++
			in = false
			continue
		}
		space := unicode.IsSpace(r) || r >= 0x3000 && unicode.IsPunct(r)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n + (wide+1)/2
}

// Chrome is the set of lines that recur across the dumps of one batch: the
// same site's navigation, promotions and footer.
type Chrome map[string]bool

// Has reports whether line is chrome.
func (c Chrome) Has(line string) bool { return c[normalize(line)] }

// FindChrome returns the lines, or in HTML pages the blocks of text, found
// in at least three dumps and in at least a tenth of them. Each dump
// counts a line once. A batch may mix
// sites, so a site's chrome need only be common among its own pages; the
// tenth keeps a short sentence that happens to recur across many stories
// ("No one was hurt.") from being taken for chrome.
func FindChrome(dumps [][]byte) Chrome {
	counts := map[string]int{}
	for _, d := range dumps {
		seen := map[string]bool{}
		for _, l := range pageLines(d) {
			k := normalize(l)
			if k != "" && !seen[k] {
				seen[k] = true
				counts[k]++
			}
		}
	}
	c := Chrome{}
	for k, n := range counts {
		if n >= 3 && n*10 >= len(dumps) {
			c[k] = true
		}
	}
	return c
}

// pageLines returns a dump's lines, or an HTML page's blocks of text
// (paragraphs, list items, headings, captions), for FindChrome.
func pageLines(data []byte) []string {
	if !IsHTML("", data) {
		if text, err := decodeText(data); err == nil {
			data = text
		}
		return lines(data)
	}
	text, err := decodeHTML(data)
	if err != nil {
		return nil
	}
	doc, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return nil
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
			case atom.P, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Figcaption, atom.Blockquote, atom.Dd, atom.Dt:
				out = append(out, oneLine(textOf(c)))
			default:
				walk(c)
			}
		}
	}
	walk(doc)
	return out
}

// normalize makes lines that differ only in spacing or case compare equal.
func normalize(line string) string {
	return strings.ToLower(strings.Join(strings.Fields(line), " "))
}
