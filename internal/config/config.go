// Package config reads a site's newsdigest.toml. Every key has a default, so a
// site without the file is valid; an unknown key or a value of the wrong kind
// is an error that names the key and its line.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"time"
	"unicode"

	toml "github.com/pelletier/go-toml/v2"
)

// File is the name of the config file at the site root.
const File = "newsdigest.toml"

// DefaultBaseURL is used when the config sets none; it matches `serve`.
const DefaultBaseURL = "http://localhost:1313/"

// Config is a site's configuration after defaults are applied.
type Config struct {
	Title       string     `toml:"title"`
	Description string     `toml:"description"`
	BaseURL     string     `toml:"baseURL"`
	Language    string     `toml:"language"`
	Timezone    string     `toml:"timezone"`
	Theme       string     `toml:"theme"`
	Author      string     `toml:"author"`
	Logo        string     `toml:"logo"` // the publisher's logo: a site path ("/logo.png") or an absolute URL
	Topics      []string   `toml:"topics"`
	Paginate    int        `toml:"paginate"`
	Feeds       Feeds      `toml:"feeds"`
	Markup      Markup     `toml:"markup"`
	Content     Content    `toml:"content"`
	Stories     Stories    `toml:"stories"`
	Sources     []Source   `toml:"sources"`
	Fetch       Fetch      `toml:"fetch"`
	Deployment  Deployment `toml:"deployment"`
	Import      Import     `toml:"import"`
	Search      Search     `toml:"search"`
	// Params are the site's own values for templates, as .Site.Params.
	Params map[string]any `toml:"params"`

	// Location is Timezone, loaded.
	Location *time.Location `toml:"-"`
	// BaseURLSet tells whether BaseURL came from the file or a flag rather
	// than the default.
	BaseURLSet bool `toml:"-"`
}

// Feeds configures the feed files.
type Feeds struct {
	Items       int  `toml:"items"`
	FullContent bool `toml:"full_content"`
}

// Markup configures Markdown rendering. Unsafe trusts article bodies as
// HTML: raw HTML and javascript:, vbscript: and data: links pass as
// written in pages, since anyone who may write <script> gains nothing from
// a link. Feeds are shown on a reader's origin, so their content is
// cleaned either way. Front matter fields are escaped either way.
type Markup struct {
	Unsafe bool `toml:"unsafe"`
}

// Content configures how articles are read.
type Content struct {
	MaxFileSize string `toml:"max_file_size"`

	// MaxBytes is MaxFileSize, parsed.
	MaxBytes int64 `toml:"-"`
}

// Import configures newsdigest import.
type Import struct {
	// Topic files a page whose section cannot be found, when no --topic
	// is given.
	Topic string `toml:"topic"`
}

// Stories configures the grouping of reports of one event into stories.
type Stories struct {
	Enabled bool   `toml:"enabled"`
	Window  string `toml:"window"` // a Go duration such as "72h"
	// Lists says what editions, the front page, topic and tag pages and
	// feeds list: "stories" (one entry per story, led by its most
	// reported stories) or "articles" (one entry per article).
	Lists string `toml:"lists"`

	// WindowDuration is Window, parsed.
	WindowDuration time.Duration `toml:"-"`
}

// Search configures the search page and its index.
type Search struct {
	// Enabled writes /search/, its index and the masthead's search form.
	Enabled bool `toml:"enabled"`
}

// OnePerStory reports whether lists show one entry per story.
func (s Stories) OnePerStory() bool { return s.Enabled && s.Lists == "stories" }

// Source is a feed that fetch takes articles from.
type Source struct {
	Name  string `toml:"name"`  // written as each article's source; default the feed's title
	URL   string `toml:"url"`   // RSS, Atom or JSON Feed
	Topic string `toml:"topic"` // default Fetch.Topic
	Full  bool   `toml:"full"`  // fetch each item's page: the feed carries summaries only
}

// Fetch configures how fetch asks for pages.
type Fetch struct {
	Topic   string `toml:"topic"`    // for sources without one
	PerHost int    `toml:"per_host"` // requests at once to one host
	Delay   string `toml:"delay"`    // between two requests to one host
	Timeout string `toml:"timeout"`  // per request
	MaxSize string `toml:"max_size"` // largest feed or page read

	// DelayDuration, TimeoutDuration and MaxBytes are the values parsed.
	DelayDuration   time.Duration `toml:"-"`
	TimeoutDuration time.Duration `toml:"-"`
	MaxBytes        int64         `toml:"-"`
}

// Default returns the configuration of a site without newsdigest.toml.
func Default() *Config {
	c := &Config{
		Title:    "News Digest",
		BaseURL:  DefaultBaseURL,
		Language: "en",
		Timezone: "UTC",
		Theme:    "default",
		Paginate: 20,
		Feeds:    Feeds{Items: 50, FullContent: true},
		Content:  Content{MaxFileSize: "10MiB"},
		Stories:  Stories{Enabled: true, Window: "72h", Lists: "stories"},
		Fetch:    Fetch{Topic: "News", PerHost: 2, Delay: "1s", Timeout: "30s", MaxSize: "10MiB"},
		Import:   Import{Topic: "News"},
		Search:   Search{Enabled: true},
	}
	if err := c.finish(nil); err != nil {
		panic(err) // the defaults are valid
	}
	return c
}

// Load reads newsdigest.toml from the root of fsys. A missing file gives the
// defaults.
func Load(fsys fs.FS) (*Config, error) {
	data, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(data)
}

// Parse reads a config file's bytes.
func Parse(data []byte) (*Config, error) {
	c := Default()
	c.BaseURL = ""
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(c); err != nil {
		return nil, decodeError(err)
	}
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	} else {
		c.BaseURLSet = true
	}
	if err := c.finish(data); err != nil {
		return nil, err
	}
	return c, nil
}

// SetBaseURL overrides the base URL (the --baseURL flag).
func (c *Config) SetBaseURL(raw string) error {
	u, err := normalizeBaseURL(raw)
	if err != nil {
		return fmt.Errorf("--baseURL: %w", err)
	}
	c.BaseURL = u
	c.BaseURLSet = true
	return nil
}

// finish validates the values and fills the derived fields. data is the file,
// used to find the line of a bad value; nil for the defaults.
func (c *Config) finish(data []byte) error {
	bad := func(key string, format string, args ...any) error {
		msg := fmt.Sprintf(format, args...)
		if line := keyLine(data, key); line > 0 {
			return fmt.Errorf("%s:%d: %s: %s", File, line, key, msg)
		}
		return fmt.Errorf("%s: %s: %s", File, key, msg)
	}
	for _, kv := range [][2]string{
		{"title", c.Title}, {"description", c.Description}, {"author", c.Author}, {"logo", c.Logo},
		{"language", c.Language}, {"theme", c.Theme}, {"topics", strings.Join(c.Topics, "\n")},
		{"import.topic", c.Import.Topic},
	} {
		if r, ok := unprintable(kv[1]); ok {
			kind := "control character"
			if r > 0x9f {
				kind = "noncharacter"
			}
			return bad(kv[0], "holds the %s %U; remove it", kind, r)
		}
	}
	if key, r, ok := unprintableParam("params", c.Params); ok {
		return bad(key, "holds the control character or noncharacter %U; remove it", r)
	}
	u, err := normalizeBaseURL(c.BaseURL)
	if err != nil {
		return bad("baseURL", "%v", err)
	}
	c.BaseURL = u
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil || c.Timezone == "" || strings.EqualFold(c.Timezone, "local") {
		return bad("timezone", "unknown time zone %q (want an IANA name such as \"Europe/Paris\" or \"UTC\")", c.Timezone)
	}
	c.Location = loc
	if c.Language == "" {
		return bad("language", "must not be empty")
	}
	if c.Paginate < 1 {
		return bad("paginate", "must be at least 1, got %d", c.Paginate)
	}
	if c.Feeds.Items < 1 {
		return bad("feeds.items", "must be at least 1, got %d", c.Feeds.Items)
	}
	if c.Theme == "" || strings.ContainsAny(c.Theme, `/\`) || c.Theme == "." || c.Theme == ".." {
		return bad("theme", "must be a folder name under themes/, got %q", c.Theme)
	}
	seen := map[string]bool{}
	for _, t := range c.Topics {
		k := strings.ToLower(strings.TrimSpace(t))
		if k == "" {
			return bad("topics", "empty topic name")
		}
		if seen[k] {
			return bad("topics", "topic %q listed twice", t)
		}
		seen[k] = true
	}
	n, err := ParseSize(c.Content.MaxFileSize)
	if err != nil {
		return bad("content.max_file_size", "%v", err)
	}
	c.Content.MaxBytes = n
	w, err := time.ParseDuration(c.Stories.Window)
	if err != nil || w <= 0 {
		return bad("stories.window", "want a positive duration such as \"72h\" or \"36h30m\", got %q", c.Stories.Window)
	}
	c.Stories.WindowDuration = w
	if strings.TrimSpace(c.Import.Topic) == "" || !strings.ContainsFunc(c.Import.Topic, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return bad("import.topic", "want a topic name with a letter or digit, got %q", c.Import.Topic)
	}
	if c.Stories.Lists != "stories" && c.Stories.Lists != "articles" {
		return bad("stories.lists", "want \"stories\" or \"articles\", got %q", c.Stories.Lists)
	}
	if err := c.Fetch.finish(bad); err != nil {
		return err
	}
	if err := checkSources(c.Sources, data); err != nil {
		return err
	}
	return c.Deployment.check(data)
}

// finish checks the fetch settings and parses their values.
func (f *Fetch) finish(bad func(key, format string, args ...any) error) error {
	if f.PerHost < 1 {
		return bad("fetch.per_host", "must be at least 1, got %d", f.PerHost)
	}
	d, err := time.ParseDuration(f.Delay)
	if err != nil || d < 0 {
		return bad("fetch.delay", "want a duration such as \"1s\" or \"500ms\", got %q", f.Delay)
	}
	f.DelayDuration = d
	t, err := time.ParseDuration(f.Timeout)
	if err != nil || t <= 0 {
		return bad("fetch.timeout", "want a positive duration such as \"30s\", got %q", f.Timeout)
	}
	f.TimeoutDuration = t
	n, err := ParseSize(f.MaxSize)
	if err != nil {
		return bad("fetch.max_size", "%v", err)
	}
	f.MaxBytes = n
	if strings.TrimSpace(f.Topic) == "" {
		return bad("fetch.topic", "must not be empty")
	}
	return nil
}

// checkSources wants every source to have an http or https URL, listed
// once. An error names the line of the source's table.
func checkSources(sources []Source, data []byte) error {
	seen := map[string]bool{}
	for i, s := range sources {
		at := File
		if line := tableLine(data, "sources", i); line > 0 {
			at = fmt.Sprintf("%s:%d", File, line)
		}
		u, err := url.Parse(s.URL)
		switch {
		case s.URL == "":
			return fmt.Errorf("%s: [[sources]] number %d has no url", at, i+1)
		case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
			return fmt.Errorf("%s: sources.url: want an http or https address, got %q", at, s.URL)
		case seen[s.URL]:
			return fmt.Errorf("%s: sources.url: %q is listed twice", at, s.URL)
		}
		seen[s.URL] = true
	}
	return nil
}

// tableLine is the line of the n-th (from 0) [[name]] header, or 0.
func tableLine(data []byte, name string, n int) int {
	header := "[[" + name + "]]"
	for i, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == header {
			if n == 0 {
				return i + 1
			}
			n--
		}
	}
	return 0
}

// unprintable finds a control character other than tab and line breaks,
// which HTML forbids and XML 1.0 cannot write, or a noncharacter such as
// U+FFFF. Text in the config is shown on every page, so one is refused
// rather than quietly dropped.
func unprintable(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20 || r >= 0x7f && r <= 0x9f,
			r >= 0xfdd0 && r <= 0xfdef || r&0xfffe == 0xfffe:
			return r, true
		}
	}
	return 0, false
}

// unprintableParam finds a string under [params], at any depth, that
// holds what unprintable finds, and gives its dotted key.
func unprintableParam(key string, v any) (string, rune, bool) {
	switch v := v.(type) {
	case string:
		if r, ok := unprintable(v); ok {
			return key, r, true
		}
	case map[string]any:
		for k, x := range v {
			if at, r, ok := unprintableParam(key+"."+k, x); ok {
				return at, r, true
			}
		}
	case []any:
		for _, x := range v {
			if at, r, ok := unprintableParam(key, x); ok {
				return at, r, true
			}
		}
	}
	return "", 0, false
}

func normalizeBaseURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("not a URL: %q", raw)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "", fmt.Errorf("want an absolute http(s) URL such as \"https://example.com/news/\", got %q", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("must not have a query or fragment: %q", raw)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	return u.String(), nil
}

// ParseSize reads a byte count such as "10MiB", "512KiB", "1GiB" or "2048".
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		n      int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t = strings.TrimSpace(strings.TrimSuffix(t, u.suffix))
			mult = u.n
			break
		}
	}
	var n int64
	if _, err := fmt.Sscanf(t, "%d", &n); err != nil || n <= 0 || fmt.Sprint(n) != t {
		return 0, fmt.Errorf("want a positive size such as \"10MiB\", got %q", s)
	}
	return n * mult, nil
}

// decodeError turns a go-toml error into one that names the key and line.
func decodeError(err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) && len(strict.Errors) > 0 {
		msgs := make([]string, 0, len(strict.Errors))
		for _, e := range strict.Errors {
			row, _ := e.Position()
			msgs = append(msgs, fmt.Sprintf("%s:%d: unknown key %q", File, row, strings.Join(e.Key(), ".")))
		}
		return errors.New(strings.Join(msgs, "\n"))
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		key := strings.Join(de.Key(), ".")
		if key != "" {
			return fmt.Errorf("%s:%d: %s: %s", File, row, key, de.Error())
		}
		return fmt.Errorf("%s:%d: %s", File, row, de.Error())
	}
	return fmt.Errorf("%s: %w", File, err)
}

// keyLine finds the line that assigns a dotted key ("feeds.items"), for
// errors found after decoding: under its table's header, as a dotted key,
// or quoted. It returns 0 when data is nil or the key is not written.
func keyLine(data []byte, key string) int {
	table := ""
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			header, _, _ := strings.Cut(line, "#")
			table = dottedKey(strings.Trim(strings.TrimSpace(header), "[]"))
			continue
		}
		k, _, ok := strings.Cut(line, "=")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		full := dottedKey(k)
		if table != "" {
			full = table + "." + full
		}
		if full == key {
			return i + 1
		}
	}
	return 0
}

// dottedKey writes a TOML key as written ("feeds . \"items\"") plainly
// ("feeds.items").
func dottedKey(k string) string {
	parts := strings.Split(k, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}
