package check

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// ref is one href, src or srcset value found in a page.
type ref struct {
	val  string
	line int
}

// page is what a rendered HTML file holds for the check.
type page struct {
	ids  map[string]bool
	refs []ref
}

// refAttrs are the attributes that load or link to another file.
var refAttrs = map[string]bool{"href": true, "src": true, "poster": true, "srcset": true}

// scanPage lists a page's ids and references with their lines.
func scanPage(data []byte) page {
	p := page{ids: map[string]bool{}}
	z := html.NewTokenizer(bytes.NewReader(data))
	line := 1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return p
		}
		at := line
		line += bytes.Count(z.Raw(), []byte("\n"))
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if tok.Data == "base" {
			continue
		}
		for _, a := range tok.Attr {
			switch {
			case a.Key == "id", a.Key == "name" && tok.Data == "a":
				p.ids[a.Val] = true
			case a.Key == "srcset":
				for _, c := range strings.Split(a.Val, ",") {
					if f := strings.Fields(c); len(f) > 0 {
						p.refs = append(p.refs, ref{f[0], at})
					}
				}
			case refAttrs[a.Key]:
				p.refs = append(p.refs, ref{a.Val, at})
			}
		}
	}
}

// cssURL matches url(...) in a style sheet, quoted or not.
var cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^'")\s]*))\s*\)`)

// cssRefs lists the url() references of a style sheet with their lines;
// data: URLs are skipped by follow like any other scheme.
func cssRefs(data []byte) []ref {
	var refs []ref
	for _, m := range cssURL.FindAllSubmatchIndex(data, -1) {
		line := 1 + bytes.Count(data[:m[0]], []byte("\n"))
		for g := 2; g < len(m); g += 2 {
			if m[g] >= 0 {
				refs = append(refs, ref{string(data[m[g]:m[g+1]]), line})
				break
			}
		}
	}
	return refs
}

type linkResult struct {
	followed int
	problems []Problem
}

// linkProblems follows every internal reference of every HTML file.
// References written by templates repeat on many pages, so each broken
// target is reported once, at its first page, with a count of the others.
func linkProblems(files map[string][]byte, base *url.URL, srcs sources) linkResult {
	var names []string
	pages := map[string]page{}
	for name, data := range files {
		switch path.Ext(name) {
		case ".html":
			names = append(names, name)
			pages[name] = scanPage(data)
		case ".css":
			names = append(names, name)
			pages[name] = page{refs: cssRefs(data)}
		}
	}
	sort.Strings(names)
	var res linkResult
	type firstSeen struct {
		at     int // index in res.problems
		others int
	}
	seen := map[string]*firstSeen{}
	for _, name := range names {
		pageURL := base.ResolveReference(&url.URL{Path: name})
		for _, r := range pages[name].refs {
			msg, key, internal := follow(files, pages, base, pageURL, r.val)
			if internal {
				res.followed++
			}
			if msg == "" {
				continue
			}
			if src, ok := srcs.take(name, linkKey(name, r.val)); ok {
				res.problems = append(res.problems, Problem{File: src.file, Line: src.line, Msg: msg})
				continue
			}
			if f, ok := seen[key]; ok {
				f.others++
				continue
			}
			seen[key] = &firstSeen{at: len(res.problems)}
			res.problems = append(res.problems, Problem{File: name, Line: r.line, Msg: msg})
		}
	}
	for _, f := range seen {
		if f.others > 0 {
			res.problems[f.at].Msg += fmt.Sprintf(" (and on %d more %s)", f.others, plural(f.others, "page", "pages"))
		}
	}
	sortProblems(res.problems)
	return res
}

// follow checks one reference. It returns what is wrong ("" when nothing
// is), a key that is the same for every reference to the same missing
// thing, and whether the reference points into the site.
func follow(files map[string][]byte, pages map[string]page, base, pageURL *url.URL, val string) (msg, key string, internal bool) {
	val = strings.TrimSpace(val)
	if val == "" {
		return "", "", false
	}
	u, err := url.Parse(val)
	if err != nil {
		return fmt.Sprintf("malformed link %q", val), val, false
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return "", "", false // mailto:, tel: and the like
	}
	abs := pageURL.ResolveReference(u)
	if !strings.EqualFold(abs.Host, base.Host) {
		return "", "", false
	}
	if !strings.HasPrefix(abs.Path, base.Path) {
		if u.Host != "" {
			return "", "", false // another site on the same host, written out in full
		}
		return fmt.Sprintf("link %q leaves the site's base path %s", val, base.Path), abs.Path, true
	}
	rel := strings.TrimPrefix(abs.Path, base.Path)
	target, ok := sitePath(files, rel)
	if !ok {
		return fmt.Sprintf("link %q: nothing at %s in the built site", val, abs.Path), abs.Path, true
	}
	if u.Fragment != "" {
		if p, isPage := pages[target]; isPage && !p.ids[u.Fragment] {
			return fmt.Sprintf("link %q: no element with id %q at %s", val, u.Fragment, abs.Path), abs.Path + "#" + u.Fragment, true
		}
	}
	return "", "", true
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
