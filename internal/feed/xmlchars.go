package feed

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// xmlSafe removes from every text of f and its items the characters XML
// 1.0 cannot hold: control characters other than tab and line breaks,
// surrogates, U+FFFE and U+FFFF, and bytes that are not UTF-8. An article
// body may hold them, and edition items carry titles and sources; one
// such character makes the whole RSS or Atom file unreadable, and HTML
// content goes out as CDATA, which encoding/xml writes as it is. JSON
// could carry them, but all three formats say the same. Items are shared
// between feeds, and cleaning one twice changes nothing.
func (f *Feed) xmlSafe() {
	for _, s := range []*string{&f.Title, &f.Description, &f.Language, &f.Author, &f.Home} {
		*s = xmlChars(*s)
	}
	for _, it := range f.Items {
		for _, s := range []*string{&it.Link, &it.Title, &it.Content, &it.Summary, &it.ExternalURL, &it.Image} {
			*s = xmlChars(*s)
		}
		it.Authors = xmlList(it.Authors)
		it.Categories = xmlList(it.Categories)
	}
}

// xmlList is xmlChars for each name of a list. The list is returned as it
// is when no name changes, else cleaned in a copy: an item's authors are
// its article's, which the pages read while the feeds are made.
func xmlList(list []string) []string {
	for i, s := range list {
		if clean := xmlChars(s); clean != s {
			out := slices.Clone(list)
			for j := i; j < len(out); j++ {
				out[j] = xmlChars(out[j])
			}
			return out
		}
	}
	return list
}

// xmlChars returns s without the characters XML 1.0's Char production
// leaves out. They are dropped rather than replaced by U+FFFD: none is
// text a reader could show, and a replacement character would only
// point at an accident.
func xmlChars(s string) string {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isXMLChar(r, n) {
			return dropNonXML(s, i)
		}
		i += n
	}
	return s
}

// dropNonXML is xmlChars for s whose first bad character is at from.
func dropNonXML(s string, from int) string {
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:from])
	for i := from; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if isXMLChar(r, n) {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// isXMLChar reports whether r, decoded from n bytes, is a Char of XML 1.0:
// #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
func isXMLChar(r rune, n int) bool {
	switch {
	case r == utf8.RuneError && n == 1:
		return false
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r <= 0xd7ff:
		return true
	case r < 0xe000:
		return false
	case r <= 0xfffd:
		return true
	}
	return r >= 0x10000 && r <= 0x10ffff
}
