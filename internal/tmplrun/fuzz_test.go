package tmplrun

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"math/rand/v2"
	"testing"
)

// FuzzTemplates runs templates and data made from the fuzzer's bytes (see
// gen_test.go) through html/template and through a Program compiled as
// package render compiles one: every run the Program does not hand back
// must write exactly what html/template writes, and every run where
// html/template fails must be handed back.
func FuzzTemplates(f *testing.F) {
	for seed := range uint64(16) {
		f.Add(seedBytes(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkGenerated(t, b)
	})
}

// TestGeneratedTemplates is FuzzTemplates on inputs from fixed seeds, so
// that go test alone tries some hundreds of templates.
func TestGeneratedTemplates(t *testing.T) {
	const n = 400
	var total tally
	for seed := range uint64(n) {
		total.add(checkGenerated(t, seedBytes(seed)))
		if t.Failed() {
			t.Fatalf("seed %d", seed)
		}
	}
	t.Logf("%+v", total)
	// The generator is only worth its time if the Programs run most of
	// what html/template runs.
	if total.ran < total.succeeded*2/3 || total.succeeded < n/2 {
		t.Errorf("of %d runs, html/template completed %d and the Programs ran %d", total.runs, total.succeeded, total.ran)
	}
}

func seedBytes(seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 0x6e657773))
	b := make([]byte, 64+r.IntN(448))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// tally counts what became of generated templates and their runs.
type tally struct {
	refused   int // not parsed, not escaped or not compiled
	runs      int // on data, of the rest
	succeeded int // by html/template
	ran       int // by the Program itself
}

func (t *tally) add(u tally) {
	t.refused += u.refused
	t.runs += u.runs
	t.succeeded += u.succeeded
	t.ran += u.ran
}

// checkGenerated makes a template from the front of b and data from its
// back, and compares a Program's runs of it with html/template's.
func checkGenerated(t *testing.T, b []byte) (count tally) {
	t.Helper()
	text := genTemplate(&source{b: b})
	tail := make([]byte, len(b))
	for i, c := range b {
		tail[len(b)-1-i] = c
	}
	data := []*item{genData(&source{b: tail}, 2), genData(&source{b: tail[min(len(tail), 17):]}, 2), fullData()}

	tmpl, err := template.New("page").Funcs(genFuncs).Parse(text)
	if err != nil {
		count.refused++
		return count
	}
	// As package render's compile does: a first execution with no data
	// escapes the set, stopped at its first output.
	err = tmpl.Execute(stopWriter{}, nil)
	var escErr *template.Error
	if errors.As(err, &escErr) {
		count.refused++
		return count
	}
	p, err := Compile(tmpl, "page", genFuncs)
	if err != nil {
		count.refused++
		return count
	}
	for _, d := range data {
		var want, got bytes.Buffer
		wantErr := tmpl.Execute(&want, d)
		ok := p.Execute(&got, d)
		count.runs++
		if wantErr == nil {
			count.succeeded++
		}
		if ok {
			count.ran++
		}
		switch {
		case !ok:
		case wantErr != nil:
			t.Errorf("template %q\non %s:\nran and wrote %q\nhtml/template failed: %v", text, describe(d), got.String(), wantErr)
		case got.String() != want.String():
			t.Errorf("template %q\non %s:\ngot  %q\nwant %q", text, describe(d), got.String(), want.String())
		}
	}
	return count
}

type stopWriter struct{}

func (stopWriter) Write([]byte) (int, error) { return 0, errStop }

var errStop = errors.New("stop")

// describe shows data in a failure, pointers followed.
func describe(it *item) string {
	if it == nil {
		return "nil"
	}
	flat := *it
	flat.Next, flat.Items = nil, nil
	s := fmt.Sprintf("%+v", flat)
	if it.Next != nil {
		s += " Next:" + describe(it.Next)
	}
	for _, c := range it.Items {
		s += " Item:" + describe(c)
	}
	return "(" + s + ")"
}
