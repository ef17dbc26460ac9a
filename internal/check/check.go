// Package check validates a site without publishing it: it runs every
// stage of the site's pipeline into memory, then reports each bad article
// and each internal link or asset reference that leads to no file of the
// built site (or to a missing #fragment). Each problem names a file and line: the article's source for
// links written in an article body, else the rendered page.
package check

import (
	"context"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/pipeline"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// Problem is one thing wrong with the site.
type Problem struct {
	File string // a source file ("content/…") or a rendered page ("2025/01/06/index.html")
	Line int    // 0 when unknown
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Report is the outcome of a check.
type Report struct {
	Articles int
	Files    int // files the build would publish
	Links    int // internal references followed
	Problems []Problem
}

// Site builds the site in fsys into memory, through every stage of its
// pipeline, and checks it. The error is for a site that cannot be built at
// all (broken template); problems with articles and links are in the
// report.
func Site(ctx context.Context, p *pipeline.Pipeline, fsys fs.FS, o pipeline.Options) (*Report, error) {
	mem := output.NewMemory()
	res, err := p.Run(ctx, fsys, o, mem)
	if err != nil {
		return nil, err
	}
	rep := &Report{Articles: len(res.Digest.Articles), Files: len(mem.Files())}
	for _, p := range append(res.Loaded.Problems, res.Stats.Problems...) {
		rep.Problems = append(rep.Problems, Problem{File: content.ShowPath(p.File), Line: p.Line, Msg: p.Err.Error()})
	}
	base, err := url.Parse(p.Config.BaseURL)
	if err != nil {
		return nil, err
	}
	sources := bodySources(res.Digest)
	links := linkProblems(mem.Files(), base, sources)
	rep.Links = links.followed
	rep.Problems = append(rep.Problems, links.problems...)
	return rep, nil
}

// source is where a link in an article body is written.
type source struct {
	file string
	line int
}

// sources maps a page and a resolved link target to the article lines that
// write it, in body order, so that a broken link is reported where an editor
// can fix it.
type sources map[string]map[string][]source

// take returns the next article line that writes the link on the page.
// The last line is kept for any further copies (a theme may repeat a body).
func (s sources) take(page, key string) (source, bool) {
	list := s[page][key]
	if len(list) == 0 {
		return source{}, false
	}
	if len(list) > 1 {
		s[page][key] = list[1:]
	}
	return list[0], true
}

func bodySources(d *digest.Digest) sources {
	out := sources{}
	for _, a := range d.Articles {
		page := urls.Article(a) + "index.html"
		m := map[string][]source{}
		for _, l := range a.Links {
			k := linkKey(page, l.Dest)
			m[k] = append(m[k], source{a.File, l.Line})
		}
		out[page] = m
	}
	return out
}

// linkKey is how a reference is matched between the Markdown and the HTML
// it became: the destination resolved against the page, since goldmark
// escapes characters on the way.
func linkKey(page, dest string) string {
	u, err := url.Parse(dest)
	if err != nil {
		return dest
	}
	pageURL := &url.URL{Path: "/" + page}
	r := pageURL.ResolveReference(u)
	r.RawQuery = ""
	return r.String()
}

// sortProblems orders the report by file, then line.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		return ps[i].Line < ps[j].Line
	})
}

// sitePath maps a path of the built site to the file a static host serves
// for it: folders serve their index.html.
func sitePath(files map[string][]byte, p string) (string, bool) {
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	if _, ok := files[p]; ok {
		return p, true
	}
	if _, ok := files[path.Join(p, "index.html")]; ok {
		return path.Join(p, "index.html"), true
	}
	return p, false
}
