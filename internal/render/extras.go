package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// StaticDir is the site folder copied to the output as is.
const StaticDir = "static"

// extras writes the sitemap, robots.txt, bundle assets and static files.
// It returns the number of files written.
func (r *Renderer) extras(d *digest.Digest, site fs.FS, sink output.Sink) (int, error) {
	n, _, err := r.extrasWith(d, site, sink, nil)
	return n, err
}

// extrasWith is extras with the sitemap given when it is known to be
// unchanged, else made. It also returns the sitemap written.
func (r *Renderer) extrasWith(d *digest.Digest, site fs.FS, sink output.Sink, sm []byte) (int, []byte, error) {
	n := 0
	write := func(name string, data []byte) error {
		n++
		return sink.Write(name, data)
	}
	if sm == nil {
		var err error
		if sm, err = r.sitemap(d); err != nil {
			return n, nil, err
		}
	}
	if err := write("sitemap.xml", sm); err != nil {
		return n, sm, err
	}
	robots := fmt.Sprintf("User-agent: *\nAllow: /\n\nSitemap: %s\n", r.links.Abs("sitemap.xml"))
	if err := write("robots.txt", []byte(robots)); err != nil {
		return n, sm, err
	}
	for _, a := range d.Articles {
		for _, asset := range a.Assets {
			data, err := fs.ReadFile(site, path.Join(a.Dir, asset))
			if errors.Is(err, fs.ErrNotExist) {
				continue // deleted since the articles were read: gone from the site too
			}
			if err != nil {
				return n, sm, fmt.Errorf("%s: %w", path.Join(a.Dir, asset), err)
			}
			if err := write(a.AssetPath(asset), data); err != nil {
				return n, sm, fmt.Errorf("%s: %w", path.Join(a.Dir, asset), err)
			}
		}
	}
	files, err := r.staticFiles(site)
	if err != nil {
		return n, sm, err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		src := files[name]
		data, err := fs.ReadFile(src.fsys, name)
		if err != nil {
			return n, sm, fmt.Errorf("%s/%s: %w", src.from, name, err)
		}
		if err := write(name, data); err != nil {
			return n, sm, fmt.Errorf("%s/%s: %w", src.from, name, err)
		}
	}
	return n, sm, nil
}

// vcsDirs are never published: a theme cloned into static/ must not put
// its repository on the web. Other hidden folders, such as .well-known,
// are published; hidden and temporary files are not.
var vcsDirs = map[string]bool{".git": true, ".hg": true, ".svn": true}

type staticSource struct {
	fsys fs.FS
	from string
}

// staticFiles merges the site's static/ folder over the theme layers'
// static/ folders: the first place that has a file wins.
func (r *Renderer) staticFiles(site fs.FS) (map[string]staticSource, error) {
	files := map[string]staticSource{}
	var sources []staticSource
	if sub, ok := subDir(site, StaticDir); ok {
		sources = append(sources, staticSource{sub, StaticDir})
	}
	for _, l := range r.layers {
		if l.Static != nil {
			sources = append(sources, staticSource{l.Static, l.Name + " static"})
		}
	}
	for _, src := range sources {
		err := fs.WalkDir(src.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if vcsDirs[d.Name()] {
					return fs.SkipDir
				}
				return nil
			}
			if content.Ignored(d.Name()) {
				return nil
			}
			if _, ok := files[p]; !ok {
				files[p] = src
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src.from, err)
		}
	}
	return files, nil
}

// sitemap lists the home page, every article, edition, archive, topic and
// tag page, with the time of the newest story each shows. It is written
// by hand, byte for byte what encoding/xml's MarshalIndent gives, since it
// is made again on every rebuild of serve and reflection made it slow.
func (r *Renderer) sitemap(d *digest.Digest) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(160 * (len(d.Articles) + len(d.Editions) + len(d.Tags) + 16))
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	var stamp [64]byte
	add := func(p string, t time.Time) {
		b.WriteString("\n  <url>\n    <loc>")
		escapeXML(&b, r.links.Abs(p))
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
	b.WriteString("\n</urlset>\n")
	return b.Bytes(), nil
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
