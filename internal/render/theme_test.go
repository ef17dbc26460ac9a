package render

import (
	"bytes"
	"errors"
	"html/template"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestLayersOverride(t *testing.T) {
	site := fstest.MapFS{
		"templates/article.html":              {Data: []byte("site article")},
		"templates/partials/head.html":        {Data: []byte("site head")},
		"themes/paper/templates/article.html": {Data: []byte("theme article")},
		"themes/paper/templates/edition.html": {Data: []byte("theme edition")},
		"themes/paper/static/style.css":       {Data: []byte("theme css")},
		"themes/other/templates/index.html":   {Data: []byte("another theme")},
	}
	builtin := fstest.MapFS{
		"templates/article.html":       {Data: []byte("default article")},
		"templates/edition.html":       {Data: []byte("default edition")},
		"templates/index.html":         {Data: []byte("default index")},
		"templates/partials/head.html": {Data: []byte("default head")},
		"templates/notes.txt":          {Data: []byte("not a template")},
		"static/style.css":             {Data: []byte("default css")},
	}
	layers := Layers(site, "paper", builtin)
	var names []string
	for _, l := range layers {
		names = append(names, l.Name)
	}
	wantNames := []string{"templates", "themes/paper/templates", "(built-in) themes/default/templates"}
	if diff := cmp.Diff(wantNames, names); diff != "" {
		t.Errorf("layers (-want +got):\n%s", diff)
	}
	files, err := resolve(layers)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for name, f := range files {
		got[name] = f.shown
	}
	want := map[string]string{
		"article.html":       "templates/article.html",
		"edition.html":       "themes/paper/templates/edition.html",
		"index.html":         "(built-in) themes/default/templates/index.html",
		"partials/head.html": "templates/partials/head.html",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("templates by layer (-want +got):\n%s", diff)
	}
	if layers[1].Static == nil || layers[0].Static != nil {
		t.Errorf("static folders: site layer %v, theme layer %v; want only the theme's", layers[0].Static, layers[1].Static)
	}
}

func TestTemplateError(t *testing.T) {
	exec := func(text string) error {
		tm, err := template.New("page.html").Parse(text)
		if err != nil {
			return err
		}
		return tm.Execute(&bytes.Buffer{}, 3)
	}
	tests := []struct {
		name string
		err  error
		want TemplateError
	}{
		{"parse", exec("x\n{{if}}"), TemplateError{File: "page.html", Line: 2, Msg: "missing value for if"}},
		{"execute", exec("x\n\n{{.Foo}}"), TemplateError{File: "page.html", Line: 3, Msg: `executing "page.html" at <.Foo>: can't evaluate field Foo in type int`}},
		{"missing template", exec(`{{template "nope" .}}`), TemplateError{File: "page.html", Line: 1, Msg: `no such template "nope"`}},
		{"no line", errors.New("html/template:page.html: ends in a non-text context"), TemplateError{Msg: "page.html: ends in a non-text context"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *TemplateError
			if !errors.As(templateError(tt.err), &got) {
				t.Fatalf("templateError(%v) is not a *TemplateError", tt.err)
			}
			if diff := cmp.Diff(tt.want, *got); diff != "" {
				t.Errorf("templateError(%q) (-want +got):\n%s", tt.err, diff)
			}
		})
	}
}
