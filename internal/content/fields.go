package content

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"
)

// fill reads the known front matter fields.
func (a *Article) fill(m *matter, loc *time.Location) error {
	var err error
	get := func(dst *string, key string) {
		if err == nil {
			*dst, err = m.str(key)
		}
	}
	get(&a.Title, "title")
	get(&a.Topic, "topic")
	get(&a.Summary, "summary")
	get(&a.Source, "source")
	get(&a.SourceURL, "source_url")
	get(&a.Dateline, "dateline")
	get(&a.Image, "image")
	if err != nil {
		return err
	}
	if a.SourceURL != "" && !isWebURL(a.SourceURL) {
		return m.errorf("source_url", "%q is not an http or https URL", a.SourceURL)
	}
	if a.Title == "" {
		return &LineError{Line: 1, Err: errors.New("title: missing; every article needs a title")}
	}
	if !m.has("date") {
		return &LineError{Line: 1, Err: errors.New("date: missing; every article needs a date such as " + DateExamples)}
	}
	if a.Date, err = m.date("date", loc); err != nil {
		return err
	}
	a.Updated = a.Date
	if m.has("updated") {
		if a.Updated, err = m.date("updated", loc); err != nil {
			return err
		}
		if a.Updated.Before(a.Date) {
			return m.errorf("updated", "%s is before the date %s", a.Updated.Format(time.RFC3339), a.Date.Format(time.RFC3339))
		}
	}
	if a.Tags, err = m.strs("tags"); err != nil {
		return err
	}
	a.Tags = dedupe(a.Tags)
	if a.Authors, err = m.strs("authors"); err != nil {
		return err
	}
	if m.has("author") {
		one, err := m.strs("author")
		if err != nil {
			return err
		}
		a.Authors = dedupe(append(a.Authors, one...))
	}
	if a.Draft, err = m.boolean("draft"); err != nil {
		return err
	}
	return nil
}

func (m *matter) date(key string, loc *time.Location) (time.Time, error) {
	v := m.values[key]
	if raw, ok := m.raw[key]; ok {
		if _, isStr := v.(string); isStr || isTime(v) {
			v = raw
		}
	}
	t, err := dateValue(v, loc)
	if err != nil {
		return time.Time{}, m.errorf(key, "%v", err)
	}
	return t.In(loc), nil
}

// leavesBundle reports whether a relative reference climbs out of the folder
// it is relative to.
func leavesBundle(ref string) bool {
	if ref == "" || strings.Contains(ref, ":") || strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "#") {
		return false
	}
	ref, _, _ = strings.Cut(ref, "?")
	ref, _, _ = strings.Cut(ref, "#")
	clean := path.Clean(strings.ReplaceAll(ref, `\`, "/"))
	return clean == ".." || strings.HasPrefix(clean, "../")
}

// isWebURL reports whether s is an absolute http or https URL, the only
// kind a page may link to as an article's source.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (strings.EqualFold(u.Scheme, "http") || strings.EqualFold(u.Scheme, "https")) && u.Host != ""
}

func isTime(v any) bool { _, ok := v.(time.Time); return ok }

// dedupe drops repeated names, comparing by slug, and keeps the first order.
func dedupe(names []string) []string {
	seen := map[string]bool{}
	out := names[:0]
	for _, n := range names {
		k := Slugify(n)
		if k == "" {
			k = n
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, n)
		}
	}
	return out
}

// placeIn derives the topic and slug from the file's place when the front
// matter does not give them, and refuses any that could leave the site.
func (a *Article) placeIn(file, bundle string, m *matter) error {
	rel := strings.TrimPrefix(file, Dir+"/")
	name := strings.TrimSuffix(path.Base(rel), ".md")
	dir := path.Dir(rel)
	if bundle != "" {
		name = path.Base(bundle)
		dir = path.Dir(dir)
	}
	if a.Topic == "" && dir != "." {
		a.Topic = strings.SplitN(dir, "/", 2)[0]
	}
	if a.Topic == "" {
		return &LineError{Line: 1, Err: errors.New("topic: missing; set it in the front matter or put the file in content/<topic>/")}
	}
	if a.TopicSlug = Slugify(a.Topic); a.TopicSlug == "" {
		return m.errorf("topic", "%q has no letters or digits to make a URL from", a.Topic)
	}
	for _, t := range a.Tags {
		if Slugify(t) == "" {
			return m.errorf("tags", "tag %q has no letters or digits to make a URL from", t)
		}
	}
	if m.has("slug") {
		s, err := m.str("slug")
		if err != nil {
			return err
		}
		if strings.ContainsAny(s, `/\`) || strings.Contains(s, "..") {
			return m.errorf("slug", "%q must be one URL segment: no slashes and no \"..\"", s)
		}
		if a.Slug = Slugify(s); a.Slug == "" {
			return m.errorf("slug", "%q has no letters or digits to make a URL from", s)
		}
		return nil
	}
	if a.Slug = Slugify(name); a.Slug == "" {
		a.Slug = Slugify(a.Title)
	}
	if a.Slug == "" {
		return &LineError{Line: 1, Err: fmt.Errorf("no slug: neither the file name %q nor the title has letters or digits; set slug in the front matter", name)}
	}
	return nil
}
