// Package content reads a site's articles: Scan lists the files under
// content/ in an fs.FS, Read splits each into front matter and body and
// converts the body once (package markdown), and Collect keeps the
// articles a build shows, with every problem found, each naming its file
// and line. Load is the three in a row. It only reads, and never panics on
// bad input.
package content

import (
	"fmt"
	"html/template"
	"path"
	"time"

	"github.com/newsdigest/newsdigest/internal/markdown"
)

// Article is one story, ready for grouping and rendering.
type Article struct {
	// File is the article's path in the site, e.g. "content/business/grocers.md".
	File string
	// Dir is the bundle folder ("content/business/grocers") when the article
	// is a bundle's index.md, else "".
	Dir string

	Title     string
	Date      time.Time // in the site's time zone
	Updated   time.Time // Date when the front matter gives no update
	Topic     string    // as written
	TopicSlug string
	Tags      []string
	Summary   string // plain text
	Authors   []string
	Source    string
	SourceURL string
	Dateline  string
	Slug      string
	Image     string // as written: relative to the bundle, or a URL
	Draft     bool
	Params    map[string]any // every front matter key, known or not

	Body        template.HTML // the rendered Markdown
	Words       int
	ReadingTime int // minutes, at least 1
	Links       []markdown.Link

	// Assets are the bundle's other files, as paths relative to Dir.
	Assets []string
}

// Day is a calendar day in the site's time zone.
type Day struct {
	Year  int
	Month time.Month
	Day   int
}

// DayOf returns the calendar day of t in t's location.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	return Day{y, m, d}
}

// Path is the day's URL path, e.g. "2025/01/06/".
func (d Day) Path() string {
	y, m := d.Year, int(d.Month)
	if y < 0 || y > 9999 || m < 1 || m > 12 || d.Day < 1 || d.Day > 31 {
		return fmt.Sprintf("%04d/%02d/%02d/", y, m, d.Day)
	}
	// Every link to an article or an edition starts with this; Sprintf was
	// a good part of making one.
	b := [11]byte{
		byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '/',
		byte('0' + m/10), byte('0' + m%10), '/',
		byte('0' + d.Day/10), byte('0' + d.Day%10), '/',
	}
	return string(b[:])
}

// Before orders days.
func (d Day) Before(o Day) bool {
	if d.Year != o.Year {
		return d.Year < o.Year
	}
	if d.Month != o.Month {
		return d.Month < o.Month
	}
	return d.Day < o.Day
}

// Time is midnight of the day in loc.
func (d Day) Time(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// Day is the article's calendar day in the site's time zone.
func (a *Article) Day() Day { return DayOf(a.Date) }

// Path is the article's URL path relative to the site root, e.g.
// "2025/01/06/grocers-smaller-stores/".
func (a *Article) Path() string { return a.Day().Path() + a.Slug + "/" }

// AssetPath is the output path of one of the article's bundle files.
func (a *Article) AssetPath(asset string) string { return path.Join(a.Path(), asset) }
