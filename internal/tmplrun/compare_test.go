package tmplrun

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
	"testing"
	"time"
)

// TestComparisonsAgree runs every comparison on every pair of a set of
// values of many kinds, through html/template and through a Program: where
// the Program runs a pair itself, it must print what html/template prints,
// and where html/template fails, the Program must hand back.
func TestComparisonsAgree(t *testing.T) {
	var nilStory *story
	s1, s2 := &story{Title: "a"}, &story{Title: "a"}
	values := []any{
		nil, 0, 7, -7, int8(-1), int64(math.MinInt64), uint(0), uint(7), uint64(math.MaxUint64), uintptr(7),
		1.5, float32(7), math.NaN(), math.Inf(-1), complex(1, 2),
		"", "a", "b", named("a"), template.HTML("a"),
		true, false,
		nilStory, s1, s2, *s1,
		[]string(nil), []string{"a"}, map[string]int(nil), map[string]int{},
		time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), [2]int{1, 2}, [2]int{1, 2},
		struct{ X any }{[]int{1}}, struct{ X any }{1},
	}
	type pair struct{ A, B, C any }
	var ran, succeeded int
	for _, op := range []string{"eq", "ne", "lt", "le", "gt", "ge", "eq3"} {
		var tmpl *template.Template
		if op == "eq3" {
			tmpl = template.Must(template.New("t").Parse(`{{eq .A .B .C}}`))
		} else {
			tmpl = template.Must(template.New("t").Parse(fmt.Sprintf(`{{%s .A .B}}`, op)))
		}
		for i, a := range values {
			for j, b := range values {
				data := pair{a, b, values[(i+j)%len(values)]}
				var want bytes.Buffer
				wantErr := tmpl.Execute(&want, data)
				if wantErr == nil {
					succeeded++
				}
				p, err := Compile(tmpl, "t", nil)
				if err != nil {
					t.Fatal(err)
				}
				var got bytes.Buffer
				if !p.Execute(&got, data) {
					continue
				}
				ran++
				if wantErr != nil {
					t.Errorf("%s %#v %#v %#v: ran and wrote %q; html/template failed: %v", op, a, b, data.C, got.String(), wantErr)
				} else if got.String() != want.String() {
					t.Errorf("%s %#v %#v %#v: got %q, want %q", op, a, b, data.C, got.String(), want.String())
				}
			}
		}
	}
	// Complex numbers are all it hands back that html/template can compare.
	if ran < succeeded*9/10 {
		t.Errorf("ran %d of the %d comparisons html/template does", ran, succeeded)
	}
	t.Logf("ran %d of the %d comparisons html/template does", ran, succeeded)
}
