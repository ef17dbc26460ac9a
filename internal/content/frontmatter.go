package content

import (
	"bytes"
	"errors"
	"fmt"
)

// Format is the language of a front matter block.
type Format int

const (
	YAML Format = iota + 1 // between "---" lines
	TOML                   // between "+++" lines
)

// Front is a file split into its front matter and body.
type Front struct {
	Format Format
	Matter []byte // the front matter, without its fences
	Body   []byte
	// MatterLine is the file line of Matter's first line; BodyLine that of
	// Body's first line. Both are 1-based.
	MatterLine int
	BodyLine   int
}

// LineError is an error at a line of a file.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

var (
	errNoFrontMatter = errors.New(`no front matter: the file must start with a "---" (YAML) or "+++" (TOML) line`)
	errEmpty         = errors.New("empty file")
)

// Split separates the front matter from the body. The file must open with a
// fence line ("---" or "+++", trailing spaces allowed) and close the block with
// the same fence on a line of its own. A UTF-8 byte-order mark is skipped.
func Split(src []byte) (Front, error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(src)) == 0 {
		return Front{}, &LineError{Line: 1, Err: errEmpty}
	}
	first, rest, _ := cutLine(src)
	var f Front
	var fence []byte
	switch string(bytes.TrimRight(first, " \t")) {
	case "---":
		f.Format, fence = YAML, []byte("---")
	case "+++":
		f.Format, fence = TOML, []byte("+++")
	default:
		return Front{}, &LineError{Line: 1, Err: errNoFrontMatter}
	}
	f.MatterLine = 2
	line := 2
	matterStart := len(src) - len(rest)
	for len(rest) > 0 {
		l, next, _ := cutLine(rest)
		if bytes.Equal(bytes.TrimRight(l, " \t"), fence) {
			end := len(src) - len(rest)
			f.Matter = src[matterStart:end]
			f.Body = next
			f.BodyLine = line + 1
			return f, nil
		}
		rest = next
		line++
	}
	return Front{}, &LineError{Line: 1, Err: fmt.Errorf("front matter opened with %q is never closed", fence)}
}

// cutLine returns the first line of b without its line ending, and the rest.
func cutLine(b []byte) (line, rest []byte, found bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return bytes.TrimSuffix(b, []byte("\r")), nil, false
	}
	return bytes.TrimSuffix(b[:i], []byte("\r")), b[i+1:], true
}
