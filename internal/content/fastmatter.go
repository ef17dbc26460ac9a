package content

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// fastYAML reads the YAML front matter almost every article has without
// building a yaml.Node tree, which costs about a tenth of a cold build: a
// flat mapping of `key: value` lines whose values are plain text, quoted
// strings with simple escapes, `true`/`false`, small decimal numbers,
// unquoted timestamps, inline lists of those, or block lists of `- item`
// lines; blank and comment lines between them. It fills the same matter as
// decodeYAML would, or gives up (ok false) on anything it does not read with
// certainty, so that the block goes through yaml.v3, which then decides
// what it means or which error to report. FuzzMatterFast holds it to that.
func fastYAML(block []byte, offset int) (m *matter, ok bool) {
	if !yamlSafe(block) {
		return nil, false
	}
	m = newMatter()
	var (
		list       string // key whose block list is being read
		listIndent = -1   // column of its "- " marks; -1 before the first item
		items      []any
		raws       []string
	)
	endList := func() bool {
		if list == "" {
			return true
		}
		if items == nil { // `key:` with nothing under it: null, left to yaml.v3
			return false
		}
		m.values[list], m.rawList[list] = items, raws
		list, listIndent, items, raws = "", -1, nil, nil
		return true
	}
	rest := string(block)
	for n := offset + 1; rest != ""; n++ {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		line = strings.TrimRight(line, " ")
		text := strings.TrimLeft(line, " ")
		if text == "" || text[0] == '#' {
			continue
		}
		indent := len(line) - len(text)
		if strings.HasPrefix(text, "- ") {
			if list == "" || listIndent >= 0 && indent != listIndent {
				return nil, false
			}
			listIndent = indent
			v, raw, ok := blockScalar(strings.TrimLeft(text[2:], " "))
			if !ok {
				return nil, false
			}
			items, raws = append(items, v), append(raws, raw)
			continue
		}
		if indent > 0 || !endList() {
			return nil, false
		}
		key, val, ok := keyLine(text)
		if !ok {
			return nil, false
		}
		if _, dup := m.lines[key]; dup {
			return nil, false
		}
		m.lines[key] = n
		switch {
		case val == "":
			list = key
		case val[0] == '[':
			items, raws, ok := flowList(val)
			if !ok {
				return nil, false
			}
			m.values[key], m.rawList[key] = items, raws
		default:
			v, raw, ok := blockScalar(val)
			if !ok {
				return nil, false
			}
			m.values[key], m.raw[key] = v, raw
		}
	}
	if !endList() {
		return nil, false
	}
	return m, true
}

// yamlSafe reports whether block holds only characters that YAML reads as
// themselves: no tabs, carriage returns or other control characters, no
// invalid UTF-8, and none of the code points YAML takes as line breaks or a
// byte-order mark.
func yamlSafe(block []byte) bool {
	for i := 0; i < len(block); {
		c := block[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(block[i:])
		switch {
		case r == utf8.RuneError && size == 1, r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff, r == 0xfffe, r == 0xffff:
			return false
		}
		i += size
	}
	return true
}

// keyLine splits a `key: value` line whose key is a plain word.
func keyLine(text string) (key, val string, ok bool) {
	i := 0
	for i < len(text) && i <= 64 && isKeyByte(text[i], i == 0) {
		i++
	}
	if i == 0 || i == len(text) || text[i] != ':' {
		return "", "", false
	}
	key, val = text[:i], text[i+1:]
	if val != "" && val[0] != ' ' {
		return "", "", false
	}
	return key, strings.TrimLeft(val, " "), true
}

func isKeyByte(c byte, first bool) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' ||
		!first && ('0' <= c && c <= '9' || c == '-')
}

// blockScalar reads a value that fills the rest of its line (no trailing
// spaces): a quoted string or a plain scalar on one line.
func blockScalar(v string) (val any, raw string, ok bool) {
	var n int
	switch v[0] {
	case '"':
		raw, n, ok = doubleQuoted(v)
	case '\'':
		raw, n, ok = singleQuoted(v)
	default:
		if strings.Contains(v, ": ") || strings.Contains(v, " #") || strings.HasSuffix(v, ":") {
			return nil, "", false
		}
		val, ok = plainValue(v)
		return val, v, ok
	}
	if !ok || n != len(v) {
		return nil, "", false
	}
	return raw, raw, true
}

// flowList reads an inline list, `[a, "b c", 'd']`, that ends its line.
// Plain items may not hold any character that could end or nest them.
func flowList(v string) (items []any, raws []string, ok bool) {
	items, raws = []any{}, []string{}
	s := strings.TrimLeft(v[1:], " ")
	if s == "" {
		return nil, nil, false
	}
	if s == "]" {
		return items, raws, true
	}
	for {
		var val any
		var raw string
		var n int
		switch s[0] {
		case '"':
			raw, n, ok = doubleQuoted(s)
			val = raw
		case '\'':
			raw, n, ok = singleQuoted(s)
			val = raw
		default:
			n = strings.IndexAny(s, ",]")
			if n < 0 || strings.ContainsAny(s[:n], "?[{}:#\"'") {
				return nil, nil, false
			}
			raw = strings.TrimRight(s[:n], " ")
			val, ok = plainValue(raw)
		}
		if !ok {
			return nil, nil, false
		}
		items, raws = append(items, val), append(raws, raw)
		s = strings.TrimLeft(s[n:], " ")
		switch {
		case s == "]":
			return items, raws, true
		case s == "" || s[0] != ',':
			return nil, nil, false
		}
		if s = strings.TrimLeft(s[1:], " "); s == "" || s[0] == ']' || s[0] == ',' {
			return nil, nil, false
		}
	}
}

// doubleQuoted reads a "…" string at the start of s that closes on its line,
// with the escapes \\ \" \n and \t only, and returns its text and the
// bytes it took.
func doubleQuoted(s string) (text string, n int, ok bool) {
	var b strings.Builder
	start := 1
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '"':
			if start == 1 {
				return s[1:i], i + 1, true
			}
			b.WriteString(s[start:i])
			return b.String(), i + 1, true
		case '\\':
			if i+1 == len(s) {
				return "", 0, false
			}
			var c byte
			switch s[i+1] {
			case '\\', '"':
				c = s[i+1]
			case 'n':
				c = '\n'
			case 't':
				c = '\t'
			default:
				return "", 0, false
			}
			b.WriteString(s[start:i])
			b.WriteByte(c)
			i++
			start = i + 1
		}
	}
	return "", 0, false
}

// singleQuoted reads a '…' string at the start of s that closes on its line;
// ” stands for one quote.
func singleQuoted(s string) (text string, n int, ok bool) {
	var b strings.Builder
	start := 1
	for i := 1; i < len(s); i++ {
		if s[i] != '\'' {
			continue
		}
		if i+1 < len(s) && s[i+1] == '\'' {
			b.WriteString(s[start : i+1])
			i++
			start = i + 1
			continue
		}
		if start == 1 {
			return s[1:i], i + 1, true
		}
		b.WriteString(s[start:i])
		return b.String(), i + 1, true
	}
	return "", 0, false
}

// plainValue resolves an unquoted scalar as yaml.v3 does (resolve.go), for
// the forms read here with certainty: text, true and false, decimal numbers
// of up to nine digits, and timestamps. Anything else is refused.
func plainValue(s string) (any, bool) {
	if s == "" {
		return nil, false
	}
	switch c := s[0]; {
	case strings.IndexByte("-?:,[]{}#&*!|>'\"%@`+~ ", c) >= 0:
		// Indicators, signs and null.
		return nil, false
	case c == '.':
		// Relative paths such as ../photo.jpg are text; yaml.v3 tries
		// .inf, .nan and then strconv.ParseFloat.
		if _, err := strconv.ParseFloat(s, 64); err == nil || strings.EqualFold(s, ".inf") || strings.EqualFold(s, ".nan") {
			return nil, false
		}
	case '0' <= c && c <= '9':
		return numberish(s)
	case strings.IndexByte("yYnNtTfFoO", c) >= 0:
		switch s {
		case "true":
			return true, true
		case "false":
			return false, true
		}
		switch strings.ToLower(s) {
		case "null", "true", "false", "yes", "no", "on", "off", "y", "n":
			return nil, false
		}
	}
	return s, true
}

// numberish resolves a plain scalar that starts with a digit. yaml.v3 tries
// a timestamp first when it starts with four digits and a dash, and falls
// back to text: no number has a dash after its fourth digit.
func numberish(s string) (any, bool) {
	if len(s) > 4 && s[4] == '-' && allDigits(s[:4]) {
		for _, layout := range yamlTimestamps {
			if t, err := time.Parse(layout, s); err == nil {
				return t, true
			}
		}
		return s, true
	}
	if allDigits(s) && len(s) <= 9 && (s[0] != '0' || len(s) == 1) {
		n := 0
		for i := 0; i < len(s); i++ {
			n = n*10 + int(s[i]-'0')
		}
		return n, true
	}
	return nil, false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// yamlTimestamps are the layouts yaml.v3 reads an unquoted timestamp with
// (allowedTimestampFormats in its resolve.go), in its order.
var yamlTimestamps = [...]string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}
