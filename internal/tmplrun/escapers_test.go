package tmplrun

import (
	"errors"
	"html/template"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"testing"
	"text/template/parse"

	"github.com/newsdigest/newsdigest/themes"
)

// escaperProbes are templates in which html/template inserts each escaper
// of the table in escape.go, by the name tmplrun looks it up by.
var escaperProbes = map[string]string{
	"_html_template_htmlescaper":   `<p>{{.}}</p>`,
	"_html_template_attrescaper":   `<a title="{{.}}">x</a>`,
	"_html_template_rcdataescaper": `<title>{{.}}</title><textarea>{{.}}</textarea>`,
	"_html_template_urlfilter":     `<a href="{{.}}">x</a>`,
	"_html_template_urlnormalizer": `<a href="{{.}}">x</a><img src="/p/{{.}}">`,
	"_html_template_urlescaper":    `<a href="/search?q={{.}}">x</a>`,
}

// tmplrun runs an escaped tree by recognising html/template's escapers by
// name. html/template does not promise those names: if a Go release
// renames or replaces one, every template using it would be handed back
// (or, were a name reused for another function, run wrongly), so this
// test says so when the Go version changes.
func TestEscapersAreStillInserted(t *testing.T) {
	for name := range escapers {
		text, ok := escaperProbes[name]
		if !ok {
			t.Errorf("no probe for escaper %q: add a template that makes html/template insert it to escaperProbes", name)
			continue
		}
		tmpl := template.Must(template.New("probe").Parse(text))
		if err := tmpl.Execute(stopWriter{}, "x"); !errors.Is(err, errStop) {
			t.Fatalf("%s: %v", text, err)
		}
		if !escaperNames(tmpl)[name] {
			t.Errorf("html/template no longer inserts escaper %q (in %s, it inserts %v): tmplrun's table in escape.go must be updated for Go %s",
				name, text, sortedKeys(escaperNames(tmpl)), runtime.Version())
		}
	}
}

// Every escaper html/template inserts in the default theme is one tmplrun
// runs: the theme's pages are never handed back for want of one. An
// escaper missing from the table would still give the right pages, as
// Compile refuses a template calling a function it does not know and
// html/template runs it; the test makes sure of that too, so that a theme
// change that brings in such an escaper (a script or style with actions,
// an unquoted attribute) fails here with the reason, and not as a slower
// build.
func TestDefaultThemeEscapersAreKnown(t *testing.T) {
	sets := defaultThemeSets(t)
	if len(sets) == 0 {
		t.Fatal("no page templates in the default theme")
	}
	for _, s := range sets {
		for name := range escaperNames(s.set) {
			if escapers[name] != nil {
				continue
			}
			t.Errorf("%s: html/template inserts %q, which is not in tmplrun's table in escape.go: pages using it are all run by html/template", s.page, name)
			if _, err := Compile(s.set, s.entry, themeFuncs); err == nil {
				t.Errorf("%s: Compile accepted a template calling %q, which it cannot run", s.page, name)
			}
		}
	}
}

// themeFuncs stand in for package render's functions: escaping needs
// their names only.
var themeFuncs = template.FuncMap{}

func init() {
	for _, name := range []string{"url", "absURL", "date", "iso", "dayTime", "latest", "plural", "join", "partialCached", "slug", "add", "asset", "absAsset", "story", "leading", "collapse", "developing", "jsonld", "ogLocale", "author", "topic"} {
		themeFuncs[name] = func(...any) any { return nil }
	}
}

// defaultThemeSets parses the default theme as package render does, one
// set per page template on baseof.html and the partials, and escapes every
// template in each set as a template of its own (render does so for the
// entry and the partialCached ones; the others are escaped where they are
// called, in HTML text as well).
func defaultThemeSets(t *testing.T) []themeSet {
	t.Helper()
	theme, err := fs.Sub(themes.Default(), "templates")
	if err != nil {
		t.Fatal(err)
	}
	root := template.New("").Funcs(themeFuncs)
	partials, err := fs.Glob(theme, "partials/*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range append(partials, "baseof.html") {
		parseFile(t, root, theme, name)
	}
	pages, err := fs.Glob(theme, "*.html")
	if err != nil {
		t.Fatal(err)
	}
	var sets []themeSet
	for _, page := range pages {
		if page == "baseof.html" {
			continue
		}
		set, err := root.Clone()
		if err != nil {
			t.Fatal(err)
		}
		parseFile(t, set, theme, page)
		entry := page
		if set.Lookup("main") != nil {
			entry = "baseof.html"
		}
		names := []string{entry}
		for _, tt := range set.Templates() {
			names = append(names, tt.Name())
		}
		for _, name := range names {
			var escErr *template.Error
			if err := set.ExecuteTemplate(stopWriter{}, name, nil); errors.As(err, &escErr) {
				t.Fatalf("%s: escaping %s: %v", page, name, err)
			}
		}
		sets = append(sets, themeSet{page, entry, set})
	}
	return sets
}

type themeSet struct {
	page, entry string
	set         *template.Template
}

func parseFile(t *testing.T, set *template.Template, fsys fs.FS, name string) {
	t.Helper()
	text, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := set.New(path.Base(name)).Parse(string(text)); err != nil {
		t.Fatal(err)
	}
}

// escaperNames are the names of html/template's functions called in a
// set's trees.
func escaperNames(set *template.Template) map[string]bool {
	found := map[string]bool{}
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.IfNode:
			walkBranch(walk, &n.BranchNode)
		case *parse.WithNode:
			walkBranch(walk, &n.BranchNode)
		case *parse.RangeNode:
			walkBranch(walk, &n.BranchNode)
		case *parse.TemplateNode:
			if n.Pipe != nil {
				walk(n.Pipe)
			}
		case *parse.PipeNode:
			if n != nil {
				for _, c := range n.Cmds {
					walk(c)
				}
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.ChainNode:
			walk(n.Node)
		case *parse.IdentifierNode:
			if strings.HasPrefix(n.Ident, "_html_template_") {
				found[n.Ident] = true
			}
		}
	}
	for _, tt := range set.Templates() {
		if tt.Tree != nil {
			walk(tt.Tree.Root)
		}
	}
	return found
}

func walkBranch(walk func(parse.Node), b *parse.BranchNode) {
	walk(b.Pipe)
	walk(b.List)
	if b.ElseList != nil {
		walk(b.ElseList)
	}
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
