package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
	"gopkg.in/yaml.v3"
)

// matter is decoded front matter: each top-level key's value and the file
// line it sits on.
type matter struct {
	values map[string]any
	lines  map[string]int
	// raw holds a scalar's text as written, so that dates are read by our
	// rules rather than by the YAML library's.
	raw map[string]string
	// rawList holds a list's items as written, when they are all scalars,
	// so that `tags: [2024, elections]` keeps "2024" as text.
	rawList map[string][]string
}

// decodeMatter decodes f.Matter. Line numbers in errors are file lines.
func decodeMatter(f Front) (*matter, error) {
	offset := f.MatterLine - 1
	switch f.Format {
	case YAML:
		if m, ok := fastYAML(f.Matter, offset); ok {
			return m, nil
		}
		return decodeYAML(f.Matter, offset)
	case TOML:
		m := newMatter()
		if err := toml.Unmarshal(f.Matter, &m.values); err != nil {
			var de *toml.DecodeError
			if errors.As(err, &de) {
				row, _ := de.Position()
				return nil, &LineError{Line: offset + row, Err: fmt.Errorf("invalid TOML: %s", strings.TrimPrefix(de.Error(), "toml: "))}
			}
			return nil, &LineError{Line: f.MatterLine, Err: fmt.Errorf("invalid TOML: %s", strings.TrimPrefix(err.Error(), "toml: "))}
		}
		for key := range m.values {
			m.lines[key] = offset + tomlKeyLine(f.Matter, key)
		}
		return m, nil
	}
	return newMatter(), nil
}

func newMatter() *matter {
	return &matter{values: map[string]any{}, lines: map[string]int{}, raw: map[string]string{}, rawList: map[string][]string{}}
}

// decodeYAML decodes a YAML block through yaml.v3's node tree. offset is
// the file line before the block's first line.
func decodeYAML(block []byte, offset int) (*matter, error) {
	m := newMatter()
	var doc yaml.Node
	lines := newYAMLLines(block)
	if err := yaml.Unmarshal(block, &doc); err != nil {
		return nil, yamlError(err, block, lines, offset, 1)
	}
	if len(doc.Content) == 0 {
		return m, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &LineError{Line: offset + lines.line(root.Line), Err: errors.New("front matter must be a mapping of keys to values")}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key := k.Value
		if _, dup := m.values[key]; dup {
			return nil, &LineError{Line: offset + lines.line(k.Line), Err: fmt.Errorf("key %q appears twice", key)}
		}
		val, err := nodeValue(v)
		if err != nil {
			return nil, yamlError(err, block, lines, offset, v.Line)
		}
		if v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
			m.raw[key] = v.Value
		}
		if v.Kind == yaml.SequenceNode {
			items := make([]string, 0, len(v.Content))
			for _, e := range v.Content {
				if e.Kind != yaml.ScalarNode || e.Tag == "!!null" {
					items = nil
					break
				}
				items = append(items, e.Value)
			}
			if items != nil {
				m.rawList[key] = items
			}
		}
		m.values[key] = val
		m.lines[key] = offset + lines.line(k.Line)
	}
	return m, nil
}

// nodeValue is v.Decode into an any, without its cost for the values most
// front matter holds: text, and lists of text. Node.Decode starts a decoder
// of its own for each value, a good part of the time spent on a file.
func nodeValue(v *yaml.Node) (any, error) {
	if isText(v) {
		return v.Value, nil
	}
	if v.Kind == yaml.SequenceNode && allText(v.Content) {
		items := make([]any, len(v.Content))
		for i, e := range v.Content {
			items[i] = e.Value
		}
		return items, nil
	}
	var val any
	err := v.Decode(&val)
	return val, err
}

// isText tells a scalar that yaml.v3 decodes as its text as written.
func isText(v *yaml.Node) bool { return v.Kind == yaml.ScalarNode && v.Tag == "!!str" }

func allText(vs []*yaml.Node) bool {
	for _, v := range vs {
		if !isText(v) {
			return false
		}
	}
	return true
}

var yamlLine = regexp.MustCompile(`^yaml: (?:unmarshal errors:\n\s*)?line (\d+): (.*)`)

// yamlError moves a yaml.v3 error's line number into a LineError, as the
// file line an editor shows. An unknown anchor is put on its alias; other
// errors that carry no line on yaml.v3's line at. offset is the file line
// before the block's first line.
func yamlError(err error, block []byte, lines yamlLines, offset, at int) error {
	msg := err.Error()
	line := offset + lines.line(at)
	if sm := yamlLine.FindStringSubmatch(msg); sm != nil {
		n, _ := strconv.Atoi(sm[1])
		line, msg = offset+lines.line(n), sm[2]
	} else if n := aliasLine(block, msg); n > 0 {
		line = offset + n
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if strings.Contains(msg, "unexpected end of stream") {
		// The parser only notices at the end of the block, far from the cause.
		msg += " (a quote or bracket left open above?)"
	}
	return &LineError{Line: line, Err: fmt.Errorf("invalid YAML: %s", msg)}
}

// tomlKeyLine finds the line (1-based, within the block) of a top-level key.
func tomlKeyLine(block []byte, key string) int {
	for i, line := range bytes.Split(block, []byte("\n")) {
		t := strings.TrimSpace(string(line))
		t = strings.Trim(strings.SplitN(t, "=", 2)[0], " \t\"'")
		if t == key {
			return i + 1
		}
	}
	return 1
}

func (m *matter) has(key string) bool { _, ok := m.values[key]; return ok && m.values[key] != nil }

func (m *matter) errorf(key, format string, args ...any) error {
	return &LineError{Line: m.lines[key], Err: fmt.Errorf("%s: %s", key, fmt.Sprintf(format, args...))}
}

// str reads an optional string field. Numbers and booleans are refused rather
// than quietly turned into text, except where noted by the caller.
func (m *matter) str(key string) (string, error) {
	v, ok := m.values[key]
	if !ok || v == nil {
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		// YAML reads `title: 1984` as a number; the text as written is
		// what the author meant.
		raw, isScalar := m.raw[key]
		if !isScalar {
			return "", m.errorf(key, "want text, got %s", typeName(v))
		}
		s = raw
	}
	if err := m.printable(key, s); err != nil {
		return "", err
	}
	return strings.TrimSpace(s), nil
}

// printable refuses text that holds a character pages and feeds cannot
// carry: control characters other than tab and line breaks, which HTML
// forbids and XML 1.0 cannot write, and noncharacters such as U+FFFF.
// They come from pasting, not from an author's intent, so the article is
// named rather than quietly changed.
func (m *matter) printable(key, s string) error {
	for _, r := range s {
		switch {
		case !Unprintable(r):
		case r < 0x20 || r >= 0x7f && r <= 0x9f:
			return m.errorf(key, "holds the control character %U; remove it", r)
		default:
			return m.errorf(key, "holds the noncharacter %U; remove it", r)
		}
	}
	return nil
}

// Unprintable reports whether front matter text refuses r: a control
// character other than tab and line breaks, or a noncharacter.
func Unprintable(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20 || r >= 0x7f && r <= 0x9f:
		return true
	}
	return r >= 0xfdd0 && r <= 0xfdef || r&0xfffe == 0xfffe
}

// strs reads a list of strings; a single string is a list of one.
func (m *matter) strs(key string) ([]string, error) {
	v, ok := m.values[key]
	if !ok || v == nil {
		return nil, nil
	}
	switch t := v.(type) {
	case string:
		if err := m.printable(key, t); err != nil {
			return nil, err
		}
		if s := strings.TrimSpace(t); s != "" {
			return []string{s}, nil
		}
		return nil, nil
	case []any:
		out := make([]string, 0, len(t))
		raw := m.rawList[key]
		for i, e := range t {
			s, ok := e.(string)
			if !ok && len(raw) == len(t) {
				s, ok = raw[i], true
			}
			if !ok {
				return nil, m.errorf(key, "want a list of text, got %s in it", typeName(e))
			}
			if err := m.printable(key, s); err != nil {
				return nil, err
			}
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	}
	return nil, m.errorf(key, "want a list of text, got %s", typeName(v))
}

func (m *matter) boolean(key string) (bool, error) {
	v, ok := m.values[key]
	if !ok || v == nil {
		return false, nil
	}
	b, ok := v.(bool)
	if !ok {
		return false, m.errorf(key, "want true or false, got %s", typeName(v))
	}
	return b, nil
}
