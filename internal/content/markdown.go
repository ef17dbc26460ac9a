package content

import (
	"bytes"
	"crypto/sha256"
	stdhtml "html"
	"io"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// NewMarkdown returns the site's one Markdown converter: GFM (tables,
// strikethrough, linkify, task lists), footnotes, typographer and heading
// ids. Raw HTML is escaped unless unsafe is set; goldmark drops
// javascript:, vbscript:, file: and non-image data: links either way unless
// unsafe is set.
//
// basePath is the path of the site's base URL ("/news/"). A link or image
// written as a site path ("/2025/01/06/story/") gets it in front, so that
// it works when the site is served below the host's root; "" or "/" leaves
// links as written.
func NewMarkdown(unsafe bool, basePath ...string) goldmark.Markdown {
	full := newGoldmark(unsafe, true, true, basePath...)
	plain := newGoldmark(unsafe, false, true, basePath...)
	return &markdown{Markdown: full, parser: &linkifyLast{plain: plain.Parser(), full: full.Parser()}}
}

// NewGoldmark is goldmark configured as NewMarkdown is, without the
// shortcuts NewMarkdown takes (linkifyLast, textWriter): what NewMarkdown
// must match byte for byte, and the converter bench/floor measures.
func NewGoldmark(unsafe bool, basePath ...string) goldmark.Markdown {
	return newGoldmark(unsafe, true, false, basePath...)
}

func newGoldmark(unsafe, linkify, shortcuts bool, basePath ...string) goldmark.Markdown {
	popts := []parser.Option{parser.WithAutoHeadingID()}
	if len(basePath) > 0 && strings.Trim(basePath[0], "/") != "" {
		prefix := "/" + strings.Trim(basePath[0], "/")
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
	if unsafe {
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

// Converted is what one Markdown conversion yields. It depends only on the
// body and the converter, so a BodyCache may keep it between builds.
type Converted struct {
	HTML      string // a string, so that the article and a cache share it
	FirstPara string // plain text of the first paragraph
	Words     int
	Links     []Link // Line counts from 0 at the body's first line
}

// Link is a link or image destination found in a body, with its line.
type Link struct {
	Dest  string
	Line  int
	Image bool
}

// BodyCache keeps converted bodies between builds, keyed by BodyKey. It must
// be safe for concurrent use, and must be emptied when the Markdown options
// change.
type BodyCache interface {
	Get(key [32]byte) (Converted, bool)
	Put(key [32]byte, c Converted)
}

// BodyKey is the cache key of a body.
func BodyKey(body []byte) [32]byte { return sha256.Sum256(body) }

// Convert converts a body and collects what the article needs from its
// tree.
func Convert(md goldmark.Markdown, body []byte) (Converted, error) {
	doc := md.Parser().Parse(text.NewReader(body))
	var r Converted
	lines := lineStarts(body)
	// goldmark splits a run of text into several Text nodes ("plan" and
	// "."), so a word may go on from one node into the next.
	inWord := false
	var headings []*ast.Heading
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock {
			inWord = false
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, n)
		case *ast.Paragraph:
			if r.FirstPara == "" {
				r.FirstPara = plainText(n, body)
			}
		case *ast.Text:
			r.Words += countWords(n.Segment.Value(body), &inWord)
			if n.SoftLineBreak() || n.HardLineBreak() {
				inWord = false
			}
		case *ast.Link:
			r.Links = append(r.Links, Link{Dest: string(n.Destination), Line: nodeLine(n, lines)})
		case *ast.Image:
			r.Links = append(r.Links, Link{Dest: string(n.Destination), Line: nodeLine(n, lines), Image: true})
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return r, err
	}
	demoteHeadings(headings)
	buf := htmlBufs.Get().(*htmlBuffer)
	defer htmlBufs.Put(buf)
	buf.Reset()
	if err := md.Renderer().Render(buf, body, doc); err != nil {
		return r, err
	}
	r.HTML = buf.String()
	return r, nil
}

// htmlBuffer lets goldmark's renderer write straight into a buffer: given
// any other writer it wraps it in a bufio.Writer of its own, one allocation
// and one more copy of the page per body.
type htmlBuffer struct{ bytes.Buffer }

func (b *htmlBuffer) Available() int { return b.Cap() - b.Len() }
func (b *htmlBuffer) Buffered() int  { return 0 }
func (b *htmlBuffer) Flush() error   { return nil }

// htmlBufs keeps render buffers between bodies: the HTML is copied out as
// a string, so a buffer grown once serves every later body.
var htmlBufs = sync.Pool{New: func() any { return new(htmlBuffer) }}

// sitePaths is an AST transformer that puts the base path in front of
// links and images written as site paths.
type sitePaths string

func (prefix sitePaths) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	fix := func(dest []byte) []byte {
		if len(dest) > 0 && dest[0] == '/' && (len(dest) == 1 || dest[1] != '/') {
			return append([]byte(prefix), dest...)
		}
		return dest
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = fix(n.Destination)
		case *ast.Image:
			n.Destination = fix(n.Destination)
		}
		return ast.WalkContinue, nil
	})
}

// demoteHeadings moves every heading of a body down one level when the body
// uses "#": the page's one h1 is the article's title, and a second would
// break the outline that screen readers navigate by.
func demoteHeadings(headings []*ast.Heading) {
	top := false
	for _, h := range headings {
		top = top || h.Level == 1
	}
	if !top {
		return
	}
	for _, h := range headings {
		h.Level = min(h.Level+1, 6)
	}
}

// plainText returns the text of an inline tree, with soft breaks as spaces.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if t.IsCode() {
				// The typographer's quotes and dashes are HTML entities
				// ("&rsquo;"); a plain-text summary wants the characters.
				b.WriteString(stdhtml.UnescapeString(string(t.Value)))
			} else {
				b.Write(t.Value)
			}
		case *ast.CodeSpan:
			for s := t.FirstChild(); s != nil; s = s.NextSibling() {
				if txt, ok := s.(*ast.Text); ok {
					b.Write(txt.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// lineStarts lists the byte offset at which each line of src begins.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// nodeLine finds the 0-based body line of an inline node from its first text
// segment; block-level position is not kept by goldmark for inlines.
func nodeLine(n ast.Node, starts []int) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off < 0 {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				off = p.Lines().At(0).Start
				break
			}
		}
	}
	if off < 0 {
		return 0
	}
	lo, hi := 0, len(starts)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// countWords counts the words that start in b; *in tells whether the text
// before b ended inside a word, and is updated for the text after. A word
// starts where a non-space follows a space; counting those without a
// branch on each byte keeps the processor from mispredicting at every
// word boundary.
func countWords(b []byte, in *bool) int {
	n := 0
	var prevSpace uint8 = 1
	if *in {
		prevSpace = 0
	}
	for i := 0; i < len(b); {
		var space uint8
		if c := b[i]; c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRune(b[i:])
			if unicode.IsSpace(r) {
				space = 1
			}
			i += size
		}
		n += int(prevSpace &^ space)
		prevSpace = space
	}
	*in = prevSpace == 0
	return n
}

// asciiSpace is unicode.IsSpace for the ASCII bytes most text is made of,
// without decoding a rune and calling a function for each.
var asciiSpace = [utf8.RuneSelf]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

// Summarize cuts text at a word boundary so that it holds at most max
// characters, counting the ellipsis it adds when it cuts. Characters, not
// bytes: Cyrillic or Greek summaries are as long as English ones.
func Summarize(text string, max int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= max {
		return text
	}
	end := 0 // the byte offset past max-1 characters, leaving room for "…"
	for range max - 1 {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	cut := text[:end]
	if text[end] != ' ' {
		if i := strings.LastIndexByte(cut, ' '); i > 0 {
			cut = cut[:i]
		}
	}
	cut = strings.TrimRight(cut, " ,;:–—-")
	return cut + "…"
}
