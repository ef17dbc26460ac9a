package content

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsdigest/newsdigest/internal/markdown"
	"github.com/yuin/goldmark"
)

// Dir is the folder of a site that holds the articles.
const Dir = "content"

// Options control how articles are read and which are kept.
type Options struct {
	Location *time.Location // the site's time zone
	Markdown goldmark.Markdown
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

// Load reads every article under content/ in fsys: Scan, ReadAll with
// Read, then Collect. Bad articles become Problems and the rest are
// returned; the error is only for a failure to read the tree itself or a
// cancelled context.
func Load(ctx context.Context, fsys fs.FS, opts Options) (*Result, error) {
	if opts.Markdown == nil {
		opts.Markdown = markdown.New(markdown.Options{})
	}
	files, problems, err := Scan(ctx, fsys)
	if err != nil {
		return nil, err
	}
	read, err := ReadAll(ctx, files, func(f File) (*Article, error) { return Read(fsys, f, opts) })
	if err != nil {
		return nil, err
	}
	return Collect(files, read, problems, opts), nil
}

// Outcome is what reading one file gave: its article, or why it is bad.
// An error that is fs.ErrNotExist means the file is gone since the scan.
type Outcome struct {
	Article *Article
	Err     error
}

// ReadAll calls read for every file, on every core, and returns the
// outcomes in the order of files. It stops with ctx's error once ctx is
// done.
func ReadAll(ctx context.Context, files []File, read func(File) (*Article, error)) ([]Outcome, error) {
	out := make([]Outcome, len(files))
	// Each worker takes the next file from a shared counter: handing files
	// over a channel woke a worker, through the scheduler, for every one.
	var wg sync.WaitGroup
	var next atomic.Int64
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(files)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) || ctx.Err() != nil {
					return
				}
				a, err := read(files[i])
				out[i] = Outcome{a, err}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Collect makes the result of a load from the files, the outcome of
// reading each (in the same order) and the problems the scan found: it
// leaves out drafts and future articles as opts say, refuses a second
// article on one URL, and sorts the problems.
func Collect(files []File, read []Outcome, problems []Problem, opts Options) *Result {
	// Clipped, so that appending never writes into the caller's list.
	res := &Result{Problems: problems[:len(problems):len(problems)]}
	urls := newURLs(len(files))
	for i, o := range read {
		a := o.Article
		switch {
		case errors.Is(o.Err, fs.ErrNotExist):
			// Deleted since the scan: no longer an article.
		case o.Err != nil:
			res.Problems = append(res.Problems, problemOf(files[i].Path, o.Err))
		case a.Draft && !opts.Drafts, !opts.Future && !opts.Now.IsZero() && a.Date.After(opts.Now):
			res.Skipped++
		default:
			if first := urls.claim(a); first != nil {
				res.Problems = append(res.Problems, Problem{File: a.File, Err: fmt.Errorf("same URL /%s as %s; rename one or set its slug", a.Path(), ShowPath(first.File))})
				continue
			}
			res.Articles = append(res.Articles, a)
		}
	}
	sort.SliceStable(res.Problems, func(i, j int) bool {
		if res.Problems[i].File != res.Problems[j].File {
			return res.Problems[i].File < res.Problems[j].File
		}
		return res.Problems[i].Line < res.Problems[j].Line
	})
	return res
}

// urls finds articles on the same URL. Most slugs are on one day only,
// and a map keyed by the slug alone is the cheaper to look up.
type urls struct {
	bySlug map[string]*Article // the first article with each slug
	byURL  map[urlKey]*Article // the first on each other day of a slug
}

type urlKey struct {
	day  Day
	slug string
}

func newURLs(n int) *urls {
	return &urls{bySlug: make(map[string]*Article, n), byURL: map[urlKey]*Article{}}
}

// claim returns the article that has a's URL already, or nil and records a.
func (u *urls) claim(a *Article) *Article {
	first, ok := u.bySlug[a.Slug]
	if !ok {
		u.bySlug[a.Slug] = a
		return nil
	}
	if first.Day() == a.Day() {
		return first
	}
	key := urlKey{a.Day(), a.Slug}
	if first, ok := u.byURL[key]; ok {
		return first
	}
	u.byURL[key] = a
	return nil
}

func problemOf(file string, err error) Problem {
	var le *LineError
	if errors.As(err, &le) {
		return Problem{File: file, Line: le.Line, Err: le.Err}
	}
	return Problem{File: file, Err: err}
}

// ReadSource reads an article file's bytes, refusing a file larger than
// maxBytes (0 for no limit) and a name that is not UTF-8.
func ReadSource(fsys fs.FS, f File, maxBytes int64) ([]byte, error) {
	if !utf8.ValidString(f.Path) {
		return nil, errors.New("the file name is not UTF-8; rename the file")
	}
	if maxBytes > 0 {
		info, err := fs.Stat(fsys, f.Path)
		if err != nil {
			return nil, unwrapPathError(err)
		}
		if info.Size() > maxBytes {
			return nil, fmt.Errorf("file is %d bytes, over the limit of %d (content.max_file_size)", info.Size(), maxBytes)
		}
	}
	data, err := fs.ReadFile(fsys, f.Path)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	return data, nil
}

// Read reads and parses one file found by Scan, with its bundle's files.
func Read(fsys fs.FS, f File, opts Options) (*Article, error) {
	data, err := ReadSource(fsys, f, opts.MaxBytes)
	if err != nil {
		return nil, err
	}
	a, err := Parse(f.Path, f.Bundle, data, opts)
	if err != nil {
		return nil, err
	}
	a.Assets = f.Assets
	return a, nil
}

// Parse builds an article from a file's bytes. file is its path in the site
// ("content/…"), bundle its bundle folder or "".
func Parse(file, bundle string, data []byte, opts Options) (*Article, error) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.Markdown == nil {
		opts.Markdown = markdown.New(markdown.Options{})
	}
	data = normalizeNewlines(data)
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
	a.Links = make([]markdown.Link, len(r.Links))
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
	if err := checkDepth(string(a.Body), front.BodyLine); err != nil {
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
func convert(opts Options, body []byte) (markdown.Converted, error) {
	if opts.Cache == nil {
		return markdown.Convert(opts.Markdown, body)
	}
	key := BodyKey(body)
	if c, ok := opts.Cache.Get(key); ok {
		return c, nil
	}
	c, err := markdown.Convert(opts.Markdown, body)
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
