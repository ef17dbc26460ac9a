package content

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
)

// Dir is the folder of a site that holds the articles.
const Dir = "content"

// Options control Load.
type Options struct {
	Location *time.Location // the site's time zone
	Markdown goldmark.Markdown
	Parsed   *ParseCache
	MaxBytes int64     // larger files are refused; 0 means no limit
	Drafts   bool      // keep drafts
	Future   bool      // keep articles dated after Now
	Now      time.Time // the moment that decides what is future
	Cache    BodyCache // converted bodies from earlier builds; may be nil
}

// Problem is a bad article: the file, the line (0 when the whole file is at
// fault) and what is wrong.
type Problem struct {
	File string
	Line int
	Err  error
}

func (p Problem) Error() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", ShowPath(p.File), p.Line, p.Err)
	}
	return fmt.Sprintf("%s: %v", ShowPath(p.File), p.Err)
}

// ShowPath is a file name as a message prints it: quoted, Go style, when it
// holds bytes that are not UTF-8 or control characters such as a newline,
// which would garble a path:line: message line.
func ShowPath(name string) string {
	if utf8.ValidString(name) && strings.IndexFunc(name, unicode.IsControl) < 0 {
		return name
	}
	return strconv.Quote(name)
}

func (p Problem) Unwrap() error { return p.Err }

// Result is what Load found.
type Result struct {
	Articles []*Article // sorted by File; drafts and future articles left out
	Problems []Problem  // sorted by File, then Line
	Skipped  int        // drafts and future articles left out
}

// Load reads every article under content/ in fsys. Bad articles become
// Problems and the rest are returned; the error is only for a failure to
// read the tree itself or a cancelled context.
func Load(ctx context.Context, fsys fs.FS, opts Options) (*Result, error) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.Markdown == nil {
		opts.Markdown = NewMarkdown(false)
	}
	files, problems, err := scan(fsys)
	if err != nil {
		return nil, err
	}
	type outcome struct {
		a    *Article
		prob *Problem
		skip bool
	}
	out := make([]outcome, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				a, err := readArticle(fsys, files[i], opts)
				switch {
				case errors.Is(err, fs.ErrNotExist):
					// Deleted since the scan: no longer an article.
				case err != nil:
					p := problemOf(files[i].file, err)
					out[i].prob = &p
				case a.Draft && !opts.Drafts, !opts.Future && !opts.Now.IsZero() && a.Date.After(opts.Now):
					out[i].skip = true
				default:
					out[i].a = a
				}
			}
		}()
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if opts.Parsed != nil {
		opts.Parsed.keep(files)
	}
	res := &Result{Problems: problems}
	byURL := map[string]*Article{}
	for _, o := range out {
		switch {
		case o.prob != nil:
			res.Problems = append(res.Problems, *o.prob)
		case o.skip:
			res.Skipped++
		case o.a != nil:
			if first, dup := byURL[o.a.Path()]; dup {
				res.Problems = append(res.Problems, Problem{File: o.a.File, Err: fmt.Errorf("same URL /%s as %s; rename one or set its slug", o.a.Path(), ShowPath(first.File))})
				continue
			}
			byURL[o.a.Path()] = o.a
			res.Articles = append(res.Articles, o.a)
		}
	}
	sort.SliceStable(res.Problems, func(i, j int) bool {
		if res.Problems[i].File != res.Problems[j].File {
			return res.Problems[i].File < res.Problems[j].File
		}
		return res.Problems[i].Line < res.Problems[j].Line
	})
	return res, nil
}

func problemOf(file string, err error) Problem {
	var le *LineError
	if errors.As(err, &le) {
		return Problem{File: file, Line: le.Line, Err: le.Err}
	}
	return Problem{File: file, Err: err}
}

// source is one article file found by scan.
type source struct {
	file   string   // "content/business/grocers.md"
	bundle string   // the bundle folder, for index.md files
	assets []string // bundle files, relative to bundle
}

// scan lists the article files in sorted order. Hidden files and folders and
// editor leftovers are ignored. Files inside a bundle (a folder with
// index.md) belong to it and are not articles of their own.
func scan(fsys fs.FS) ([]source, []Problem, error) {
	var files []string
	var problems []Problem
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == Dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			problems = append(problems, Problem{File: p, Err: unwrapPathError(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != Dir && Ignored(path.Base(p)) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// A link loop or a dangling link would otherwise vanish quietly
			// (or, for a .md name, fail later with a vaguer message).
			if _, err := fs.Stat(fsys, p); err != nil {
				problems = append(problems, Problem{File: p, Err: fmt.Errorf("symbolic link cannot be followed: %w", unwrapPathError(err))})
				return nil
			}
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(files)
	bundles := map[string]int{} // bundle folder → index in out
	var out []source
	for _, f := range files {
		if path.Base(f) == "index.md" && path.Dir(f) != Dir {
			bundles[path.Dir(f)] = len(out)
			out = append(out, source{file: f, bundle: path.Dir(f)})
		}
	}
	for _, f := range files {
		if b, ok := bundleOf(f, bundles); ok {
			if f != out[bundles[b]].file {
				out[bundles[b]].assets = append(out[bundles[b]].assets, strings.TrimPrefix(f, b+"/"))
			}
			continue
		}
		if strings.HasSuffix(f, ".md") {
			out = append(out, source{file: f})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].file < out[j].file })
	return out, problems, nil
}

// bundleOf finds the bundle folder that holds f, if any.
func bundleOf(f string, bundles map[string]int) (string, bool) {
	for d := path.Dir(f); d != Dir && d != "." && d != "/"; d = path.Dir(d) {
		if _, ok := bundles[d]; ok {
			return d, true
		}
	}
	return "", false
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Ignored reports whether a file or folder name is hidden or an editor's
// temporary file, never content.
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") || name == "4913"
}

// readArticle reads and parses one file.
func readArticle(fsys fs.FS, src source, opts Options) (*Article, error) {
	if !utf8.ValidString(src.file) {
		return nil, errors.New("the file name is not UTF-8; rename the file")
	}
	if opts.MaxBytes > 0 {
		info, err := fs.Stat(fsys, src.file)
		if err != nil {
			return nil, unwrapPathError(err)
		}
		if info.Size() > opts.MaxBytes {
			return nil, fmt.Errorf("file is %d bytes, over the limit of %d (content.max_file_size)", info.Size(), opts.MaxBytes)
		}
	}
	data, err := fs.ReadFile(fsys, src.file)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	var a *Article
	if opts.Parsed != nil {
		a, err = opts.Parsed.parse(src, data, opts)
	} else {
		a, err = Parse(src.file, src.bundle, data, opts)
	}
	if err != nil {
		return nil, err
	}
	a.Assets = src.assets
	return a, nil
}

// Parse builds an article from a file's bytes. file is its path in the site
// ("content/…"), bundle its bundle folder or "".
func Parse(file, bundle string, data []byte, opts Options) (*Article, error) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.Markdown == nil {
		opts.Markdown = NewMarkdown(false)
	}
	if err := checkText(data); err != nil {
		return nil, err
	}
	front, err := Split(data)
	if err != nil {
		return nil, err
	}
	if err := checkBody(front.Body, front.BodyLine); err != nil {
		return nil, err
	}
	m, err := decodeMatter(front)
	if err != nil {
		return nil, err
	}
	a := &Article{File: file, Dir: bundle, Params: m.values}
	if err := a.fill(m, opts.Location); err != nil {
		return nil, err
	}
	if err := a.placeIn(file, bundle, m); err != nil {
		return nil, err
	}
	r, err := convert(opts, front.Body)
	if err != nil {
		return nil, &LineError{Line: front.BodyLine, Err: fmt.Errorf("markdown: %w", err)}
	}
	a.Body = template.HTML(r.HTML)
	a.Words = r.Words
	a.ReadingTime = max(1, (r.Words+199)/200)
	a.Links = make([]Link, len(r.Links))
	for i, l := range r.Links {
		l.Line += front.BodyLine
		a.Links[i] = l
	}
	if a.Summary == "" {
		a.Summary = Summarize(r.FirstPara, 300)
	}
	for _, l := range a.Links {
		if l.Image && leavesBundle(l.Dest) {
			return nil, &LineError{Line: l.Line, Err: fmt.Errorf("image %q leaves the article's folder; put the image in the bundle or give a full URL", l.Dest)}
		}
	}
	if err := checkDepth([]byte(a.Body), front.BodyLine); err != nil {
		return nil, err
	}
	if strings.Contains(a.Image, ":") && !isWebURL(a.Image) {
		return nil, m.errorf("image", "%q is not a file in the bundle, a path from the site root or an http(s) URL", a.Image)
	}
	if leavesBundle(a.Image) {
		return nil, m.errorf("image", "%q leaves the article's folder; put the image in the bundle or give a full URL", a.Image)
	}
	return a, nil
}

// convert converts a body, through the cache when there is one.
func convert(opts Options, body []byte) (Converted, error) {
	if opts.Cache == nil {
		return Convert(opts.Markdown, body)
	}
	key := BodyKey(body)
	if c, ok := opts.Cache.Get(key); ok {
		return c, nil
	}
	c, err := Convert(opts.Markdown, body)
	if err == nil {
		opts.Cache.Put(key, c)
	}
	return c, err
}

// checkText refuses files that are not UTF-8 text, naming the line.
func checkText(data []byte) error {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return &LineError{Line: 1 + bytes.Count(data[:i], []byte("\n")), Err: errors.New("binary file (NUL byte): articles must be UTF-8 text")}
	}
	if utf8.Valid(data) {
		return nil
	}
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return &LineError{Line: line, Err: fmt.Errorf("invalid UTF-8 (byte 0x%02x): articles must be UTF-8", data[i])}
		}
		if r == '\n' {
			line++
		}
		i += size
	}
	return nil
}

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
		return &LineError{Line: 1, Err: errors.New("date: missing; every article needs a date such as 2006-01-02T15:04:05-07:00")}
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
