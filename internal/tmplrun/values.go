package tmplrun

import (
	"reflect"
	"text/template"
)

// The rules below are those text/template's documentation gives for
// values: what is true, how pointers and interfaces are followed, and
// what a function's parameter accepts. Where the documentation says a
// value is an error, they bail, and html/template runs the page and gives
// the error in its own words.

// nilable kinds are those whose zero value is nil.
var nilable = map[reflect.Kind]bool{
	reflect.Chan: true, reflect.Func: true, reflect.Interface: true,
	reflect.Map: true, reflect.Pointer: true, reflect.Slice: true,
}

// takesNil reports whether a parameter of type typ can be given nil: a
// nilable kind, or reflect.Value, which the builtins take.
func takesNil(typ reflect.Type) bool {
	return nilable[typ.Kind()] || typ == reflectValueType
}

// validate makes v fit a parameter of type typ as text/template does: nil
// becomes typ's zero value where typ can be nil; a value is passed as it
// is, out of its interface, through its pointer or by its address,
// whichever typ accepts. typ nil or reflect.Value (a builtin's parameter)
// takes v as it is.
func validate(v reflect.Value, typ reflect.Type) reflect.Value {
	if typ == nil || typ == reflectValueType {
		if v.IsValid() && v.Type() == reflectValueType {
			bail()
		}
		return v
	}
	switch {
	case !v.IsValid():
		if !takesNil(typ) {
			bail()
		}
		return reflect.Zero(typ)
	case v.Type().AssignableTo(typ):
		return v
	}
	if v.Kind() == reflect.Interface && !v.IsNil() && v.Elem().Type().AssignableTo(typ) {
		return v.Elem()
	}
	if v.Kind() == reflect.Pointer && v.Type().Elem().AssignableTo(typ) {
		if v.IsNil() {
			bail()
		}
		return v.Elem()
	}
	if v.CanAddr() && reflect.PointerTo(v.Type()).AssignableTo(typ) {
		return v.Addr()
	}
	bail()
	return v
}

// indirect follows pointers and interfaces down to a value, and reports
// whether it met a nil on the way (the nil is returned then).
func indirect(v reflect.Value) (reflect.Value, bool) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return v, true
		}
		v = v.Elem()
	}
	return v, false
}

// indirectInterface takes a value out of its interface; a nil interface
// gives the invalid Value, which the template language calls nil.
func indirectInterface(v reflect.Value) reflect.Value {
	switch {
	case v.Kind() != reflect.Interface:
		return v
	case v.IsNil():
		return reflect.Value{}
	}
	return v.Elem()
}

// isTrue is the truth of if, with, and, or and not, as the documented
// template.IsTrue gives it; ok is false for a value that has none.
func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	if v.Kind() == reflect.Bool {
		return v.Bool(), true // the common case, without boxing the value
	}
	if !v.CanInterface() {
		bail()
	}
	return template.IsTrue(v.Interface())
}
