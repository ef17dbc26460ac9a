package tmplrun

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
)

// escapers are html/template's escaping functions for the contexts a news
// page has: element text, attributes, <title>, and URLs. A template that
// needs another (scripts, styles, unquoted attributes) is left to
// html/template. Each behaves exactly as html/template's function of the
// same name; FuzzEscapers compares them. This is the one place tmplrun
// knows html/template's escapers by name, names html/template does not
// promise: TestEscapersAreStillInserted checks that it still inserts each
// one, and TestDefaultThemeEscapersAreKnown that the default theme needs
// no other.
var escapers = map[string]func(arg any) string{
	"_html_template_htmlescaper": func(arg any) string {
		s, t := stringify(arg)
		if t == html {
			return s
		}
		return replace(s, &htmlTable)
	},
	"_html_template_attrescaper": func(arg any) string {
		s, t := stringify(arg)
		if t == html {
			bail() // html/template strips the tags first
		}
		return replace(s, &htmlTable)
	},
	"_html_template_rcdataescaper": func(arg any) string {
		s, t := stringify(arg)
		if t == html {
			return replace(s, &htmlNormTable)
		}
		return replace(s, &htmlTable)
	},
	"_html_template_urlfilter": func(arg any) string {
		s, t := stringify(arg)
		if t == url || safeURL(s) {
			return s
		}
		return "#ZgotmplZ"
	},
	"_html_template_urlnormalizer": func(arg any) string {
		s, _ := stringify(arg)
		return processURL(s, true)
	},
	"_html_template_urlescaper": func(arg any) string {
		s, t := stringify(arg)
		return processURL(s, t == url)
	},
}

// content is the kind of text an escaper is given: plain, or one of the
// html/template types that say the text is safe as it is.
type content uint8

const (
	plain content = iota
	html
	url
)

// stringify is html/template's for one argument. Typed content other than
// template.HTML and template.URL (CSS, JS, attributes, srcsets) is left to
// html/template.
func stringify(arg any) (string, content) {
	switch s := indirectAny(arg).(type) {
	case string:
		return s, plain
	case template.HTML:
		return string(s), html
	case template.URL:
		return string(s), url
	case template.CSS, template.HTMLAttr, template.JS, template.JSStr, template.Srcset:
		bail()
	}
	return sprint(arg), plain
}

// sprint is the rest of stringify: untyped nil prints nothing, pointers are
// followed to a Stringer, an error or a plain value.
func sprint(arg any) string {
	if arg == nil {
		return ""
	}
	v := reflect.ValueOf(arg)
	for !v.Type().Implements(stringerType) && !v.Type().Implements(errorType) && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return fmt.Sprint(v.Interface())
}

func indirectAny(a any) any {
	if a == nil {
		return nil
	}
	if t := reflect.TypeOf(a); t.Kind() != reflect.Pointer {
		return a
	}
	v := reflect.ValueOf(a)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

// The replacement tables of html/template's escapers for text and
// attributes (htmlTable) and for HTML content in RCDATA (htmlNormTable).
// Every byte they replace is ASCII, so replacing bytes is the same as
// html/template's replacing runes, invalid UTF-8 included.
var htmlTable, htmlNormTable [256]string

func init() {
	for c, r := range map[byte]string{0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"} {
		htmlTable[c] = r
		if c != '&' {
			htmlNormTable[c] = r
		}
	}
}

func replace(s string, table *[256]string) string {
	for i := 0; i < len(s); i++ {
		if table[s[i]] != "" {
			return replaceFrom(s, i, table)
		}
	}
	return s
}

func replaceFrom(s string, i int, table *[256]string) string {
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		if r := table[s[i]]; r != "" {
			b.WriteString(r)
		} else {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// safeURL is html/template's isSafeURL: a scheme, if any, is http, https
// or mailto.
func safeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		return strings.EqualFold(protocol, "http") || strings.EqualFold(protocol, "https") || strings.EqualFold(protocol, "mailto")
	}
	return true
}

// processURL percent-encodes what html/template's URL escapers encode: when
// normalizing, only bytes that cannot stand in a URL (reserved characters
// and valid %-escapes stay); when escaping, everything but the unreserved
// characters of RFC 3986.
func processURL(s string, norm bool) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if urlKeep(s, i, norm) {
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(lowerHex[c>>4])
		b.WriteByte(lowerHex[c&15])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

const lowerHex = "0123456789abcdef"

func urlKeep(s string, i int, norm bool) bool {
	c := s[i]
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '-', '.', '_', '~':
		return true
	case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
		return norm
	case '%':
		return norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
	}
	return false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
