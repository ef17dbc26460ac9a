package browsertest

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestFindsFaults shows the helpers see what they are for: a page wider
// than a phone, an image without alt text, and a colour scheme applied.
func TestFindsFaults(t *testing.T) {
	b := Start(t)
	axe := AxeScript(t)
	pages := map[string]string{
		"/wide": `<!doctype html><html lang="en"><title>Wide</title><main><h1>Wide</h1><div style="width:2000px">x</div></main>`,
		"/bad":  `<!doctype html><html lang="en"><title>Bad</title><main><h1>Bad</h1><img src="data:," width="10" height="10"></main>`,
		"/scheme": `<!doctype html><html lang="en"><title>Scheme</title><style>@media (prefers-color-scheme: dark) { body { background: black } }</style>` +
			`<main><h1>Scheme</h1></main>`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(pages[r.URL.Path]))
	}))
	defer srv.Close()

	b.Open(t, srv.URL+"/wide", View{Width: 390, Height: 844})
	if got := b.Overflow(t); got < 1000 {
		t.Errorf("a 2000px page at 390px overflows by %dpx, want over 1000", got)
	}
	b.Open(t, srv.URL+"/wide", View{Width: 2400, Height: 900})
	if got := b.Overflow(t); got != 0 {
		t.Errorf("a 2000px page at 2400px overflows by %dpx, want 0", got)
	}

	b.Open(t, srv.URL+"/bad", View{Width: 1280, Height: 900})
	var ids []string
	for _, v := range b.Axe(t, axe) {
		ids = append(ids, v.ID)
	}
	if len(ids) != 1 || ids[0] != "image-alt" {
		t.Errorf("axe found %v, want [image-alt]", ids)
	}

	for _, dark := range []bool{false, true} {
		b.Open(t, srv.URL+"/scheme", View{Width: 1280, Height: 900, Dark: dark})
		if got := Eval[bool](t, b, `matchMedia("(prefers-color-scheme: dark)").matches`); got != dark {
			t.Errorf("dark %v: the page sees prefers-color-scheme: dark = %v", dark, got)
		}
	}
}
