package content

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// Limits on how a body may be built. Goldmark takes time that grows with
// the square of the nesting of quotes and lists and of the number of
// footnotes and link definitions, so that a few megabytes of them run for hours; and browsers,
// feed readers and golang.org/x/net/html give up on elements nested some
// hundreds deep. No real article comes near these.
const (
	maxNesting     = 100  // quotes and lists inside each other, and elements in the HTML
	maxFootnotes   = 1000 // footnote definitions
	maxDefinitions = 2000 // link reference definitions, [label]: /url
)

// checkBody refuses a body that would take goldmark too long, naming the
// first line at fault. bodyLine is the file line of the body's first line.
func checkBody(body []byte, bodyLine int) error {
	footnotes, definitions := 0, 0
	for n := 0; len(body) > 0; n++ {
		line, rest, _ := cutLine(body)
		body = rest
		if d := containerDepth(line); d > maxNesting {
			return &LineError{Line: bodyLine + n, Err: fmt.Errorf("quotes or lists nested %d deep; at most %d", d, maxNesting)}
		}
		t := bytes.TrimLeft(line, " \t")
		if !bytes.HasPrefix(t, []byte("[")) || !bytes.Contains(t, []byte("]:")) {
			continue
		}
		if bytes.HasPrefix(t, []byte("[^")) {
			if footnotes++; footnotes > maxFootnotes {
				return &LineError{Line: bodyLine + n, Err: fmt.Errorf("more than %d footnotes", maxFootnotes)}
			}
		} else if definitions++; definitions > maxDefinitions {
			return &LineError{Line: bodyLine + n, Err: fmt.Errorf("more than %d link definitions ([label]: url)", maxDefinitions)}
		}
	}
	return nil
}

// containerDepth is how deep a line can sit in quotes and lists: one level
// per quote or list marker it opens with, and one per two columns of
// indentation, which is how nested list items are written.
func containerDepth(line []byte) int {
	depth, cols := 0, 0
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			// Only the indentation before the first marker nests lists;
			// later blanks separate markers.
			switch {
			case depth > 0:
			case c == '\t':
				cols += 4
			default:
				cols++
			}
			i++
		case c == '>':
			depth++
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			depth++
			i += 2
		default:
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j > i && j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				depth++
				i = j + 2
				continue
			}
			return depth + cols/2
		}
	}
	return depth + cols/2
}

// checkDepth refuses rendered HTML whose elements nest deeper than
// maxNesting, as runs of emphasis or brackets can make them.
func checkDepth(body string, bodyLine int) error {
	if strings.Count(body, "<") <= maxNesting {
		return nil // too few tags to nest that deep
	}
	z := html.NewTokenizer(strings.NewReader(body))
	depth := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				if depth++; depth > maxNesting {
					return &LineError{Line: bodyLine, Err: fmt.Errorf("emphasis, links, quotes or lists nested more than %d deep", maxNesting)}
				}
			}
		case html.EndTagToken:
			depth = max(0, depth-1)
		}
	}
}

// voidElements never have an end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}
