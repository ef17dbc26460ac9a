package sitemap

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"

	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// The Google News sitemap's limits: articles of the last two days, and
// at most 1,000 of them in one file.
const (
	newsWindow = 48 * time.Hour
	newsMax    = 1000
)

// Publication is what a news sitemap says of the site.
type Publication struct {
	Name     string // the site's title
	Language string // the site's language, a BCP 47 tag
}

// News is news-sitemap.xml: the articles published in the two days up to
// the newest one, newest first, at most 1,000, each with the publication,
// its date and its title, in the Google News extension. The two days end
// at the newest article rather than at the moment of the build, so the
// same digest always gives the same file; on a site that publishes every
// day the two are the same.
func News(d *digest.Digest, pub Publication, u urls.URLs) File {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">`)
	if len(d.Articles) > 0 {
		since := d.Articles[0].Date.Add(-newsWindow)
		lang := NewsLanguage(pub.Language)
		var stamp [64]byte
		for i, a := range d.Articles {
			if i == newsMax || a.Date.Before(since) {
				break
			}
			b.WriteString("\n  <url>\n    <loc>")
			escapeXML(&b, u.Abs(urls.Article(a)))
			b.WriteString("</loc>\n    <news:news>\n      <news:publication>\n        <news:name>")
			escapeXML(&b, pub.Name)
			b.WriteString("</news:name>\n        <news:language>")
			escapeXML(&b, lang)
			b.WriteString("</news:language>\n      </news:publication>\n      <news:publication_date>")
			b.Write(a.Date.AppendFormat(stamp[:0], time.RFC3339))
			b.WriteString("</news:publication_date>\n      <news:title>")
			escapeXML(&b, a.Title)
			b.WriteString("</news:title>\n    </news:news>\n  </url>")
		}
	}
	b.WriteString("\n</urlset>\n")
	return File{Name: urls.NewsSitemap, Data: b.Bytes()}
}

// NewsLanguage is a BCP 47 tag as the news sitemap wants a language: its
// ISO 639 code in lower case ("en-GB" → "en"), except Chinese, which
// keeps its script as zh-cn (simplified) or zh-tw (traditional).
func NewsLanguage(tag string) string {
	parts := strings.Split(strings.ToLower(strings.ReplaceAll(tag, "_", "-")), "-")
	if parts[0] != "zh" {
		return parts[0]
	}
	for _, p := range parts[1:] {
		switch p {
		case "hant", "tw", "hk", "mo":
			return "zh-tw"
		}
	}
	return "zh-cn"
}
