package markdown

import (
	"bytes"
	stdhtml "html"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Converted is what one Markdown conversion yields. It depends only on the
// body and the converter, so a cache may keep it between builds.
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
