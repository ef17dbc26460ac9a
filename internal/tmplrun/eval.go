package tmplrun

import (
	"reflect"
	"sync/atomic"
	"text/template/parse"
)

// pipe evaluates a pipeline, declaring or assigning its variables.
type pipe func(s *state, dot reflect.Value) reflect.Value

// missing marks a command with no value piped into it.
var missing = reflect.ValueOf(missingType{})

type missingType struct{}

func isMissing(v reflect.Value) bool { return v.IsValid() && v.Type() == missing.Type() }

// command evaluates one command of a pipeline; final is the value of the
// command before it, or missing.
type command func(s *state, dot, final reflect.Value) reflect.Value

func (c *compiler) pipeline(p *parse.PipeNode) (pipe, error) {
	if p == nil {
		return func(*state, reflect.Value) reflect.Value { return reflect.Value{} }, nil
	}
	cmds := make([]command, len(p.Cmds))
	for i, cmd := range p.Cmds {
		var err error
		if cmds[i], err = c.command(cmd); err != nil {
			return nil, err
		}
	}
	var names []string
	for _, v := range p.Decl {
		names = append(names, v.Ident[0])
	}
	assign := p.IsAssign
	return func(s *state, dot reflect.Value) reflect.Value {
		value := missing
		for _, cmd := range cmds {
			value = cmd(s, dot, value)
			// As text/template does: a value in an interface{} is taken out.
			if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
				value = reflect.ValueOf(value.Interface())
			}
		}
		for _, name := range names {
			if assign {
				s.setVar(name, value)
			} else {
				s.vars = append(s.vars, variable{name, value})
			}
		}
		return value
	}, nil
}

func (c *compiler) command(cmd *parse.CommandNode) (command, error) {
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		if len(cmd.Args) > 1 {
			return nil, unsupported("arguments to %s", n)
		}
		chain := c.fields(n.Ident)
		return func(s *state, dot, final reflect.Value) reflect.Value {
			return chain(dot, final)
		}, nil
	case *parse.VariableNode:
		if len(cmd.Args) > 1 {
			return nil, unsupported("arguments to %s", n)
		}
		name := n.Ident[0]
		if len(n.Ident) == 1 {
			return func(s *state, _, final reflect.Value) reflect.Value {
				if !isMissing(final) {
					bail()
				}
				return s.varValue(name)
			}, nil
		}
		chain := c.fields(n.Ident[1:])
		return func(s *state, _, final reflect.Value) reflect.Value {
			return chain(s.varValue(name), final)
		}, nil
	case *parse.ChainNode:
		if len(cmd.Args) > 1 {
			return nil, unsupported("arguments to %s", n)
		}
		if n.Node.Type() == parse.NodeNil {
			return nil, unsupported("%s", n)
		}
		inner, err := c.arg(n.Node, nil)
		if err != nil {
			return nil, err
		}
		chain := c.fields(n.Field)
		return func(s *state, dot, final reflect.Value) reflect.Value {
			return chain(inner(s, dot), final)
		}, nil
	case *parse.IdentifierNode:
		return c.function(n.Ident, cmd.Args[1:])
	case *parse.PipeNode:
		if len(cmd.Args) > 1 {
			return nil, unsupported("arguments to %s", n)
		}
		p, err := c.pipeline(n)
		if err != nil {
			return nil, err
		}
		return func(s *state, dot, final reflect.Value) reflect.Value {
			if !isMissing(final) {
				bail()
			}
			return p(s, dot)
		}, nil
	}
	if len(cmd.Args) > 1 {
		return nil, unsupported("arguments to %s", cmd.Args[0])
	}
	v, err := constant(cmd.Args[0])
	if err != nil {
		return nil, err
	}
	return func(s *state, dot, final reflect.Value) reflect.Value {
		if !isMissing(final) {
			bail()
		}
		if !v.IsValid() { // the dot
			return dot
		}
		return v
	}, nil
}

// constant is the value of a literal command or argument given no type:
// the invalid Value stands for the dot.
func constant(n parse.Node) (reflect.Value, error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return reflect.Value{}, nil
	case *parse.BoolNode:
		return reflect.ValueOf(n.True), nil
	case *parse.StringNode:
		return reflect.ValueOf(n.Text), nil
	case *parse.NumberNode:
		// text/template's idealConstant, for the plain integers only.
		if n.IsInt && !n.IsComplex && !(n.IsFloat && hasFloatSyntax(n.Text)) && int64(int(n.Int64)) == n.Int64 {
			return reflect.ValueOf(int(n.Int64)), nil
		}
	}
	return reflect.Value{}, unsupported("constant %s", n)
}

func hasFloatSyntax(s string) bool {
	if len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') || len(s) > 0 && s[0] == '\'' {
		return false // hexadecimal and rune literals
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.', 'e', 'E', 'p', 'P':
			return true
		}
	}
	return false
}

// arg compiles an argument evaluated for a parameter of type typ (nil: any
// type, as a chain's receiver), with text/template's evalArg rules.
func (c *compiler) arg(n parse.Node, typ reflect.Type) (func(s *state, dot reflect.Value) reflect.Value, error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return func(s *state, dot reflect.Value) reflect.Value { return validate(dot, typ) }, nil
	case *parse.NilNode:
		if typ == nil || !takesNil(typ) {
			return nil, unsupported("nil for %v", typ)
		}
		z := reflect.Zero(typ)
		if typ == reflectValueType {
			z = reflect.Value{} // what a builtin is given
		}
		return func(*state, reflect.Value) reflect.Value { return z }, nil
	case *parse.FieldNode, *parse.VariableNode, *parse.PipeNode, *parse.IdentifierNode, *parse.ChainNode:
		var cmd command
		var err error
		if id, ok := n.(*parse.IdentifierNode); ok {
			cmd, err = c.function(id.Ident, nil)
		} else if p, ok := n.(*parse.PipeNode); ok {
			var pp pipe
			pp, err = c.pipeline(p)
			cmd = func(s *state, dot, _ reflect.Value) reflect.Value { return pp(s, dot) }
		} else {
			cmd, err = c.command(&parse.CommandNode{NodeType: parse.NodeCommand, Args: []parse.Node{n}})
		}
		if err != nil {
			return nil, err
		}
		return func(s *state, dot reflect.Value) reflect.Value {
			return validate(cmd(s, dot, missing), typ)
		}, nil
	}
	if typ == nil {
		return nil, unsupported("argument %s", n)
	}
	var v reflect.Value
	switch {
	case typ.Kind() == reflect.Interface && typ.NumMethod() == 0, typ == reflectValueType:
		var err error
		if v, err = constant(n); err != nil {
			return nil, err
		}
	case typ.Kind() == reflect.String:
		s, ok := n.(*parse.StringNode)
		if !ok {
			return nil, unsupported("%s for %s", n, typ)
		}
		v = reflect.New(typ).Elem()
		v.SetString(s.Text)
	case typ.Kind() == reflect.Bool:
		b, ok := n.(*parse.BoolNode)
		if !ok {
			return nil, unsupported("%s for %s", n, typ)
		}
		v = reflect.New(typ).Elem()
		v.SetBool(b.True)
	case isIntKind(typ.Kind()):
		num, ok := n.(*parse.NumberNode)
		if !ok || !num.IsInt {
			return nil, unsupported("%s for %s", n, typ)
		}
		v = reflect.New(typ).Elem()
		v.SetInt(num.Int64)
	default:
		return nil, unsupported("%s for %s", n, typ)
	}
	return func(*state, reflect.Value) reflect.Value { return v }, nil
}

func isIntKind(k reflect.Kind) bool { return k >= reflect.Int && k <= reflect.Int64 }

var reflectValueType = reflect.TypeFor[reflect.Value]()

// fields compiles a chain of field names (.A.B.C) evaluated on a receiver;
// the last one may be a method, which gets the piped value.
func (c *compiler) fields(names []string) func(recv, final reflect.Value) reflect.Value {
	sites := make([]*fieldSite, len(names))
	for i, name := range names {
		sites[i] = &fieldSite{name: name}
	}
	last := len(sites) - 1
	return func(recv, final reflect.Value) reflect.Value {
		for _, f := range sites[:last] {
			recv = f.eval(recv, missing)
		}
		return sites[last].eval(recv, final)
	}
}

// fieldSite is one .Name in a template, with a cache of how it was found
// in the last receiver type seen there.
type fieldSite struct {
	name string
	last atomic.Pointer[fieldPlan]
}

type fieldPlan struct {
	typ    reflect.Type // the receiver's type once pointers are followed
	addr   bool         // whether it was addressable (methods of *T count)
	method int          // index in the method set of typ (or *typ if addr), or -1
	index  []int        // struct field, when not a method
	isMap  bool
}

func (f *fieldSite) eval(recv, final reflect.Value) reflect.Value {
	if !recv.IsValid() {
		// text/template gives the zero Value, and missingkey=error an
		// error; html/template sets no option.
		return reflect.Value{}
	}
	r, isNil := indirect(recv)
	if isNil {
		bail()
	}
	addr := r.Kind() != reflect.Interface && r.CanAddr()
	p := f.last.Load()
	if p == nil || p.typ != r.Type() || p.addr != addr {
		p = f.plan(r.Type(), addr)
		f.last.Store(p)
	}
	hasArgs := !isMissing(final)
	switch {
	case p.method >= 0:
		m := r
		if addr {
			m = r.Addr()
		}
		return callMethod(m.Method(p.method), final)
	case p.index != nil:
		if hasArgs {
			bail()
		}
		if len(p.index) == 1 {
			return r.Field(p.index[0])
		}
		v, err := r.FieldByIndexErr(p.index)
		if err != nil {
			bail()
		}
		return v
	case p.isMap:
		if hasArgs {
			bail()
		}
		return r.MapIndex(reflect.ValueOf(f.name))
	}
	bail()
	return reflect.Value{}
}

func (f *fieldSite) plan(t reflect.Type, addr bool) *fieldPlan {
	p := &fieldPlan{typ: t, addr: addr, method: -1}
	mt := t
	if addr {
		mt = reflect.PointerTo(t)
	}
	if m, ok := mt.MethodByName(f.name); ok {
		p.method = m.Index
		return p
	}
	switch t.Kind() {
	case reflect.Struct:
		if sf, ok := t.FieldByName(f.name); ok && sf.IsExported() {
			p.index = sf.Index
		}
	case reflect.Map:
		p.isMap = t.Key() == stringType
	}
	return p
}

// callMethod calls a method with no parameters other than, possibly, the
// piped value; anything else is left to text/template.
func callMethod(m reflect.Value, final reflect.Value) reflect.Value {
	t := m.Type()
	var in []reflect.Value
	switch {
	case isMissing(final) && t.NumIn() == 0:
	case !isMissing(final) && t.NumIn() == 1 && !t.IsVariadic():
		in = []reflect.Value{validate(final, t.In(0))}
	default:
		bail()
	}
	return results(t, m.Call(in))
}

// results takes a function's value, bailing on a non-nil error.
func results(t reflect.Type, out []reflect.Value) reflect.Value {
	switch {
	case t.NumOut() == 2 && t.Out(1) == errorType:
		if !out[1].IsNil() {
			bail()
		}
	case t.NumOut() != 1:
		bail()
	}
	if t.Out(0) == reflectValueType {
		bail() // text/template unwraps it
	}
	return out[0]
}
