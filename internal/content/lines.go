package content

import (
	"bytes"
	"regexp"
	"unicode/utf8"
)

// Lines are counted as an editor shows them: "\n", "\r\n" and a lone "\r"
// each end one. yaml.v3 and CommonMark count a lone "\r" too, so a file is
// read with every line ending made "\n" first, and every count after
// (ours, yaml.v3's, goldmark's) agrees.
func normalizeNewlines(data []byte) []byte {
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c == '\r' {
			c = '\n'
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
		}
		out = append(out, c)
	}
	return out
}

// yamlLines maps a line of a YAML block as yaml.v3 counts them to the
// block's line as an editor shows it. yaml.v3 also ends a line at U+0085,
// U+2028 and U+2029, which editors show within a line; the map is nil for
// a block without them, the counts then being the same.
type yamlLines []int

func newYAMLLines(block []byte) yamlLines {
	if !bytes.Contains(block, []byte("\u0085")) && !bytes.Contains(block, []byte("\u2028")) && !bytes.Contains(block, []byte("\u2029")) {
		return nil
	}
	lines := yamlLines{1}
	line := 1
	for i := 0; i < len(block); {
		r, size := utf8.DecodeRune(block[i:])
		switch r {
		case '\n':
			line++
			lines = append(lines, line)
		case 0x85, 0x2028, 0x2029:
			lines = append(lines, line)
		}
		i += size
	}
	return lines
}

// line is the editor's line (1-based, in the block) of yaml.v3's line n.
func (l yamlLines) line(n int) int {
	if n < 1 || n > len(l) {
		return n
	}
	return l[n-1]
}

var unknownAnchor = regexp.MustCompile(`unknown anchor '(.*)' referenced`)

// aliasLine finds the line (1-based, in the block) of the first alias to
// the unknown anchor that msg names, which yaml.v3 reports without a line;
// 0 when there is none to find.
func aliasLine(block []byte, msg string) int {
	sm := unknownAnchor.FindStringSubmatch(msg)
	if sm == nil {
		return 0
	}
	alias := regexp.MustCompile(`\*` + regexp.QuoteMeta(sm[1]) + `(?:[\s,\]\}]|$)`)
	loc := alias.FindIndex(block)
	if loc == nil {
		return 0
	}
	return 1 + bytes.Count(block[:loc[0]], []byte("\n"))
}
