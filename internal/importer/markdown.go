package importer

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2"
)

// paragraphs writes plain-text paragraphs as Markdown. They go through the
// same converter as HTML pages, which escapes whatever Markdown would
// otherwise read as markup (a leading "1." or "#", stars, brackets), so
// the text renders exactly as it was written.
func paragraphs(paras []string) (string, error) {
	var b strings.Builder
	for _, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	md, err := htmltomarkdown.ConvertString(b.String())
	if err != nil {
		return "", fmt.Errorf("markdown: %w", err)
	}
	return tidy([]byte(md)), nil
}

// tidy trims a converted body and ends it with one newline.
func tidy(md []byte) string {
	md = bytes.TrimSpace(md)
	if len(md) == 0 {
		return ""
	}
	return string(md) + "\n"
}
