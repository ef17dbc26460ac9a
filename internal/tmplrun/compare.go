package tmplrun

import "reflect"

type kind int

const (
	invalidKind kind = iota
	boolKind
	complexKind
	intKind
	floatKind
	stringKind
	uintKind
)

func basicKind(v reflect.Value) kind {
	switch v.Kind() {
	case reflect.Bool:
		return boolKind
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intKind
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintKind
	case reflect.Float32, reflect.Float64:
		return floatKind
	case reflect.Complex64, reflect.Complex128:
		return complexKind
	case reflect.String:
		return stringKind
	}
	return invalidKind
}

// eq is text/template's eq; where it returns an error, the run bails.
func eq(arg1 reflect.Value, arg2 []reflect.Value) bool {
	arg1 = indirectInterface(arg1)
	k1 := basicKind(arg1)
	for _, arg := range arg2 {
		arg = indirectInterface(arg)
		k2 := basicKind(arg)
		truth := false
		if k1 != k2 {
			switch {
			case k1 == intKind && k2 == uintKind:
				truth = arg1.Int() >= 0 && uint64(arg1.Int()) == arg.Uint()
			case k1 == uintKind && k2 == intKind:
				truth = arg.Int() >= 0 && arg1.Uint() == uint64(arg.Int())
			case arg1.IsValid() && arg.IsValid():
				bail()
			}
		} else {
			switch k1 {
			case boolKind:
				truth = arg1.Bool() == arg.Bool()
			case complexKind:
				truth = arg1.Complex() == arg.Complex()
			case floatKind:
				truth = arg1.Float() == arg.Float()
			case intKind:
				truth = arg1.Int() == arg.Int()
			case stringKind:
				truth = arg1.String() == arg.String()
			case uintKind:
				truth = arg1.Uint() == arg.Uint()
			default:
				if arg1.Kind() != arg.Kind() && arg1.IsValid() && arg.IsValid() {
					bail()
				}
				if isNil(arg1) || isNil(arg) {
					truth = isNil(arg) == isNil(arg1)
				} else {
					if !arg.Type().Comparable() {
						bail()
					}
					truth = arg1.Interface() == arg.Interface()
				}
			}
		}
		if truth {
			return true
		}
	}
	return false
}

func isNil(v reflect.Value) bool {
	if !v.IsValid() {
		return true
	}
	switch v.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return v.IsNil()
	}
	return false
}

// lt is text/template's lt.
func lt(arg1, arg2 reflect.Value) bool {
	arg1 = indirectInterface(arg1)
	arg2 = indirectInterface(arg2)
	k1, k2 := basicKind(arg1), basicKind(arg2)
	if k1 == invalidKind || k2 == invalidKind {
		bail()
	}
	if k1 != k2 {
		switch {
		case k1 == intKind && k2 == uintKind:
			return arg1.Int() < 0 || uint64(arg1.Int()) < arg2.Uint()
		case k1 == uintKind && k2 == intKind:
			return arg2.Int() >= 0 && arg1.Uint() < uint64(arg2.Int())
		}
		bail()
	}
	switch k1 {
	case floatKind:
		return arg1.Float() < arg2.Float()
	case intKind:
		return arg1.Int() < arg2.Int()
	case stringKind:
		return arg1.String() < arg2.String()
	case uintKind:
		return arg1.Uint() < arg2.Uint()
	}
	bail()
	return false
}
