// Package importer turns raw scraped news pages, plain-text dumps or HTML,
// into cleaned articles ready for content/. Cleaning is pure: bytes in, an
// Article out, or a *SkipError naming why the page cannot become one; only
// Write touches the disk, and never outside the content folder it is given.
package importer

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsdigest/newsdigest/internal/content"
)

// Article is a cleaned article: the fields of its front matter and its body
// as Markdown paragraphs.
type Article struct {
	Title     string
	Date      time.Time // in the site's time zone
	Topic     string
	Dateline  string
	Authors   []string
	Source    string
	SourceURL string
	Body      string // Markdown, paragraphs separated by blank lines

	// Notes name what the page did not say and was guessed: a topic
	// filed by default, a date taken from the file's time.
	Notes []string
}

// Options tune one import.
type Options struct {
	Location   *time.Location // the site's time zone; default UTC
	Topic      string         // when set, replaces the page's own section
	SourceName string         // when set, replaces the page's own site name
	Chrome     Chrome         // lines that recur across the batch (text dumps)
	// Title and Date, when set, stand in for a page that shows none: a
	// feed gives both for the pages it links to.
	Title string
	Date  time.Time

	// DefaultTopic files a page whose section cannot be found; when
	// empty, such a page is skipped.
	DefaultTopic string
	// Languages are the page's languages as codes ("fr", "de"), for its
	// dates; when empty, a page's <html lang> says, else the text.
	Languages []string
	// FileTime dates a page that carries no date of its own, with a
	// note; when zero, such a page is skipped.
	FileTime time.Time
}

// SkipError says why a page was not imported.
type SkipError struct{ Reason string }

func (e *SkipError) Error() string { return e.Reason }

func skipf(format string, args ...any) error {
	return &SkipError{Reason: fmt.Sprintf(format, args...)}
}

// Import cleans one page. name is used only to tell HTML from text when the
// bytes alone do not.
func Import(name string, data []byte, opts Options) (*Article, error) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	var a *Article
	var err error
	if IsHTML(name, data) {
		a, err = HTML(data, opts)
	} else {
		a, err = Text(data, opts)
	}
	if err != nil {
		return nil, err
	}
	if opts.SourceName != "" {
		a.Source = opts.SourceName
	}
	if opts.Topic != "" {
		a.Topic = opts.Topic
		return a, nil
	}
	a.Topic = sectionName(a.Topic)
	if a.Topic != "" && content.Slugify(a.Topic) == "" {
		if opts.DefaultTopic == "" {
			return nil, skipf("the section %q has no Latin letters or digits to name a folder; give one with --topic", a.Topic)
		}
		a.note("the section %q has no Latin letters or digits to name a folder; filed under %s (--topic sets another)", a.Topic, opts.DefaultTopic)
		a.Topic = opts.DefaultTopic
	}
	if a.Topic == "" {
		if opts.DefaultTopic == "" {
			return nil, skipf("no section found; give one with --topic")
		}
		a.note("no section found; filed under %s (--topic sets another)", opts.DefaultTopic)
		a.Topic = opts.DefaultTopic
	}
	return a, nil
}

func (a *Article) note(format string, args ...any) {
	a.Notes = append(a.Notes, fmt.Sprintf(format, args...))
}

// maxSectionSlug bounds a topic's folder name, and so its URL segment,
// well inside any file system's limit on a name.
const maxSectionSlug = 60

// sectionName makes a page's section a topic: the first of a list of
// keywords ("Politics, Elections, Europe"), the first step of a path
// ("/world/middle_east"), written as a name when it is written as a slug
// ("front-page" is "Front page"), and cut to whole words when its name
// would make too long a folder name.
func sectionName(s string) string {
	s, _, _ = strings.Cut(s, ",")
	s, _, _ = strings.Cut(s, ";")
	s, _, _ = strings.Cut(s, "|")
	if strings.Contains(s, "/") && !strings.Contains(strings.TrimSpace(s), " ") {
		for _, step := range strings.Split(s, "/") {
			if step = strings.TrimSpace(step); step != "" {
				s = step
				break
			}
		}
	}
	if !strings.Contains(s, " ") && strings.ToLower(s) == s && strings.ContainsAny(s, "-_") {
		s = strings.NewReplacer("-", " ", "_", " ").Replace(s)
	}
	s = oneLine(s)
	if r, size := utf8.DecodeRuneInString(s); unicode.IsLower(r) && strings.ToLower(s) == s {
		s = string(unicode.ToUpper(r)) + s[size:]
	}
	for len(content.Slugify(s)) > maxSectionSlug {
		i := strings.LastIndexByte(s, ' ')
		if i < 0 {
			return cutSlug(s, maxSectionSlug)
		}
		s = s[:i]
	}
	return s
}

// IsHTML tells an HTML page from a text dump by its name, then by its first
// tag.
func IsHTML(name string, data []byte) bool {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm") {
		return true
	}
	if strings.HasSuffix(lower, ".txt") {
		return false
	}
	head := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(data, bom), " \t\r\n"))
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<article", "<!--"} {
		if bytes.HasPrefix(head, []byte(p)) {
			return true
		}
	}
	return false
}

var bom = []byte("\ufeff")

// checkText refuses bytes that are not text, and returns text in another
// encoding as UTF-8.
func checkText(data []byte) ([]byte, error) {
	if bytes.IndexByte(data, 0) >= 0 && bomName(data) == "" {
		return nil, skipf("binary file (NUL byte), not a text dump")
	}
	text, err := decodeText(data)
	if err != nil {
		return nil, skipf("unreadable text: %v", err)
	}
	return text, nil
}
