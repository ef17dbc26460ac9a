package tmplrun

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strings"
	"testing"
	"time"
)

type story struct {
	Title   string
	Tags    []string
	Date    time.Time
	Body    template.HTML
	Link    template.URL
	Next    *story
	Params  map[string]any
	Count   int
	Score   float64
	Flag    bool
	Any     any
	private string
}

func (s *story) Upper() string           { return strings.ToUpper(s.Title) }
func (s story) Words() int               { return len(strings.Fields(s.Title)) }
func (s *story) Fails() (string, error)  { return "", errors.New("no") }
func (s *story) Suffix(x string) string  { return s.Title + x }
func (s *story) Pair() (string, string)  { return "a", "b" }
func (s *story) Err() error              { return nil }
func (s *story) String() string          { return "story:" + s.Title }
func (s *story) Panics() string          { panic("boom") }
func (s *story) Many(a, b string) string { return a + b }

type named string

type tags []string

var testFuncs = template.FuncMap{
	"upper": strings.ToUpper,
	"join":  func(list []string, sep string) string { return strings.Join(list, sep) },
	"add":   func(a, b int) int { return a + b },
	"link":  func(v any) (string, error) { return fmt.Sprintf("/x/%v/", v), nil },
	"bad":   func(v any) (string, error) { return "", errors.New("bad link") },
	"date":  func(layout string, t time.Time) string { return t.Format(layout) },
	"iso":   func(t time.Time) string { return t.Format(time.RFC3339) },
	"html2": func(s string) template.HTML { return template.HTML("<b>" + s + "</b>") },
	"pair":  func(a int, b string) string { return fmt.Sprint(a, b) },
	"boom":  func() string { panic("boom") },
	"named": func() named { return "named<" },
	"tags":  func() tags { return tags{"x", "y"} },
	"nilp":  func() *story { return nil },
	"url2":  func(s string) template.URL { return template.URL(s) },
	"any":   func(v any) any { return v },
}

func testData() *story {
	next := &story{Title: "Older & wiser", Count: 2}
	return &story{
		Title:  `Floods <in> "Millbrook" & 'Ashford' +1`,
		Tags:   []string{"weather", "rivers & lakes", "<b>"},
		Date:   time.Date(2026, 3, 4, 5, 6, 7, 0, time.FixedZone("X", 3600)),
		Body:   "<p>Safe <em>HTML</em></p>",
		Link:   "javascript:trusted()",
		Next:   next,
		Params: map[string]any{"summary": "Short <one>", "n": 3, "list": []any{"a", 2}, "nested": map[string]any{"k": "v"}},
		Count:  7,
		Score:  1.5,
		Flag:   true,
		Any:    "inner",
		// Unexported: a template that reads it is left to html/template.
		private: "hidden",
	}
}

// cases are templates, each run on testData by html/template and by a
// Program. fast says the Program must run it itself (not hand it back).
var cases = []struct {
	name, text string
	fast       bool
}{
	{"text", `<p>{{.Title}}</p>`, true},
	{"attr", `<a title="{{.Title}}" class="k-{{.Count}}">x</a>`, true},
	{"href", `<a href="{{.Title}}">x</a><a href="/s?q={{.Title}}&amp;t={{.Count}}">y</a>`, true},
	{"href safe url", `<a href="{{.Link}}">x</a><a href="/p?q={{.Link}}">y</a>`, true},
	{"href bad scheme", `<a href="{{index .Tags 0}}:x">x</a><a href="{{printf "JavaScript:%s" .Title}}">y</a>`, true},
	{"html", `<div>{{.Body}}</div>`, true},
	{"html in attr", `<a title="{{.Body}}">x</a>`, false},
	{"html in title", `<title>{{.Body}} {{.Title}}</title>`, true},
	{"textarea", `<textarea>{{.Title}}</textarea>`, true},
	{"script", `<script>var t = {{.Title}};</script>`, false},
	{"style attr", `<p style="color: {{.Title}}">x</p>`, false},
	{"unquoted attr", `<a title={{.Title}}>x</a>`, false},
	{"fields chain", `{{.Next.Title}} {{.Next.Count}} {{.Next.Next}}`, true},
	{"nil chain", `{{.Next.Next.Title}}`, false},
	{"methods", `{{.Upper}} {{.Words}} {{.Next.Upper}} {{.}}`, true},
	{"method error", `{{.Fails}}`, false},
	{"method panic", `{{.Panics}}`, false},
	{"method piped", `{{"!" | .Suffix}}`, true},
	{"method args", `{{.Suffix "!"}}`, false},
	{"method two args", `{{.Many "a" "b"}}`, false},
	{"bad method results", `{{.Pair}}`, false},
	{"unexported", `{{.private}}`, false},
	{"no field", `{{.Nope}}`, false},
	{"map", `{{.Params.summary}} {{.Params.n}} {{.Params.missing}} {{.Params.nested.k}} {{.Params.list}}`, true},
	{"map index", `{{index .Params "summary"}} {{index .Params "nope"}} {{index .Tags 1}} {{index .Params.list 1}}`, true},
	{"index out of range", `{{index .Tags 5}}`, false},
	{"interface field", `{{.Any}} {{with .Any}}{{.}}{{end}}`, true},
	{"numbers", `{{.Count}} {{.Score}} {{.Flag}} {{1}} {{-2}} {{true}}`, true},
	{"float constant", `{{1.5}} {{1e3}} {{0x10}} {{'a'}}`, false},
	{"string constant", `{{"a<b"}} {{"x" | upper}}`, true},
	{"date", `<time datetime="{{iso .Date}}">{{date "Monday 2 January 2006, 15:04 MST" .Date}}</time>`, true},
	{"funcs", `{{upper .Title}} {{join .Tags ", "}} {{add .Count 3}} {{link .Count}} {{link .Next}} {{pair 1 "x"}}`, true},
	{"func error", `{{bad .}}`, false},
	{"func panic", `{{boom}}`, false},
	{"func returns html", `{{html2 .Title}} <a title="{{html2 "x"}}">y</a>`, false},
	{"func returns html text", `{{html2 .Title}}`, true},
	{"named string", `{{named}} <a href="/{{named}}">x</a>`, true},
	{"named slice", `{{join tags "-"}}`, true},
	{"nil pointer value", `{{nilp}}|{{with nilp}}yes{{else}}no{{end}}`, true},
	{"url content", `<a href="{{url2 "javascript:x()"}}">x</a> <a href="/{{url2 "a b%20c"}}">y</a>`, true},
	{"any func", `{{any .Title}} {{any nil}} {{any 3}}`, true},
	{"if else", `{{if .Flag}}yes{{else}}no{{end}} {{if .Params.missing}}yes{{else if .Count}}count{{end}}`, true},
	{"with else with", `{{with .Params.missing}}a{{else with .Next}}{{.Title}}{{else}}c{{end}}`, true},
	{"range", `{{range .Tags}}<li>{{.}}</li>{{end}}`, true},
	{"range index", `{{range $i, $t := .Tags}}{{$i}}={{$t}};{{end}}`, true},
	{"range else", `{{range .Next.Tags}}x{{else}}none{{end}}`, true},
	{"range break continue", `{{range $i, $t := .Tags}}{{if eq $i 1}}{{continue}}{{end}}{{if eq $i 2}}{{break}}{{end}}{{$t}}{{end}}`, true},
	{"break in range else", `{{range .Tags}}{{range $.Next.Tags}}{{else}}{{break}}x{{end}}{{.}};{{end}}`, true},
	{"continue in range else", `{{range .Tags}}{{range $.Next.Tags}}{{else}}{{continue}}x{{end}}{{.}};{{end}}`, true},
	{"range int", `{{range 3}}{{.}}{{end}}{{range $x := .Count}}{{$x}}{{end}}`, true},
	{"range map", `{{range $k, $v := .Params}}{{$k}}{{end}}`, false},
	{"range assign", `{{$x := ""}}{{range $x = .Tags}}{{end}}{{$x}}`, true},
	{"variables", `{{$t := .Title}}{{$n := 1}}{{$n = add $n 2}}{{$t}} {{$n}} {{$.Count}} {{with .Next}}{{$.Title}}{{$t}}{{end}}`, true},
	{"variable scope", `{{if true}}{{$a := 1}}{{$a}}{{end}}{{range .Tags}}{{$b := .}}{{$b}}{{end}}`, true},
	{"and or not", `{{and .Flag .Count}} {{or .Params.missing "dflt"}} {{and .Params.missing .Nope}} {{not .Flag}} {{if and .Flag (not .Params.missing)}}ok{{end}}`, true},
	{"and piped", `{{.Count | and .Flag}} {{"x" | or ""}}`, true},
	{"comparisons", `{{eq .Count 7}} {{eq .Title "x" "y"}} {{ne .Count 1}} {{lt .Count 9}} {{le .Count 7}} {{gt .Count 7}} {{ge .Count 7}} {{eq .Next.Next nil}} {{eq .Date .Date}} {{ne .Next .Next}} {{lt .Title "Z"}}`, true},
	{"comparison of structs", `{{lt .Date .Date}}`, false},
	{"bad comparison", `{{eq .Count "7"}}`, false},
	{"len", `{{len .Tags}} {{len .Title}} {{len .Params}}`, true},
	{"print", `{{print .Count "a" .Flag}} {{printf "%d-%s" .Count .Title}} {{println 1}}`, true},
	{"chain", `{{(index .Tags 0)}} {{(.Next).Title}}`, true},
	{"pipeline parens", `{{upper (join .Tags "/")}} {{(add 1 2) | add 3}}`, true},
	{"template call", `{{define "x"}}[{{.}}|{{$}}]{{end}}{{template "x" .Title}}{{template "x"}}`, true},
	{"template in attr", `{{define "y"}}{{.}}{{end}}<a title="{{template "y" .Title}}">x</a>`, false},
	{"recursion", `{{define "r"}}{{if .}}{{.Title}}/{{template "r" .Next}}{{end}}{{end}}{{template "r" .}}`, true},
	{"comment", `a{{/* note */}}b`, true},
	{"trim", `a  {{- .Count -}}  b`, true},
	{"html escape builtins", `{{.Title | html}} {{urlquery .Title}}`, false},
	{"stringer", `{{.Next}} <a title="{{.Next}}">x</a>`, true},
	{"nul byte", "{{\"a\\x00b\"}} <a title=\"{{\"\\x00\"}}\">x</a>", true},
}

func TestAgreesWithHTMLTemplate(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tmpl := template.Must(template.New("page").Funcs(testFuncs).Parse(tc.text))
			var want bytes.Buffer
			wantErr := tmpl.Execute(&want, testData())
			p, err := Compile(tmpl, "page", testFuncs)
			if err != nil {
				if tc.fast {
					t.Fatalf("Compile: %v", err)
				}
				return
			}
			var got bytes.Buffer
			ok := p.Execute(&got, testData())
			if ok && wantErr != nil {
				t.Fatalf("ran and wrote %q; html/template failed: %v", got.String(), wantErr)
			}
			if ok && got.String() != want.String() {
				t.Errorf("got  %q\nwant %q", got.String(), want.String())
			}
			if ok != tc.fast {
				t.Errorf("ran it itself: %v, want %v (html/template: %q, %v)", ok, tc.fast, want.String(), wantErr)
			}
		})
	}
}

// A template html/template has not escaped yet is not compiled: its
// actions print raw values.
func TestUnescapedIsRefused(t *testing.T) {
	tmpl := template.Must(template.New("page").Parse(`<p>{{.}}</p>`))
	if _, err := Compile(tmpl, "page", nil); err == nil {
		t.Fatal("compiled a template before html/template escaped it")
	}
	if err := tmpl.Execute(io.Discard, "x"); err != nil {
		t.Fatal(err)
	}
	if _, err := Compile(tmpl, "page", nil); err != nil {
		t.Fatalf("after escaping: %v", err)
	}
}

// Programs are shared by the goroutines rendering a site.
func TestConcurrentExecute(t *testing.T) {
	tmpl := template.Must(template.New("page").Funcs(testFuncs).Parse(`{{range .Tags}}<a href="/t/{{.}}">{{upper .}}</a>{{end}}{{.Next.Title}}{{.Params.summary}}`))
	var want bytes.Buffer
	if err := tmpl.Execute(&want, testData()); err != nil {
		t.Fatal(err)
	}
	p, err := Compile(tmpl, "page", testFuncs)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			var b bytes.Buffer
			for range 200 {
				b.Reset()
				if !p.Execute(&b, testData()) || b.String() != want.String() {
					errs <- fmt.Errorf("got %q, want %q", b.String(), want.String())
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

// A template that hands back most pages stops being tried, and one that
// runs most of them keeps running them.
func TestGivesUpOnTemplatesItCannotRun(t *testing.T) {
	tmpl := template.Must(template.New("page").Parse(`{{if .Params}}{{range $k, $v := .Params}}{{$k}}{{end}}{{end}}{{.Title}}`))
	if err := tmpl.Execute(io.Discard, testData()); err != nil {
		t.Fatal(err)
	}
	p, err := Compile(tmpl, "page", nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	plain := &story{Title: "no params"}
	for range 10 {
		if !p.Execute(&b, plain) {
			t.Fatal("gave back a page it can run")
		}
	}
	for range 200 {
		p.Execute(&b, testData())
	}
	if got := p.gaveUp.Load(); got > 100 {
		t.Errorf("tried %d times on pages it hands back; want it to stop after some %d", got, giveUpAfter)
	}
	if p.Execute(&b, plain) {
		t.Error("still running after giving up")
	}
}

// A range that would run for ever stops soon after its context is done,
// with the context's error, and a stop is not counted as a hand-back.
func TestExecuteContextStops(t *testing.T) {
	tmpl := template.Must(template.New("page").Parse(`{{define "inner"}}{{range 3}}{{end}}{{end}}` +
		`{{range .}}{{template "inner"}}{{end}}`))
	if err := tmpl.Execute(io.Discard, 2); err != nil { // escapes the set
		t.Fatal(err)
	}
	p, err := Compile(tmpl, "page", nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	var b bytes.Buffer
	ok, err := p.ExecuteContext(ctx, &b, int64(9223372036854775807))
	if ok || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("ExecuteContext = %v, %v; want false and the context's error", ok, err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("stopped after %v", d)
	}
	if n := p.gaveUp.Load(); n != 0 {
		t.Errorf("a stop counted as %d hand-backs", n)
	}
	if ok, err := p.ExecuteContext(context.Background(), &b, 5); !ok || err != nil {
		t.Errorf("a short range: %v, %v", ok, err)
	}
}
