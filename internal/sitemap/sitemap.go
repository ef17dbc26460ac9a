// Package sitemap writes what crawlers read: sitemap.xml, which lists every
// page of the site with the time of the newest story it shows (an index of
// parts once the site outgrows one file); news-sitemap.xml, the last two
// days' articles in the Google News extension; and robots.txt, which names
// both. They are made from the digest alone, so the same digest gives the
// same bytes.
package sitemap

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/stories"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// The protocol's limits for one sitemap file.
const (
	maxURLs  = 50000
	maxBytes = 50 << 20
)

// File is one file of the sitemap: its site path and bytes.
type File struct {
	Name string
	Data []byte
}

// Files lists the home page, every article, edition, archive, topic, tag,
// author and story page, with the time of the newest story each shows, in
// sitemap.xml. A site of more pages than one file may hold (50,000 URLs or
// 50 MB) gets a sitemap index in sitemap.xml and its parts in
// sitemap-1.xml, sitemap-2.xml and so on. The files are written by hand,
// byte for byte what encoding/xml's MarshalIndent gives, since serve makes
// them again on rebuilds and reflection made them slow.
func Files(d *digest.Digest, s *stories.Set, u urls.URLs) []File {
	var parts []part
	w := &writer{u: u}
	w.start()
	n := 0
	for _, e := range entries(d, s) {
		if n == maxURLs || w.b.Len() > maxBytes-4096 {
			parts = append(parts, w.finish())
			w = &writer{u: u}
			w.start()
			n = 0
		}
		w.add(e.path, e.t)
		n++
	}
	parts = append(parts, w.finish())
	if len(parts) == 1 {
		return []File{{Name: urls.Sitemap, Data: parts[0].data}}
	}
	return index(parts, u)
}

type entry struct {
	path string
	t    time.Time
}

// entries lists every page with the time of the newest story it shows.
func entries(d *digest.Digest, s *stories.Set) []entry {
	out := make([]entry, 0, len(d.Articles)+len(d.Editions)+len(d.Tags)+16)
	add := func(p string, t time.Time) { out = append(out, entry{p, t}) }
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
		var yt time.Time
		for _, m := range y.Months {
			var t time.Time
			for _, e := range m.Editions {
				t = later(t, lastUpdate(e.Articles))
			}
			months = append(months, t)
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
	if len(d.Authors) > 0 {
		add("authors/", newest)
	}
	for _, a := range d.Authors {
		add(urls.Author(a), lastUpdate(a.Articles))
	}
	for _, st := range s.All() {
		if len(st.Articles) > 1 {
			add(urls.Story(st), lastUpdate(st.Articles))
		}
	}
	return out
}

// writer writes one <urlset>.
type writer struct {
	u      urls.URLs
	b      bytes.Buffer
	newest time.Time
	stamp  [64]byte
}

// part is one finished <urlset> and the newest time in it.
type part struct {
	data   []byte
	newest time.Time
}

func (w *writer) start() {
	w.b.WriteString(xml.Header)
	w.b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
}

func (w *writer) add(p string, t time.Time) {
	w.b.WriteString("\n  <url>\n    <loc>")
	escapeXML(&w.b, w.u.Abs(p))
	w.b.WriteString("</loc>")
	if !t.IsZero() {
		w.b.WriteString("\n    <lastmod>")
		escapeXML(&w.b, string(t.AppendFormat(w.stamp[:0], time.RFC3339)))
		w.b.WriteString("</lastmod>")
		w.newest = later(w.newest, t)
	}
	w.b.WriteString("\n  </url>")
}

func (w *writer) finish() part {
	w.b.WriteString("\n</urlset>\n")
	return part{data: w.b.Bytes(), newest: w.newest}
}

// index writes the parts as sitemap-N.xml and sitemap.xml as their index.
func index(parts []part, u urls.URLs) []File {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	files := []File{{Name: urls.Sitemap}}
	for i, p := range parts {
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		files = append(files, File{Name: name, Data: p.data})
		b.WriteString("\n  <sitemap>\n    <loc>")
		escapeXML(&b, u.Abs(name))
		b.WriteString("</loc>")
		if !p.newest.IsZero() {
			b.WriteString("\n    <lastmod>" + p.newest.Format(time.RFC3339) + "</lastmod>")
		}
		b.WriteString("\n  </sitemap>")
	}
	b.WriteString("\n</sitemapindex>\n")
	files[0].Data = b.Bytes()
	return files
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

// Robots is the site's robots.txt: everything allowed, and both sitemaps.
func Robots(u urls.URLs) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + u.Abs(urls.Sitemap) + "\nSitemap: " + u.Abs(urls.NewsSitemap) + "\n")
}
