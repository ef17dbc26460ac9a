// Package tmplrun executes html/template templates that html/template has
// already escaped, without text/template's reflective function calls.
//
// html/template's safety comes from its escaping pass, which rewrites each
// template's parse tree so that every printed value goes through an escaper
// function. The tree is then run by text/template, which looks up every
// field by name and calls every function, escapers included, through
// reflect.Value.Call: on a news page that is most of the time spent. A
// Program runs the same escaped tree with field lookups cached per call
// site, the escapers and builtins called directly, and the site's own
// functions called without reflection where their signature is known.
//
// The contract is all or nothing: Execute either writes exactly what
// html/template's ExecuteTemplate would, or reports false, and the caller
// runs html/template instead (which then also gives the error, with
// text/template's wording). Whatever a Program cannot do the same way — a
// construct it does not compile, a value of a kind it does not handle, any
// error — ends in false, never in different output.
package tmplrun

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"sync/atomic"
	"text/template/parse"
)

// Program is one compiled template, safe for concurrent use.
type Program struct {
	root *compiled
	// A template that gives up on most of its data (a map ranged over on
	// every page, say) is not tried again: it would only add its time to
	// html/template's.
	ran, gaveUp atomic.Int64
}

// giveUpAfter is how many hand-backs, outnumbering completed runs four to
// one, stop a Program from trying.
const giveUpAfter = 32

// compiled is one template of the set, compiled once even when called from
// many places (or from itself).
type compiled struct {
	body stmt
}

// Compile compiles the template called name in set, and every template it
// calls. set must have been escaped for name already (html/template does so
// on the first execution), and funcs must be the functions the set was
// given. An error means the template uses something this package does not
// run; the caller keeps using html/template for it.
func Compile(set *template.Template, name string, funcs template.FuncMap) (*Program, error) {
	c := &compiler{set: set, funcs: funcs, done: map[string]*compiled{}}
	root, err := c.template(name)
	if err != nil {
		return nil, err
	}
	return &Program{root: root}, nil
}

// Execute writes the template's output for data to w and reports true, or
// reports false when html/template has to run it; w may then hold part of
// the output, which the caller discards.
func (p *Program) Execute(w *bytes.Buffer, data any) (ok bool) {
	ok, _ = p.ExecuteContext(context.Background(), w, data)
	return ok
}

// ExecuteContext is Execute that stops once ctx is done, with ctx's error
// and ok false: a range notices between iterations, so that a template
// looping for ever ({{range 9223372036854775807}}) ends with the build.
// The caller must not hand a stopped run to html/template, which would
// only loop again where nothing can stop it.
func (p *Program) ExecuteContext(ctx context.Context, w *bytes.Buffer, data any) (ok bool, err error) {
	if n := p.gaveUp.Load(); n >= giveUpAfter && n > 4*p.ran.Load() {
		return false, nil
	}
	defer func() {
		// errBail, or a panic in a called function, which text/template
		// turns into an error of its own wording.
		if r := recover(); r != nil {
			ok = false
			if r == errStopped {
				err = ctx.Err()
				return
			}
		}
		if ok {
			p.ran.Add(1)
		} else {
			p.gaveUp.Add(1)
		}
	}()
	dot := reflect.ValueOf(data)
	s := &state{w: w, vars: make([]variable, 1, 8), done: ctx.Done()}
	s.vars[0] = variable{"$", dot}
	p.root.body(s, dot)
	return true, nil
}

// errStopped unwinds an execution whose context is done.
var errStopped = errors.New("tmplrun: stopped")

// checkEvery is how many range iterations pass between looks at the
// context: often enough to stop within a millisecond, rarely enough to
// cost nothing.
const checkEvery = 1024

// step counts one range iteration and stops the run once its context is
// done.
func (s *state) step() {
	s.steps++
	if s.steps%checkEvery != 0 || s.done == nil {
		return
	}
	select {
	case <-s.done:
		panic(errStopped)
	default:
	}
}

// errBail unwinds an execution that html/template must redo.
var errBail = errors.New("tmplrun: run by html/template")

func bail() { panic(errBail) }

// maxDepth bounds template calls; html/template reports the deeper ones.
const maxDepth = 1000

type variable struct {
	name  string
	value reflect.Value
}

type state struct {
	w     *bytes.Buffer
	vars  []variable
	depth int
	done  <-chan struct{} // the context's; nil when it is never done
	steps int             // range iterations so far
}

func (s *state) mark() int { return len(s.vars) }

func (s *state) pop(mark int) { s.vars = s.vars[:mark] }

func (s *state) setVar(name string, v reflect.Value) {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = v
			return
		}
	}
	bail()
}

func (s *state) varValue(name string) reflect.Value {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value
		}
	}
	bail()
	return reflect.Value{}
}

// ctl is how a statement ends: normally, or by {{break}} or {{continue}}.
type ctl uint8

const (
	ctlNone ctl = iota
	ctlBreak
	ctlContinue
)

type stmt func(s *state, dot reflect.Value) ctl

type compiler struct {
	set   *template.Template
	funcs template.FuncMap
	done  map[string]*compiled
}

func unsupported(format string, args ...any) error {
	return fmt.Errorf("tmplrun: "+format, args...)
}

func (c *compiler) template(name string) (*compiled, error) {
	if t, ok := c.done[name]; ok {
		return t, nil
	}
	t := c.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		// Among others, the copies html/template derives for a template
		// called in another context, which only text/template can see.
		return nil, unsupported("template %q not in the set", name)
	}
	out := &compiled{}
	c.done[name] = out // before the body, for templates that call themselves
	body, err := c.list(t.Tree.Root)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	out.body = body
	return out, nil
}

func (c *compiler) list(l *parse.ListNode) (stmt, error) {
	if l == nil {
		return func(*state, reflect.Value) ctl { return ctlNone }, nil
	}
	var stmts []stmt
	for _, n := range l.Nodes {
		st, err := c.node(n)
		if err != nil {
			return nil, err
		}
		if st != nil {
			stmts = append(stmts, st)
		}
	}
	switch len(stmts) {
	case 0:
		return func(*state, reflect.Value) ctl { return ctlNone }, nil
	case 1:
		return stmts[0], nil
	}
	return func(s *state, dot reflect.Value) ctl {
		for _, st := range stmts {
			if r := st(s, dot); r != ctlNone {
				return r
			}
		}
		return ctlNone
	}, nil
}

func (c *compiler) node(n parse.Node) (stmt, error) {
	switch n := n.(type) {
	case *parse.TextNode:
		text := n.Text
		return func(s *state, _ reflect.Value) ctl { s.w.Write(text); return ctlNone }, nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		return c.action(n)
	case *parse.IfNode:
		return c.ifOrWith(&n.BranchNode, false)
	case *parse.WithNode:
		return c.ifOrWith(&n.BranchNode, true)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.call(n)
	case *parse.BreakNode:
		return func(*state, reflect.Value) ctl { return ctlBreak }, nil
	case *parse.ContinueNode:
		return func(*state, reflect.Value) ctl { return ctlContinue }, nil
	}
	return nil, unsupported("node %s", n)
}

func (c *compiler) action(n *parse.ActionNode) (stmt, error) {
	p, err := c.pipeline(n.Pipe)
	if err != nil {
		return nil, err
	}
	if len(n.Pipe.Decl) > 0 {
		return func(s *state, dot reflect.Value) ctl { p(s, dot); return ctlNone }, nil
	}
	// html/template ends every printed pipeline in an escaper; one that
	// does not was never escaped.
	last := n.Pipe.Cmds[len(n.Pipe.Cmds)-1]
	if id, ok := last.Args[0].(*parse.IdentifierNode); !ok || escapers[id.Ident] == nil {
		return nil, unsupported("unescaped action %s", n)
	}
	return func(s *state, dot reflect.Value) ctl {
		printValue(s, p(s, dot))
		return ctlNone
	}, nil
}

var stringType = reflect.TypeFor[string]()

// printValue writes a printed value as text/template's printValue does.
func printValue(s *state, v reflect.Value) {
	if v.Kind() == reflect.String && v.Type() == stringType {
		s.w.WriteString(v.String())
		return
	}
	if v.Kind() == reflect.Pointer {
		v, _ = indirect(v)
	}
	if !v.IsValid() {
		s.w.WriteString("<no value>")
		return
	}
	if !v.Type().Implements(errorType) && !v.Type().Implements(stringerType) {
		if v.CanAddr() && (reflect.PointerTo(v.Type()).Implements(errorType) || reflect.PointerTo(v.Type()).Implements(stringerType)) {
			v = v.Addr()
		} else if k := v.Kind(); k == reflect.Chan || k == reflect.Func {
			bail()
		}
	}
	fmt.Fprint(s.w, v.Interface())
}

var (
	errorType    = reflect.TypeFor[error]()
	stringerType = reflect.TypeFor[fmt.Stringer]()
)
