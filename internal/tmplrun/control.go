package tmplrun

import (
	"reflect"
	"text/template/parse"
)

func (c *compiler) ifOrWith(b *parse.BranchNode, with bool) (stmt, error) {
	p, err := c.pipeline(b.Pipe)
	if err != nil {
		return nil, err
	}
	list, err := c.list(b.List)
	if err != nil {
		return nil, err
	}
	var elseList stmt
	if b.ElseList != nil {
		if elseList, err = c.list(b.ElseList); err != nil {
			return nil, err
		}
	}
	return func(s *state, dot reflect.Value) ctl {
		defer s.pop(s.mark())
		val := p(s, dot)
		truth, ok := isTrue(indirectInterface(val))
		if !ok {
			bail()
		}
		switch {
		case truth && with:
			return list(s, val)
		case truth:
			return list(s, dot)
		case elseList != nil:
			return elseList(s, dot)
		}
		return ctlNone
	}, nil
}

func (c *compiler) call(n *parse.TemplateNode) (stmt, error) {
	t, err := c.template(n.Name)
	if err != nil {
		return nil, err
	}
	var p pipe
	if n.Pipe != nil {
		if p, err = c.pipeline(n.Pipe); err != nil {
			return nil, err
		}
	}
	return func(s *state, dot reflect.Value) ctl {
		if s.depth >= maxDepth {
			bail()
		}
		if p != nil {
			dot = p(s, dot)
		} else {
			dot = reflect.Value{}
		}
		inner := state{w: s.w, vars: []variable{{"$", dot}}, depth: s.depth + 1, done: s.done, steps: s.steps}
		t.body(&inner, dot)
		s.steps = inner.steps
		return ctlNone
	}, nil
}

// ranged is one compiled {{range}}.
type ranged struct {
	pipe     pipe
	body     stmt
	elseList stmt // nil when there is none
	names    []string
	assign   bool // := rather than =
}

func (c *compiler) rangeNode(r *parse.RangeNode) (stmt, error) {
	rg := &ranged{assign: r.Pipe.IsAssign}
	var err error
	if rg.pipe, err = c.pipeline(r.Pipe); err != nil {
		return nil, err
	}
	if rg.body, err = c.list(r.List); err != nil {
		return nil, err
	}
	if r.ElseList != nil {
		if rg.elseList, err = c.list(r.ElseList); err != nil {
			return nil, err
		}
	}
	for _, d := range r.Pipe.Decl {
		rg.names = append(rg.names, d.Ident[0])
	}
	return rg.run, nil
}

func (rg *ranged) run(s *state, dot reflect.Value) ctl {
	defer s.pop(s.mark())
	val, _ := indirect(rg.pipe(s, dot))
	mark := s.mark()
	switch val.Kind() {
	case reflect.Array, reflect.Slice:
		if val.Len() == 0 {
			break
		}
		for i := range val.Len() {
			if rg.one(s, mark, reflect.ValueOf(i), val.Index(i)) == ctlBreak {
				break
			}
		}
		return ctlNone
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if len(rg.names) > 1 {
			bail()
		}
		if val.Int() <= 0 {
			break
		}
		for i := range val.Int() {
			if rg.one(s, mark, reflect.Value{}, reflect.ValueOf(i).Convert(val.Type())) == ctlBreak {
				break
			}
		}
		return ctlNone
	case reflect.Invalid:
	default:
		// Maps (sorted by fmt's internal order), channels and iterator
		// functions are left to html/template.
		bail()
	}
	// text/template's range catches a {{break}} in its else list as well
	// as in its body: it ends this range, not the one around it. A
	// {{continue}} goes on to the range around it.
	if rg.elseList != nil {
		if r := rg.elseList(s, dot); r != ctlBreak {
			return r
		}
	}
	return ctlNone
}

// one runs the body for one element, with the range's variables set.
func (rg *ranged) one(s *state, mark int, index, elem reflect.Value) ctl {
	s.step()
	decls := len(rg.names)
	switch {
	case decls > 0 && rg.assign && decls > 1:
		s.setVar(rg.names[0], index)
	case decls > 0 && rg.assign:
		s.setVar(rg.names[0], elem)
	case decls > 0:
		s.vars[len(s.vars)-1].value = elem
	}
	if decls > 1 {
		if rg.assign {
			s.setVar(rg.names[1], elem)
		} else {
			s.vars[len(s.vars)-2].value = index
		}
	}
	r := rg.body(s, elem)
	s.pop(mark)
	return r
}
