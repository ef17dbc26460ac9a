package tmplrun

import (
	"fmt"
	"html/template"
	"reflect"
	"text/template/parse"
	"time"
)

var anyType = reflect.TypeFor[any]()

// function compiles a call of a named function: an escaper html/template
// inserted, one of the set's functions, or a builtin.
func (c *compiler) function(name string, args []parse.Node) (command, error) {
	if esc := escapers[name]; esc != nil {
		if len(args) > 0 {
			return nil, unsupported("arguments to %s", name)
		}
		return func(s *state, _, final reflect.Value) reflect.Value {
			if isMissing(final) {
				bail()
			}
			return reflect.ValueOf(esc(iface(validate(final, anyType))))
		}, nil
	}
	if f, ok := c.funcs[name]; ok {
		return c.userFunc(name, f, args)
	}
	switch name {
	case "and", "or":
		return c.andOr(name == "or", args)
	case "not":
		return c.builtin(args, 1, 1, func(v []reflect.Value) reflect.Value {
			t, _ := isTrue(indirectInterface(v[0]))
			return reflect.ValueOf(!t)
		})
	case "eq":
		return c.builtin(args, 2, -1, func(v []reflect.Value) reflect.Value { return reflect.ValueOf(eq(v[0], v[1:])) })
	case "ne":
		return c.comparison(args, ne)
	case "lt":
		return c.comparison(args, lt)
	case "le":
		return c.comparison(args, le)
	case "gt":
		return c.comparison(args, gt)
	case "ge":
		return c.comparison(args, ge)
	case "len":
		return c.builtin(args, 1, 1, func(v []reflect.Value) reflect.Value {
			item, isNil := indirect(v[0])
			switch {
			case isNil:
			case item.Kind() == reflect.Array, item.Kind() == reflect.Map, item.Kind() == reflect.Slice, item.Kind() == reflect.String:
				return reflect.ValueOf(item.Len())
			}
			bail()
			return reflect.Value{}
		})
	case "index":
		return c.builtin(args, 1, -1, func(v []reflect.Value) reflect.Value { return index(v[0], v[1:]) })
	case "print":
		return c.userFunc(name, fmt.Sprint, args)
	case "printf":
		return c.userFunc(name, fmt.Sprintf, args)
	case "println":
		return c.userFunc(name, fmt.Sprintln, args)
	}
	return nil, unsupported("function %s", name)
}

// builtin compiles a builtin whose parameters are reflect.Values, taking
// between least and most of them (most -1: any number).
func (c *compiler) builtin(args []parse.Node, least, most int, f func([]reflect.Value) reflect.Value) (command, error) {
	evals, err := c.args(args, func(int) reflect.Type { return reflectValueType })
	if err != nil {
		return nil, err
	}
	return func(s *state, dot, final reflect.Value) reflect.Value {
		v := make([]reflect.Value, 0, len(evals)+1)
		for _, e := range evals {
			v = append(v, e(s, dot))
		}
		if !isMissing(final) {
			v = append(v, final)
		}
		if len(v) < least || most >= 0 && len(v) > most {
			bail()
		}
		return f(v)
	}, nil
}

// comparison compiles a builtin comparison of two values.
func (c *compiler) comparison(args []parse.Node, f func(a, b reflect.Value) bool) (command, error) {
	return c.builtin(args, 2, 2, func(v []reflect.Value) reflect.Value { return reflect.ValueOf(f(v[0], v[1])) })
}

func (c *compiler) andOr(or bool, args []parse.Node) (command, error) {
	evals, err := c.args(args, func(int) reflect.Type { return reflectValueType })
	if err != nil {
		return nil, err
	}
	return func(s *state, dot, final reflect.Value) reflect.Value {
		if len(evals) == 0 && isMissing(final) {
			bail()
		}
		var v reflect.Value
		for _, e := range evals {
			v = e(s, dot)
			if t, _ := isTrue(indirectInterface(v)); t == or {
				return v
			}
		}
		if !isMissing(final) {
			v = final
		}
		return v
	}, nil
}

func (c *compiler) args(args []parse.Node, typ func(i int) reflect.Type) ([]func(*state, reflect.Value) reflect.Value, error) {
	evals := make([]func(*state, reflect.Value) reflect.Value, len(args))
	for i, a := range args {
		var err error
		if evals[i], err = c.arg(a, typ(i)); err != nil {
			return nil, err
		}
	}
	return evals, nil
}

// userFunc compiles a call of a Go function, with text/template's rules for
// the arguments and results; common signatures are called directly.
func (c *compiler) userFunc(name string, f any, args []parse.Node) (command, error) {
	fn := reflect.ValueOf(f)
	t := fn.Type()
	if t.Kind() != reflect.Func {
		return nil, unsupported("%s is not a function", name)
	}
	if n := t.NumOut(); n == 0 || n > 2 || n == 2 && t.Out(1) != errorType {
		return nil, unsupported("results of %s", name)
	}
	fixed := t.NumIn()
	if t.IsVariadic() {
		fixed--
	}
	param := func(i int) reflect.Type {
		if i < fixed {
			return t.In(i)
		}
		if t.IsVariadic() {
			return t.In(t.NumIn() - 1).Elem()
		}
		return nil
	}
	if !t.IsVariadic() && len(args) > fixed {
		return nil, unsupported("too many arguments to %s", name)
	}
	evals, err := c.args(args, param)
	if err != nil {
		return nil, err
	}
	direct := directCall(f, fn)
	return func(s *state, dot, final reflect.Value) reflect.Value {
		argv := make([]reflect.Value, 0, len(evals)+1)
		for _, e := range evals {
			argv = append(argv, e(s, dot))
		}
		if !isMissing(final) {
			p := param(len(argv))
			if p == nil {
				bail()
			}
			argv = append(argv, validate(final, p))
		}
		if len(argv) < fixed || !t.IsVariadic() && len(argv) != fixed {
			bail()
		}
		if direct != nil {
			return direct(argv)
		}
		return results(t, fn.Call(argv))
	}, nil
}

// iface is a validated argument as the called function receives it.
func iface(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

func ifaces(vs []reflect.Value) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = iface(v)
	}
	return out
}

func check[T any](v T, err error) reflect.Value {
	if err != nil {
		bail()
	}
	return reflect.ValueOf(v)
}

// directCall calls functions of the common signatures without
// reflect.Value.Call; nil means f goes through reflection.
func directCall(f any, fn reflect.Value) func(argv []reflect.Value) reflect.Value {
	switch f := f.(type) {
	case func(any) (string, error):
		return func(a []reflect.Value) reflect.Value { return check(f(iface(a[0]))) }
	case func(string) string:
		return func(a []reflect.Value) reflect.Value { return reflect.ValueOf(f(a[0].String())) }
	case func(time.Time) string:
		return func(a []reflect.Value) reflect.Value { return reflect.ValueOf(f(iface(a[0]).(time.Time))) }
	case func(string, time.Time) string:
		return func(a []reflect.Value) reflect.Value {
			return reflect.ValueOf(f(a[0].String(), iface(a[1]).(time.Time)))
		}
	case func([]string, string) string:
		return func(a []reflect.Value) reflect.Value {
			list, ok := iface(a[0]).([]string)
			if !ok { // a named type of []string
				return results(fn.Type(), fn.Call(a))
			}
			return reflect.ValueOf(f(list, a[1].String()))
		}
	case func(int, int) int:
		return func(a []reflect.Value) reflect.Value { return reflect.ValueOf(f(int(a[0].Int()), int(a[1].Int()))) }
	case func(string, any, ...any) (template.HTML, error):
		return func(a []reflect.Value) reflect.Value { return check(f(a[0].String(), iface(a[1]), ifaces(a[2:])...)) }
	case func(...any) string:
		return func(a []reflect.Value) reflect.Value { return reflect.ValueOf(f(ifaces(a)...)) }
	case func(string, ...any) string:
		return func(a []reflect.Value) reflect.Value { return reflect.ValueOf(f(a[0].String(), ifaces(a[1:])...)) }
	}
	return nil
}

// index is text/template's index for slices, arrays, strings and maps with
// string keys.
func index(item reflect.Value, indexes []reflect.Value) reflect.Value {
	item = indirectInterface(item)
	if !item.IsValid() {
		bail()
	}
	for _, i := range indexes {
		i = indirectInterface(i)
		var isNil bool
		if item, isNil = indirect(item); isNil {
			bail()
		}
		switch item.Kind() {
		case reflect.Array, reflect.Slice, reflect.String:
			if !isIntKind(i.Kind()) || i.Int() < 0 || i.Int() >= int64(item.Len()) {
				bail()
			}
			item = item.Index(int(i.Int()))
		case reflect.Map:
			if !i.IsValid() || i.Type() != stringType || item.Type().Key() != stringType {
				bail()
			}
			if x := item.MapIndex(i); x.IsValid() {
				item = x
			} else {
				item = reflect.Zero(item.Type().Elem())
			}
		default:
			bail()
		}
	}
	return item
}
