// Package markdown converts article bodies: goldmark set up once for a
// site (GFM, footnotes, typographer, heading ids, site-path links under the
// base path), and Convert, which also collects what an article needs from
// the tree (first paragraph, words, links with their lines). New takes two
// shortcuts over Stock goldmark, each proven byte-identical by a
// differential fuzz target: linkify only where the text could hold a link
// (FuzzLinkifyLast) and plain text written without the entity state
// machine (FuzzTextWriter).
package markdown

import (
	"bytes"
	"io"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options are a site's Markdown settings.
type Options struct {
	// Unsafe lets raw HTML through; by default it is escaped. goldmark
	// drops javascript:, vbscript:, file: and non-image data: links
	// unless it is set.
	Unsafe bool
	// BasePath is the path of the site's base URL ("/news/"). A link or
	// image written as a site path ("/2025/01/06/story/") gets it in
	// front, so that it works when the site is served below the host's
	// root; "" or "/" leaves links as written.
	BasePath string
}

// New returns the site's Markdown converter: GFM (tables, strikethrough,
// linkify, task lists), footnotes, typographer and heading ids, with the
// shortcuts that make it faster than Stock and give the same bytes.
func New(opts Options) goldmark.Markdown {
	full := newGoldmark(opts, true, true)
	plain := newGoldmark(opts, false, true)
	return &markdown{Markdown: full, parser: &linkifyLast{plain: plain.Parser(), full: full.Parser()}}
}

// Stock is goldmark configured as New is, without New's shortcuts
// (linkifyLast, textWriter): what New must match byte for byte, and the
// converter bench/floor measures.
func Stock(opts Options) goldmark.Markdown {
	return newGoldmark(opts, true, false)
}

func newGoldmark(o Options, linkify, shortcuts bool) goldmark.Markdown {
	popts := []parser.Option{parser.WithAutoHeadingID()}
	if strings.Trim(o.BasePath, "/") != "" {
		prefix := "/" + strings.Trim(o.BasePath, "/")
		popts = append(popts, parser.WithASTTransformers(util.Prioritized(sitePaths(prefix), 100)))
	}
	exts := []goldmark.Extender{extension.GFM, extension.Footnote, extension.Typographer}
	if !linkify {
		// GFM without Linkify.
		exts = []goldmark.Extender{extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote, extension.Typographer}
	}
	opts := []goldmark.Option{
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(popts...),
	}
	var ropts []renderer.Option
	if shortcuts {
		ropts = append(ropts, html.WithWriter(textWriter{html.DefaultWriter}))
	}
	if o.Unsafe {
		ropts = append(ropts, html.WithUnsafe())
	}
	opts = append(opts, goldmark.WithRendererOptions(ropts...))
	return goldmark.New(opts...)
}

// markdown is goldmark with the linkifyLast parser.
type markdown struct {
	goldmark.Markdown
	parser parser.Parser
}

func (m *markdown) Parser() parser.Parser { return m.parser }

func (m *markdown) Convert(source []byte, w io.Writer, opts ...parser.ParseOption) error {
	return m.Renderer().Render(w, source, m.parser.Parse(text.NewReader(source), opts...))
}

// linkifyLast parses a body without GFM's linkify first, and again with it
// only when the text holds something linkify could make a link of. Linkify
// is tried at every space of every line, where it costs a quarter of
// goldmark's parsing, and finds nothing in most articles: it links only
// text starting "http:", "https:", "ftp:" or "www.", and e-mail
// addresses, and where the first parse's text holds none of these, nor an
// "@", the second parse would give the same document (but for blanks at
// the end of a line: see blankEnds). FuzzLinkifyLast compares the two.
type linkifyLast struct{ plain, full parser.Parser }

func (p *linkifyLast) Parse(reader text.Reader, opts ...parser.ParseOption) ast.Node {
	if len(opts) > 0 {
		// A context given by the caller would see both parses.
		return p.full.Parse(reader, opts...)
	}
	source := reader.Source()
	if blankEnds(source) {
		return p.full.Parse(reader)
	}
	doc := p.plain.Parse(reader)
	if !mayLinkify(doc, source) {
		return doc
	}
	return p.full.Parse(text.NewReader(source))
}

func (p *linkifyLast) AddOptions(opts ...parser.Option) {
	p.plain.AddOptions(opts...)
	p.full.AddOptions(opts...)
}

// mayLinkify tells whether any text of doc holds what linkify looks for.
// A text is read with the four bytes after it: the typographer makes
// "www..." a "www" text and an ellipsis, where linkify sees "www.".
func mayLinkify(doc ast.Node, source []byte) bool {
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering {
			seg := t.Segment
			if linkable(source[seg.Start:min(seg.Stop+4, len(source))]) {
				found = true
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return found
}

// blankEnds tells whether a line ends in two or more blanks (spaces, tabs,
// and the other characters goldmark trims) other than the two spaces of a
// line break. Linkify splits text at
// every blank and goldmark trims blanks only from the last piece of a
// line, so such a line keeps a blank with linkify that it loses without.
func blankEnds(source []byte) bool {
	for len(source) > 0 {
		line := source
		if i := bytes.IndexByte(source, '\n'); i >= 0 {
			line, source = source[:i], source[i+1:]
		} else {
			source = nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		n := len(line) - len(bytes.TrimRight(line, " \t\r\v\f"))
		if n >= 2 && !(n == 2 && line[len(line)-1] == ' ' && line[len(line)-2] == ' ') {
			return true
		}
	}
	return false
}

func linkable(b []byte) bool {
	return bytes.Contains(b, []byte("http")) || bytes.Contains(b, []byte("ftp:")) ||
		bytes.Contains(b, []byte("www.")) || bytes.IndexByte(b, '@') >= 0
}
