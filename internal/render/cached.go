package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/tmplrun"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// partials keeps the output of partialCached for one render of a site.
type partials struct {
	m   sync.Map        // key → template.HTML
	ctx context.Context // the render's: done when it ends early
}

// MaxPartialDepth bounds partialCached calls inside one another on one
// page, as text/template bounds {{template}} calls. Each call is an
// execution of its own, which text/template's own limit never sees, so
// a partial that calls itself without end would otherwise overflow the
// stack and kill the process.
const MaxPartialDepth = 100

// maxConcurrent caps the pages nesting counts for: html/template uses
// some 40 kB of stack per nested partial.
const maxConcurrent = 32

// depthError is a partial called inside itself beyond MaxPartialDepth.
type depthError struct{ name string }

func (e *depthError) Error() string {
	return fmt.Sprintf("partialCached %q: partials called inside one another more than %d deep; does %q call itself without end?", e.name, MaxPartialDepth, e.name)
}

// nesting counts the executions of each partial under way, and the times
// the limit was hit. A template function cannot know which page or
// goroutine calls it, so the count is of every page being rendered: one
// partial at most MaxPartialDepth deep on each of the pages rendered at
// once (one per core, up to maxConcurrent). A page that recurses thus
// stops at most MaxPartialDepth*maxConcurrent deep, a few hundred
// megabytes of stack at worst, well under Go's limit of one gigabyte.
type nesting struct {
	running sync.Map // name → *atomic.Int64
	trips   atomic.Int64
	last    atomic.Pointer[depthError]
}

// enter counts one more execution of name, or reports the limit hit.
// leave must follow a nil error.
func (n *nesting) enter(name string) error {
	v, _ := n.running.LoadOrStore(name, new(atomic.Int64))
	c := v.(*atomic.Int64)
	if c.Add(1) > int64(MaxPartialDepth*min(runtime.GOMAXPROCS(0), maxConcurrent)) {
		c.Add(-1)
		err := &depthError{name: name}
		n.last.Store(err)
		n.trips.Add(1)
		return err
	}
	return nil
}

func (n *nesting) leave(name string) {
	v, _ := n.running.Load(name)
	v.(*atomic.Int64).Add(-1)
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
			return ts.executePartial(context.Background(), t, fast[name], name, ctx)
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
		out, err := ts.executePartial(c.ctx, t, fast[name], name, ctx)
		if err == nil {
			c.m.Store(k, out)
		}
		return out, err
	}
}

// executePartial renders a partial with its compiled program, or with
// html/template when there is none or the program cannot. It stops with
// ctx's error once ctx is done.
func (ts *Templates) executePartial(ctx context.Context, t *template.Template, p *tmplrun.Program, name string, data any) (template.HTML, error) {
	if err := ts.nesting.enter(name); err != nil {
		return "", err
	}
	defer ts.nesting.leave(name)
	b := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(b)
	b.Reset()
	if p != nil && ts.compiled {
		trips := ts.nesting.trips.Load()
		ok, err := p.ExecuteContext(ctx, b, data)
		switch {
		case ok:
			return template.HTML(b.String()), nil
		case err != nil:
			return "", err
		case ts.nesting.trips.Load() != trips:
			// The program gave up on the depth error below it; html/template
			// would only run the whole depth again, once per level.
			return "", ts.nesting.last.Load()
		}
		ts.handedBack.Add(1)
		b.Reset()
	}
	if err := t.ExecuteTemplate(ctxWriter{b, ctx}, name, data); err != nil {
		// The error from the innermost call, not wrapped once per level.
		var de *depthError
		if errors.As(err, &de) {
			return "", de
		}
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
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
