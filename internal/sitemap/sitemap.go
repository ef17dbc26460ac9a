// Package sitemap writes what crawlers read: sitemap.xml, which lists every
// page of the site with the time of the newest story it shows, and
// robots.txt, which names it. Both are made from the digest alone, so the
// same digest gives the same bytes.
package sitemap

import (
	"bytes"
	"encoding/xml"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/stories"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// Site lists the home page, every article, edition, archive, topic, tag
// and story page, with the time of the newest story each shows. It is written
// by hand, byte for byte what encoding/xml's MarshalIndent gives, since it
// is made again on every rebuild of serve and reflection made it slow.
func Site(d *digest.Digest, s *stories.Set, u urls.URLs) []byte {
	var b bytes.Buffer
	b.Grow(160 * (len(d.Articles) + len(d.Editions) + len(d.Tags) + 16))
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	var stamp [64]byte
	add := func(p string, t time.Time) {
		b.WriteString("\n  <url>\n    <loc>")
		escapeXML(&b, u.Abs(p))
		b.WriteString("</loc>")
		if !t.IsZero() {
			b.WriteString("\n    <lastmod>")
			escapeXML(&b, string(t.AppendFormat(stamp[:0], time.RFC3339)))
			b.WriteString("</lastmod>")
		}
		b.WriteString("\n  </url>")
	}
	newest := lastUpdate(d.Articles)
	add("", newest)
	for _, a := range d.Articles {
		add(urls.Article(a), a.Updated)
	}
	for _, e := range d.Editions {
		add(urls.Edition(e), lastUpdate(e.Articles))
	}
	add("archive/", newest)
	for _, y := range d.Years {
		var months []time.Time
		for _, m := range y.Months {
			var t time.Time
			for _, e := range m.Editions {
				t = later(t, lastUpdate(e.Articles))
			}
			months = append(months, t)
		}
		var yt time.Time
		for _, t := range months {
			yt = later(yt, t)
		}
		add(urls.Year(y), yt)
		for i, m := range y.Months {
			add(urls.Month(m), months[i])
		}
	}
	add("topics/", newest)
	for _, t := range d.Topics {
		add(urls.Topic(t), lastUpdate(t.Articles))
	}
	add("tags/", newest)
	for _, t := range d.Tags {
		add(urls.Tag(t), lastUpdate(t.Articles))
	}
	if s != nil {
		for _, st := range s.Stories {
			if len(st.Articles) > 1 {
				add(urls.Story(st), lastUpdate(st.Articles))
			}
		}
	}
	b.WriteString("\n</urlset>\n")
	return b.Bytes()
}

// escapeXML writes s as XML character data, escaped as encoding/xml does.
func escapeXML(b *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\'' || c == '&' || c == '<' || c == '>' {
			xml.EscapeText(b, []byte(s))
			return
		}
	}
	b.WriteString(s)
}

// lastUpdate is the latest change among articles: the newest story is not
// always the last one updated.
func lastUpdate(articles []*content.Article) time.Time {
	var t time.Time
	for _, a := range articles {
		t = later(t, a.Updated)
	}
	return t
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// Robots is the site's robots.txt: everything allowed, and the sitemap.
func Robots(u urls.URLs) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + u.Abs(urls.Sitemap) + "\n")
}
