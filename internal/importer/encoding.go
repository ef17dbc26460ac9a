package importer

import (
	"bytes"
	"mime"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// decodeHTML returns a page's bytes as UTF-8. The page's own word decides,
// in this order: a byte-order mark; a <meta charset> or http-equiv
// Content-Type anywhere in the head, not only in the first 1024 bytes a
// browser looks at; bytes that are valid UTF-8; and last the detection of
// golang.org/x/net/html/charset. A page that declares another encoding
// but whose bytes are valid UTF-8 with characters beyond ASCII was saved
// again as UTF-8 by its scraper: read as declared it would be mojibake,
// so it is read as UTF-8.
func decodeHTML(data []byte) ([]byte, error) {
	if e, _ := charset.Lookup(bomName(data)); e != nil {
		return decodeWith(e, data)
	}
	if name := declaredCharset(data); name != "" {
		if e, canonical := charset.Lookup(name); e != nil {
			if canonical == "utf-8" || !(utf8.Valid(data) && hasMultibyte(data)) {
				return decodeWith(e, data)
			}
		}
	}
	if utf8.Valid(data) {
		return data, nil
	}
	e, _, _ := charset.DetermineEncoding(data, "text/html")
	return decodeWith(e, data)
}

// decodeText returns a text dump's bytes as UTF-8: after a byte-order
// mark, as UTF-8 when they are, else as charset detection reads them.
func decodeText(data []byte) ([]byte, error) {
	if e, _ := charset.Lookup(bomName(data)); e != nil {
		return decodeWith(e, data)
	}
	if utf8.Valid(data) {
		return data, nil
	}
	e, _, _ := charset.DetermineEncoding(data, "text/plain")
	return decodeWith(e, data)
}

func bomName(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return "utf-8"
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return "utf-16be"
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return "utf-16le"
	}
	return ""
}

func decodeWith(e encoding.Encoding, data []byte) ([]byte, error) {
	if e == encoding.Nop {
		return data, nil
	}
	// The BOM override strips a byte-order mark and honours it over e.
	out, _, err := transform.Bytes(unicode.BOMOverride(e.NewDecoder()), data)
	return out, err
}

func hasMultibyte(data []byte) bool {
	for _, b := range data {
		if b >= 0x80 {
			return true
		}
	}
	return false
}

// declaredCharset returns the charset a page's head declares, through
// <meta charset> or <meta http-equiv="Content-Type" content="…">, or "".
// It reads tags only up to the end of the head or the first tag of the
// body.
func declaredCharset(data []byte) string {
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "head" {
				return ""
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body", "article", "main", "p", "div":
				return ""
			case "meta":
				if !hasAttr {
					continue
				}
				var cs, equiv, content string
				for more := true; more; {
					var k, v []byte
					k, v, more = z.TagAttr()
					switch string(bytes.ToLower(k)) {
					case "charset":
						cs = string(v)
					case "http-equiv":
						equiv = string(bytes.ToLower(v))
					case "content":
						content = string(v)
					}
				}
				if cs != "" {
					return cs
				}
				if equiv == "content-type" {
					if _, params, err := mime.ParseMediaType(content); err == nil && params["charset"] != "" {
						return params["charset"]
					}
				}
			}
		}
	}
}
