package importer

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/newsdigest/newsdigest/internal/content"
)

// A page names its article several times: in JSON-LD's headline, Open
// Graph's og:title, the <title> and the <h1>. The <title>, and often
// og:title, add the site's name ("… | The Hill", "Digg - …"); the <h1> is
// the headline as the reader sees it.

// titleSeparator joins a headline and a site's name in a <title>.
var titleSeparator = regexp.MustCompile(`\s+(?:[|–—·•»]|-{1,2}|::)\s+`)

// pageTitle picks the article's title: the first of JSON-LD's headline or
// og:title, readability's reading of the <title>, and the <title>, with
// the site's name cut off; when that title is the <h1> or readability's
// reading with more around it ("Headline | Section | Site"), that one;
// with no title at all, the <h1>.
func pageTitle(m meta, guess string) string {
	h1, guess := oneLine(m.h1), oneLine(guess)
	sites := siteNames(m)
	for _, c := range []string{oneLine(m.title), guess, oneLine(m.docTitle)} {
		if c == "" {
			continue
		}
		// Another of the page's titles may be one part of this one: the
		// rest is the site's or the section's name.
		for _, other := range []string{h1, guess} {
			if other == "" || sameTitle(c, other) {
				continue
			}
			for _, part := range titleSeparator.Split(c, -1) {
				if sameTitle(part, other) {
					return other
				}
			}
		}
		return stripSite(c, sites)
	}
	return h1
}

// sameTitle compares two titles by their letters and digits alone.
func sameTitle(a, b string) bool {
	ka, kb := titleKey(a), titleKey(b)
	return ka != "" && ka == kb
}

// titleKey folds a title to lowercase letters and digits, without
// diacritics, spaces or punctuation; other scripts are kept as written.
func titleKey(s string) string {
	if k := strings.ReplaceAll(content.Slugify(s), "-", ""); len(k)*2 >= len(s) {
		return k
	}
	return strings.ToLower(strings.Join(strings.Fields(s), ""))
}

// siteNames lists the names a page's site goes by: og:site_name or the
// publisher, and the name in its address ("thehill" in
// https://www.thehill.com/…).
func siteNames(m meta) []string {
	var names []string
	if m.site != "" {
		names = append(names, titleKey(m.site))
	}
	if u, err := url.Parse(m.url); err == nil && u.Host != "" {
		labels := strings.Split(strings.ToLower(u.Hostname()), ".")
		// news.example.co.uk: skip the country's and the generic ending.
		i := len(labels) - 2
		for i > 0 && len(labels[i]) <= 3 {
			i--
		}
		if i >= 0 {
			names = append(names, labels[i])
		}
	}
	return names
}

// stripSite cuts the site's name from either end of a title, along with
// its separator.
func stripSite(title string, sites []string) string {
	for {
		locs := titleSeparator.FindAllStringIndex(title, -1)
		if len(locs) == 0 {
			return title
		}
		last, first := locs[len(locs)-1], locs[0]
		switch {
		case isSite(title[last[1]:], sites):
			title = title[:last[0]]
		case isSite(title[:first[0]], sites):
			title = title[first[1]:]
		default:
			return title
		}
	}
}

// isSite reports whether a part of a title is the site's name, as given
// or as its address writes it ("TheHill" for "The Hill", "Aktuálně.cz"
// for aktualne.cz).
func isSite(part string, sites []string) bool {
	if wordCount(part) > 5 {
		return false
	}
	k := titleKey(part)
	for _, s := range sites {
		if s == "" || k == "" {
			continue
		}
		if k == s || len(s) >= 4 && strings.Contains(k, s) || len(k) >= 4 && strings.Contains(s, k) {
			return true
		}
	}
	return false
}
