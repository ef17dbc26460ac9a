package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/tmplrun"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// partials keeps the output of partialCached for one render of a site.
type partials struct {
	m sync.Map // key → template.HTML
}

// partialCachedFunc returns the partialCached function of one page
// template set: {{partialCached "header" . .Kind .Topic}} renders the
// template "header" with the page the first time a name and key are seen in
// a render, and reuses that output for every other page with the same key.
// A masthead that only varies with the page kind and topic is rendered a
// few dozen times instead of once per page, a story's entry in a list once
// for all the lists it is in. The key must name everything the partial's
// output depends on besides the site; with no key, the context is the key.
// A partial that is the same in every page's set (shared) is kept once for
// all of them.
func partialCachedFunc(set string, shared map[string]bool, t *template.Template, fast map[string]*tmplrun.Program, ts *Templates) func(name string, ctx any, key ...any) (template.HTML, error) {
	return func(name string, ctx any, key ...any) (template.HTML, error) {
		c := ts.partials.Load()
		if c == nil {
			return ts.executePartial(t, fast[name], name, ctx)
		}
		if len(key) == 0 {
			key = []any{ctx}
		}
		in := set
		if shared[name] {
			in = ""
		}
		k := partialKey(in, name, key)
		if out, ok := c.m.Load(k); ok {
			return out.(template.HTML), nil
		}
		out, err := ts.executePartial(t, fast[name], name, ctx)
		if err == nil {
			c.m.Store(k, out)
		}
		return out, err
	}
}

// executePartial renders a partial with its compiled program, or with
// html/template when there is none or the program cannot.
func (ts *Templates) executePartial(t *template.Template, p *tmplrun.Program, name string, ctx any) (template.HTML, error) {
	b := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(b)
	b.Reset()
	if p != nil && ts.compiled {
		if p.Execute(b, ctx) {
			return template.HTML(b.String()), nil
		}
		ts.handedBack.Add(1)
		b.Reset()
	}
	if err := t.ExecuteTemplate(b, name, ctx); err != nil {
		return "", err
	}
	// The partial was escaped by html/template as a template of its own in
	// HTML text, which is where it is called.
	return template.HTML(b.String()), nil
}

// partialKey joins the template set, the partial's name and the key values.
// Pointers to model values are keyed by their identity in the site (a
// topic's slug, a pager's page number), never by address.
func partialKey(set, name string, key []any) string {
	var b strings.Builder
	b.Grow(len(set) + len(name) + 64)
	b.WriteString(set)
	b.WriteByte(0)
	b.WriteString(name)
	for _, v := range key {
		b.WriteByte(0)
		switch v := v.(type) {
		case nil:
			b.WriteString("-")
		case string:
			b.WriteString(v)
		case int:
			b.WriteString(strconv.Itoa(v))
		case bool:
			b.WriteString(strconv.FormatBool(v))
		case *digest.Topic:
			if v != nil {
				b.WriteString("topic:" + v.Slug)
			}
		case *digest.Tag:
			if v != nil {
				b.WriteString("tag:" + v.Slug)
			}
		case []Feed:
			for _, f := range v {
				b.WriteString(f.URL + "\x00" + f.Type + "\x00" + f.Title + "\x00")
			}
		case *Pager:
			if v != nil {
				b.WriteString("page:" + strconv.Itoa(v.Number))
			}
		default:
			p, err := urls.Of(v)
			if err != nil {
				p = fmt.Sprint(v)
			}
			b.WriteString(p)
		}
	}
	return b.String()
}
