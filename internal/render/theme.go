package render

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/newsdigest/newsdigest/internal/tmplrun"
)

// Layer is one place templates and static files come from. Layers are
// searched in order, the first holding a file wins: the site's templates/,
// then themes/<theme>/, then the embedded default theme.
type Layer struct {
	Name      string // shown in errors: "templates", "themes/x/templates", "default theme"
	Templates fs.FS  // may be nil
	Static    fs.FS  // may be nil
}

// Layers builds the lookup order for a site: its templates/ folder, its
// themes/<theme>/ folder and the embedded default theme.
func Layers(site fs.FS, theme string, builtin fs.FS) []Layer {
	var ls []Layer
	if sub, ok := subDir(site, "templates"); ok {
		ls = append(ls, Layer{Name: "templates", Templates: sub})
	}
	themeDir := path.Join("themes", theme)
	if sub, ok := subDir(site, themeDir); ok {
		l := Layer{Name: themeDir + "/templates"}
		l.Templates, _ = subDir(sub, "templates")
		l.Static, _ = subDir(sub, "static")
		ls = append(ls, l)
	}
	if builtin != nil {
		l := Layer{Name: "(built-in) themes/default/templates"}
		l.Templates, _ = subDir(builtin, "templates")
		l.Static, _ = subDir(builtin, "static")
		ls = append(ls, l)
	}
	return ls
}

func subDir(fsys fs.FS, dir string) (fs.FS, bool) {
	if fsys == nil {
		return nil, false
	}
	info, err := fs.Stat(fsys, dir)
	if err != nil || !info.IsDir() {
		return nil, false
	}
	sub, err := fs.Sub(fsys, dir)
	return sub, err == nil
}

// pageTemplates are the templates a site needs, one per kind of page.
var pageTemplates = []string{
	"index.html", "article.html", "edition.html", "topics.html", "topic.html",
	"tags.html", "tag.html", "authors.html", "author.html", "archive.html", "year.html", "month.html", "404.html", "story.html", "search.html",
}

// templateFile is a template file found in a layer.
type templateFile struct {
	name  string // the name within templates/, e.g. "partials/head.html"
	shown string // the name in errors, e.g. "templates/partials/head.html"
	fsys  fs.FS
}

// resolve lists every template file name across the layers, each taken from
// the first layer that has it.
func resolve(layers []Layer) (map[string]templateFile, error) {
	files := map[string]templateFile{}
	for _, l := range layers {
		if l.Templates == nil {
			continue
		}
		err := fs.WalkDir(l.Templates, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(p, ".html") || strings.HasPrefix(path.Base(p), ".") {
				return nil
			}
			if _, ok := files[p]; !ok {
				shown := l.Name + "/" + p
				files[p] = templateFile{name: p, shown: shown, fsys: l.Templates}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", l.Name, err)
		}
	}
	return files, nil
}

// Templates holds one parsed template set per kind of page, each parsed
// once and safe to execute from many goroutines.
type Templates struct {
	pages map[string]*template.Template
	entry map[string]string           // page → name of the template to execute
	fast  map[string]*tmplrun.Program // page → its compiled entry, if any
	// notCompiled says, for tests, why a page has no compiled entry.
	notCompiled map[string]error
	// handedBack counts the pages and partials a compiled program gave
	// back to html/template, for tests.
	handedBack atomic.Int64
	// partials holds partialCached's outputs for the render under way; a
	// Renderer renders one site at a time.
	partials atomic.Pointer[partials]
	// compiled runs the compiled programs; tests turn it off to compare
	// with html/template alone.
	compiled bool
	nesting  nesting // partialCached calls under way
}

// ParseTemplates parses baseof.html and partials/ once, then each page
// template on a clone of them. A page template that defines "main" is
// rendered through baseof.html; one that does not is rendered on its own.
func ParseTemplates(ctx context.Context, layers []Layer, funcs template.FuncMap) (*Templates, error) {
	files, err := resolve(layers)
	if err != nil {
		return nil, err
	}
	read := func(f templateFile) (string, error) {
		b, err := fs.ReadFile(f.fsys, f.name)
		if err != nil {
			return "", fmt.Errorf("%s: %w", f.shown, err)
		}
		return string(b), nil
	}
	root := template.New("").Funcs(funcs)
	var shared []string
	for name := range files {
		if name == "baseof.html" || strings.HasPrefix(name, "partials/") {
			shared = append(shared, name)
		}
	}
	sort.Strings(shared)
	for _, name := range shared {
		f := files[name]
		text, err := read(f)
		if err != nil {
			return nil, err
		}
		if _, err := root.New(f.shown).Parse(text); err != nil {
			return nil, templateError(err)
		}
	}
	ts := &Templates{pages: map[string]*template.Template{}, entry: map[string]string{}, fast: map[string]*tmplrun.Program{}, notCompiled: map[string]error{}, compiled: true}
	for _, page := range pageTemplates {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f, ok := files[page]
		if !ok {
			return nil, fmt.Errorf("template %s: not found in templates/, the theme or the default theme", page)
		}
		text, err := read(f)
		if err != nil {
			return nil, err
		}
		t, err := root.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.New(f.shown).Parse(text); err != nil {
			return nil, templateError(err)
		}
		shared := sharedNames(root, t)
		partialFast := map[string]*tmplrun.Program{}
		cached := partialCachedFunc(page, shared, t, partialFast, ts)
		t.Funcs(template.FuncMap{"partialCached": cached})
		entry := f.shown
		if t.Lookup("main") != nil {
			base, ok := files["baseof.html"]
			if !ok {
				return nil, fmt.Errorf("%s defines \"main\" but there is no baseof.html", f.shown)
			}
			entry = base.shown
		}
		ts.pages[page] = t
		ts.entry[page] = entry
		setFuncs := template.FuncMap{"partialCached": cached}
		for name, f := range funcs {
			if name != "partialCached" {
				setFuncs[name] = f
			}
		}
		ts.fast[page], ts.notCompiled[page] = compile(t, entry, setFuncs)
		for _, name := range partialNames(t) {
			if p, _ := compile(t, name, setFuncs); p != nil {
				partialFast[name] = p
			}
		}
	}
	return ts, nil
}

// compile makes the fast program of a template (see package tmplrun), or
// returns nil and why when html/template has to run it. html/template escapes a
// template on its first execution, so it is executed once here, with no
// data, where no render is under way (partialCached keeps nothing, and the
// functions have no effects), into a writer that stops it at its first
// output.
//
// A template that loops without writing ({{range 9223372036854775807}}
// {{end}}) would hold this execution for good; after compileBudget it is
// left running and the template to html/template, where the page's
// budget ends its render with an error.
func compile(set *template.Template, name string, funcs template.FuncMap) (*tmplrun.Program, error) {
	done := make(chan error, 1)
	go func() { done <- set.ExecuteTemplate(stopWriter{}, name, nil) }()
	var err error
	select {
	case err = <-done:
	case <-time.After(compileBudget):
		return nil, errCompileBudget
	}
	var escErr *template.Error
	if errors.As(err, &escErr) {
		return nil, err // the render reports it
	}
	return tmplrun.Compile(set, name, funcs)
}

// errCompileBudget says a template was left to html/template because
// escaping it took longer than compileBudget.
var errCompileBudget = errors.New("escaping took longer than the budget")

// compileBudget is how long compile waits for the execution that escapes
// a template; one with no data ends in microseconds.
const compileBudget = time.Second

// stopWriter fails every write, which ends an execution.
type stopWriter struct{}

func (stopWriter) Write([]byte) (int, error) { return 0, errStop }

var errStop = errors.New("stop")

// partialNames lists the templates the set's partialCached calls name:
// those, and only those, are run as templates of their own (a template
// only called with {{template}} may be valid only where it is called).
func partialNames(set *template.Template) []string {
	seen := map[string]bool{}
	var names []string
	for _, t := range set.Templates() {
		if t.Tree == nil {
			continue
		}
		_, cached, _ := templateCalls(t.Tree.Root)
		for _, c := range cached {
			if !seen[c] && set.Lookup(c) != nil {
				seen[c] = true
				names = append(names, c)
			}
		}
	}
	sort.Strings(names)
	return names
}

// templateError rewrites html/template's "template: name:line:col: msg" as
// "name:line: msg", the form every other error takes.
func templateError(err error) error {
	msg := err.Error()
	if m := templateErrRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		return &TemplateError{File: m[1], Line: line, Msg: m[3]}
	}
	msg = strings.TrimPrefix(strings.TrimPrefix(msg, "html/template:"), "template: ")
	return &TemplateError{Msg: msg}
}

// html/template writes "html/template:name:line:col: msg" for its own
// errors (a missing template, an ambiguous context), without the space.
var templateErrRE = regexp.MustCompile(`(?s)^(?:html/)?template: ?(.+?):(\d+):(?:\d+:)? (.*)$`)

// TemplateError is a template that does not parse or execute.
type TemplateError struct {
	File string
	Line int
	Msg  string
}

func (e *TemplateError) Error() string {
	if e.File == "" {
		return e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}
