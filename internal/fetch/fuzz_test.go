package fetch

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzParseFeed: any bytes give a feed or an error, never a panic or a
// hang, and every title is plain text on one line.
func FuzzParseFeed(f *testing.F) {
	for _, seed := range []string{rssSample, atomSample, jsonSample,
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>R</title></channel><item><title>One</title><link>https://a/1</link></item></rdf:RDF>`,
		`<rss><channel><item><title><![CDATA[<b>x</b>]]></title></item></channel></rss>`,
		`<!DOCTYPE rss [<!ENTITY a "b">]><rss/>`,
		`{"version":"https://jsonfeed.org/version/1","items":[{"id":3,"title":"<i>t</i>"}]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := ParseFeed(data)
		if err != nil {
			return
		}
		for _, it := range feed.Items {
			if strings.ContainsFunc(it.Title, func(r rune) bool { return r == '\n' || unicode.IsSpace(r) && r != ' ' }) {
				t.Errorf("title %q is not one line", it.Title)
			}
			if it.Title != strings.TrimSpace(it.Title) {
				t.Errorf("title %q has spaces around it", it.Title)
			}
		}
	})
}
