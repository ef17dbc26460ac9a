package tmplrun

import (
	"cmp"
	"reflect"
)

// The comparison builtins, as text/template documents them: eq is
// arg1 == arg2 || arg1 == arg3 ..., ne, lt, le, gt and ge take two
// arguments; ordering applies to integers, floats and strings, equality
// also to booleans and, within one kind, to any comparable value or nil.
// Integers compare by value whatever their size and signedness. Every pair
// text/template reports as an error is handed back, and so are complex
// numbers, which no template of ours compares.

// family is how the comparisons group kinds: values of two families are
// never equal, and comparing them is an error unless one is nil.
type family uint8

const (
	composite family = iota // nil, and every kind that is not basic
	boolean
	integer // signed and unsigned alike
	floating
	text
	complexNumber
)

func familyOf(v reflect.Value) family {
	switch k := v.Kind(); {
	case k == reflect.Bool:
		return boolean
	case reflect.Int <= k && k <= reflect.Uintptr:
		return integer
	case k == reflect.Float32, k == reflect.Float64:
		return floating
	case k == reflect.Complex64, k == reflect.Complex128:
		return complexNumber
	case k == reflect.String:
		return text
	}
	return composite
}

func eq(arg1 reflect.Value, others []reflect.Value) bool {
	arg1 = indirectInterface(arg1)
	// Only the pairs up to the first equal one are looked at: a bad pair
	// after it is no error.
	for _, v := range others {
		if equal(arg1, indirectInterface(v)) {
			return true
		}
	}
	return false
}

func ne(a, b reflect.Value) bool { return !eq(a, []reflect.Value{b}) }

func lt(a, b reflect.Value) bool { return less(indirectInterface(a), indirectInterface(b)) }

func le(a, b reflect.Value) bool { return lt(a, b) || eq(a, []reflect.Value{b}) }

func gt(a, b reflect.Value) bool { return !le(a, b) }

func ge(a, b reflect.Value) bool { return !lt(a, b) }

// equal is == for one pair of values taken out of their interfaces.
func equal(a, b reflect.Value) bool {
	fam := familyOf(a)
	if fam != familyOf(b) {
		if a.IsValid() && b.IsValid() {
			bail() // incompatible types
		}
		return false // nil is no basic value
	}
	switch fam {
	case boolean:
		return a.Bool() == b.Bool()
	case integer:
		return integerOrder(a, b) == 0
	case floating:
		return a.Float() == b.Float()
	case text:
		return a.String() == b.String()
	case composite:
		return sameComposite(a, b)
	}
	bail()
	return false
}

// sameComposite is == for values that are not basic: nil (untyped, or a
// nil pointer, slice, map, ...) equals any other nil, and the rest are
// compared with Go's == when their kinds match and their types are
// comparable.
func sameComposite(a, b reflect.Value) bool {
	if a.IsValid() && b.IsValid() && a.Kind() != b.Kind() {
		bail()
	}
	aNil, bNil := isNil(a), isNil(b)
	if aNil || bNil {
		return aNil == bNil
	}
	if !a.Type().Comparable() || !b.Type().Comparable() {
		bail()
	}
	// A comparable struct may still hold an interface with an
	// incomparable value: == panics, and Execute hands back.
	return a.Interface() == b.Interface()
}

// isNil reports whether v is no value, or the nil of a type that has one.
func isNil(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Invalid:
		return true
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return v.IsNil()
	}
	return false
}

// less is < for one pair of values taken out of their interfaces.
func less(a, b reflect.Value) bool {
	fam := familyOf(a)
	if fam != familyOf(b) {
		bail()
	}
	switch fam {
	case integer:
		return integerOrder(a, b) < 0
	case floating:
		return a.Float() < b.Float()
	case text:
		return a.String() < b.String()
	}
	bail() // nil, booleans, complex numbers and composites have no order
	return false
}

// integerOrder is -1, 0 or +1 as integer a is below, equal to or above b.
// Each is taken as its sign and its 64 bits in two's complement: the sign
// decides between a negative and a non-negative number, and the bits,
// compared unsigned, order two numbers of the same sign.
func integerOrder(a, b reflect.Value) int {
	aNeg, aBits := signAndBits(a)
	bNeg, bBits := signAndBits(b)
	if aNeg != bNeg {
		if aNeg {
			return -1
		}
		return +1
	}
	return cmp.Compare(aBits, bBits)
}

func signAndBits(v reflect.Value) (negative bool, bits uint64) {
	if v.CanInt() {
		n := v.Int()
		return n < 0, uint64(n)
	}
	return false, v.Uint()
}
